package dev.nplusone;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import dev.nplusone.internal.HikariPoolTracker;
import java.util.Objects;

/**
 * A HikariCP {@link MetricsTrackerFactory} that measures connection checkouts for nplusone, for a
 * pool whose {@code jdbcUrl} is {@code jdbc:nplusone:…}: every checkout's wait, every connection's
 * use and every timeout feed {@link NPlusOne#poolStats} and are charged to the scopes of the
 * borrowing thread. It composes with the factory already set (Micrometer's, say): every call is
 * handed to that factory's tracker too.
 *
 * <pre>{@code
 * HikariConfig config = new HikariConfig();
 * config.setJdbcUrl("jdbc:nplusone:postgresql://db/app");
 * NPlusOneHikariMetrics.install(config);
 * }</pre>
 *
 * <p>Use it or {@link NPlusOne#wrap}, not both around the same pool: both would count each
 * checkout.
 */
public final class NPlusOneHikariMetrics implements MetricsTrackerFactory {
  private final MetricsTrackerFactory delegate;

  private NPlusOneHikariMetrics(MetricsTrackerFactory delegate) {
    this.delegate = delegate;
  }

  /**
   * A factory that measures for nplusone and hands every call to the trackers of {@code
   * existingOrNull}; wrapping one of ours returns it unchanged.
   */
  public static NPlusOneHikariMetrics wrap(MetricsTrackerFactory existingOrNull) {
    if (existingOrNull instanceof NPlusOneHikariMetrics) {
      return (NPlusOneHikariMetrics) existingOrNull;
    }
    return new NPlusOneHikariMetrics(existingOrNull);
  }

  /**
   * Sets on {@code config} a factory that wraps the one it already has; call it before the pool
   * starts.
   *
   * @throws NullPointerException if {@code config} is null
   * @throws IllegalStateException from HikariCP, when {@code config} has a metric registry instead
   *     of a factory, or the pool has started
   */
  public static void install(HikariConfig config) {
    Objects.requireNonNull(config, "config");
    config.setMetricsTrackerFactory(wrap(config.getMetricsTrackerFactory()));
  }

  /** The factory every call is handed to, or null. */
  public MetricsTrackerFactory delegate() {
    return delegate;
  }

  /** Makes the tracker of the pool {@code poolName}; called by HikariCP when the pool starts. */
  @Override
  public IMetricsTracker create(String poolName, com.zaxxer.hikari.metrics.PoolStats poolStats) {
    return HikariPoolTracker.create(delegate, poolName, poolStats);
  }

  @Override
  public String toString() {
    return "NPlusOneHikariMetrics[" + delegate + "]";
  }
}
