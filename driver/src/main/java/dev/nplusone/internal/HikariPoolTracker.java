package dev.nplusone.internal;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The HikariCP metrics tracker behind {@code NPlusOneHikariMetrics}: feeds the pool's {@link
 * PoolMeter} and charges each checkout to the scopes of the borrowing thread (HikariCP calls it on
 * that thread), then hands every call to the tracker of the factory the user had set. Loaded only
 * when HikariCP is present.
 */
public final class HikariPoolTracker implements IMetricsTracker {
  /** Meters of the live pools that use the tracker, by pool name. */
  private static final Map<String, PoolMeter> POOLS = new ConcurrentHashMap<>();

  private final IMetricsTracker delegate;
  private final String poolName;
  private final PoolStats stats;
  private final PoolMeter meter;
  private final Settings settings;

  private HikariPoolTracker(
      IMetricsTracker delegate, String poolName, PoolStats stats, Settings settings) {
    this.delegate = delegate;
    this.poolName = poolName;
    this.stats = stats;
    this.meter = new PoolMeter(PoolMeter.HIKARI_METRICS, stats);
    this.settings = settings;
  }

  /**
   * A tracker for the pool {@code poolName}, delegating to the tracker {@code delegateFactory}
   * makes (when not null); the factory's exception passes through untouched.
   */
  public static IMetricsTracker create(
      MetricsTrackerFactory delegateFactory, String poolName, PoolStats stats) {
    IMetricsTracker d = delegateFactory == null ? null : delegateFactory.create(poolName, stats);
    Settings settings = null;
    try {
      Config c = Config.global();
      settings = c.enabled() ? new Settings(c) : null;
    } catch (RuntimeException e) {
      Failures.log("reading the options for the HikariCP metrics tracker", e);
    }
    HikariPoolTracker t = new HikariPoolTracker(d, poolName, stats, settings);
    POOLS.put(poolName, t.meter);
    return t;
  }

  /** The meter of the pool {@code poolName} when it uses the tracker, else null. */
  static PoolMeter meter(String poolName) {
    return poolName == null ? null : POOLS.get(poolName);
  }

  /** The meter of the HikariCP pool {@code ds} unwraps to, when it uses the tracker; else null. */
  public static PoolMeter meter(DataSource ds) {
    HikariDataSource h = hikari(ds);
    return h == null ? null : meter(h.getPoolName());
  }

  /** The pool's meter; for tests. */
  PoolMeter meter() {
    return meter;
  }

  private int pending() {
    try {
      return stats == null ? 0 : stats.getPendingThreads();
    } catch (RuntimeException e) {
      return 0;
    }
  }

  @Override
  public void recordConnectionCreatedMillis(long connectionCreatedMillis) {
    if (delegate != null) {
      delegate.recordConnectionCreatedMillis(connectionCreatedMillis);
    }
  }

  /**
   * Below HikariCP's smallest connection timeout (250 ms; its bag may give up a few microseconds
   * early): only a wait this long can be the one HikariCP also reports as an acquire just before it
   * reports the timeout.
   */
  private static final long MIN_TIMEOUT_NANOS = 200_000_000L;

  /**
   * Whether HikariCP calls us from {@code recordBorrowTimeoutStats}: it reports a timed-out
   * checkout's wait as an acquire, then the timeout. Walks a few frames, and only for waits of at
   * least HikariCP's smallest timeout.
   */
  private static boolean reportingATimeout(long nanos) {
    if (nanos < MIN_TIMEOUT_NANOS) {
      return false;
    }
    return StackWalker.getInstance()
        .walk(
            frames ->
                frames
                    .limit(6)
                    .anyMatch(f -> f.getMethodName().equals("recordBorrowTimeoutStats")));
  }

  @Override
  public void recordConnectionAcquiredNanos(long elapsedAcquiredNanos) {
    try {
      if (reportingATimeout(elapsedAcquiredNanos)) {
        // Counted by recordConnectionTimeout, which HikariCP calls next.
        if (delegate != null) {
          delegate.recordConnectionAcquiredNanos(elapsedAcquiredNanos);
        }
        return;
      }
      long slow = settings == null ? Long.MAX_VALUE : settings.slowAcquireNanos;
      boolean contended = meter.trackerAcquired(elapsedAcquiredNanos, pending(), slow);
      if (settings != null) {
        Detector.chargePool(
            meter,
            contended ? ScopePool.ACQUIRED_CONTENDED : ScopePool.ACQUIRED,
            elapsedAcquiredNanos,
            settings);
      }
    } catch (RuntimeException e) {
      Failures.log("recording a HikariCP checkout", e);
    }
    if (delegate != null) {
      delegate.recordConnectionAcquiredNanos(elapsedAcquiredNanos);
    }
  }

  @Override
  public void recordConnectionUsageMillis(long elapsedBorrowedMillis) {
    try {
      long nanos = elapsedBorrowedMillis * 1_000_000L;
      meter.trackerReleased(nanos);
      if (settings != null) {
        Detector.chargePool(meter, ScopePool.RELEASED, nanos, null);
      }
    } catch (RuntimeException e) {
      Failures.log("recording a HikariCP connection use", e);
    }
    if (delegate != null) {
      delegate.recordConnectionUsageMillis(elapsedBorrowedMillis);
    }
  }

  @Override
  public void recordConnectionTimeout() {
    try {
      meter.trackerTimeout(pending());
      if (settings != null) {
        Detector.chargePool(meter, ScopePool.TIMEOUT, 0, settings);
      }
    } catch (RuntimeException e) {
      Failures.log("recording a HikariCP checkout timeout", e);
    }
    if (delegate != null) {
      delegate.recordConnectionTimeout();
    }
  }

  @Override
  public void close() {
    POOLS.remove(poolName, meter);
    if (delegate != null) {
      delegate.close();
    }
  }

  // ------------------------------------------------------------ live figures

  /** The {@code HikariDataSource} {@code ds} is or wraps, or null. */
  static HikariDataSource hikari(DataSource ds) {
    if (ds == null) {
      return null;
    }
    if (ds instanceof HikariDataSource) {
      return (HikariDataSource) ds;
    }
    try {
      return ds.isWrapperFor(HikariDataSource.class) ? ds.unwrap(HikariDataSource.class) : null;
    } catch (SQLException | RuntimeException e) {
      return null;
    }
  }

  /** Live figures from the HikariCP pool {@code ds} unwraps to, or null. */
  static PoolLive live(DataSource ds) {
    HikariDataSource h = hikari(ds);
    return h == null ? null : new FromDataSource(h);
  }

  /** Live figures from HikariCP's {@code PoolStats} handed to the tracker, or null. */
  static PoolLive live(Object poolStats) {
    return poolStats instanceof PoolStats ? new FromStats((PoolStats) poolStats) : null;
  }

  /** Reads {@code HikariPoolMXBean} and {@code HikariConfigMXBean}; exact and current. */
  private static final class FromDataSource implements PoolLive {
    private final HikariDataSource ds;

    FromDataSource(HikariDataSource ds) {
      this.ds = ds;
    }

    @Override
    public int maximumPoolSize() {
      return ds.getHikariConfigMXBean().getMaximumPoolSize();
    }

    @Override
    public int activeConnections() {
      HikariPoolMXBean p = ds.getHikariPoolMXBean();
      return p == null ? 0 : p.getActiveConnections();
    }

    @Override
    public int totalConnections() {
      HikariPoolMXBean p = ds.getHikariPoolMXBean();
      return p == null ? 0 : p.getTotalConnections();
    }

    @Override
    public int threadsAwaitingConnection() {
      HikariPoolMXBean p = ds.getHikariPoolMXBean();
      return p == null ? 0 : p.getThreadsAwaitingConnection();
    }
  }

  /** Reads HikariCP's {@code PoolStats}, which it refreshes at most once a second. */
  private static final class FromStats implements PoolLive {
    private final PoolStats stats;

    FromStats(PoolStats stats) {
      this.stats = stats;
    }

    @Override
    public int maximumPoolSize() {
      return stats.getMaxConnections();
    }

    @Override
    public int activeConnections() {
      return stats.getActiveConnections();
    }

    @Override
    public int totalConnections() {
      return stats.getTotalConnections();
    }

    @Override
    public int threadsAwaitingConnection() {
      return stats.getPendingThreads();
    }
  }
}
