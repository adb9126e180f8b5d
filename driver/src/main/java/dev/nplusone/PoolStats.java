package dev.nplusone;

import dev.nplusone.internal.PoolAdvice;
import dev.nplusone.internal.PoolMeter;
import java.time.Duration;
import java.util.Locale;

/**
 * Pool-wide connection figures of one DataSource at one moment, from {@link
 * NPlusOne#poolStats(javax.sql.DataSource)}: acquire and hold time percentiles, timeouts, peak
 * connections in use against the maximum pool size, and threads waiting. Immutable.
 *
 * <p>Percentiles come from a log-linear histogram and are at most 12.5 % above the true value. The
 * maximum pool size, active and total connections and current waiting threads come from HikariCP's
 * MXBeans when the DataSource is a HikariCP pool, else they are -1 (threads waiting then counts the
 * threads inside {@code getConnection} of our wrapper).
 */
public final class PoolStats {
  private final String source;
  private final long acquires;
  private final long timeouts;
  private final Duration acquireP50;
  private final Duration acquireP95;
  private final Duration acquireP99;
  private final Duration acquireMax;
  private final long holds;
  private final Duration holdP50;
  private final Duration holdP95;
  private final Duration holdP99;
  private final Duration holdMax;
  private final int inUse;
  private final int peakInUse;
  private final int peakThreadsWaiting;
  private final int peakBorrowers;
  private final int maximumPoolSize;
  private final int activeConnections;
  private final int totalConnections;
  private final int threadsWaiting;

  PoolStats(PoolMeter.Snapshot s) {
    source = s == null ? "untracked" : s.source;
    acquires = s == null ? 0 : s.acquires;
    timeouts = s == null ? 0 : s.timeouts;
    acquireP50 = Duration.ofNanos(s == null ? 0 : s.acquireP50);
    acquireP95 = Duration.ofNanos(s == null ? 0 : s.acquireP95);
    acquireP99 = Duration.ofNanos(s == null ? 0 : s.acquireP99);
    acquireMax = Duration.ofNanos(s == null ? 0 : s.acquireMax);
    holds = s == null ? 0 : s.holds;
    holdP50 = Duration.ofNanos(s == null ? 0 : s.holdP50);
    holdP95 = Duration.ofNanos(s == null ? 0 : s.holdP95);
    holdP99 = Duration.ofNanos(s == null ? 0 : s.holdP99);
    holdMax = Duration.ofNanos(s == null ? 0 : s.holdMax);
    inUse = s == null ? 0 : s.inUse;
    peakInUse = s == null ? 0 : s.peakInUse;
    peakThreadsWaiting = s == null ? 0 : s.peakWaiting;
    peakBorrowers = s == null ? 0 : s.peakDemand;
    maximumPoolSize = s == null ? -1 : s.maximumPoolSize;
    activeConnections = s == null ? -1 : s.activeConnections;
    totalConnections = s == null ? -1 : s.totalConnections;
    threadsWaiting = s == null ? 0 : s.threadsWaiting;
  }

  /**
   * Where the figures come from: {@code datasource} (a DataSource wrapped by {@link
   * NPlusOne#wrap}), {@code hikari-metrics} ({@link NPlusOneHikariMetrics}) or {@code untracked}
   * (all zero).
   */
  public String source() {
    return source;
  }

  /** Whether the DataSource is tracked at all; an untracked one reports zeros. */
  public boolean tracked() {
    return !source.equals("untracked");
  }

  /** Successful connection checkouts. */
  public long acquires() {
    return acquires;
  }

  /** Checkouts that timed out: the pool had no connection to give in time. */
  public long timeouts() {
    return timeouts;
  }

  /** The median wait of a successful checkout. */
  public Duration acquireP50() {
    return acquireP50;
  }

  /** The 95th percentile wait of a successful checkout. */
  public Duration acquireP95() {
    return acquireP95;
  }

  /** The 99th percentile wait of a successful checkout. */
  public Duration acquireP99() {
    return acquireP99;
  }

  /** The longest wait of a successful checkout. */
  public Duration acquireMax() {
    return acquireMax;
  }

  /** Connections given back (whose hold time is measured). */
  public long holds() {
    return holds;
  }

  /** The median time a connection was held, from checkout to close. */
  public Duration holdP50() {
    return holdP50;
  }

  /** The 95th percentile time a connection was held. */
  public Duration holdP95() {
    return holdP95;
  }

  /** The 99th percentile time a connection was held. */
  public Duration holdP99() {
    return holdP99;
  }

  /** The longest time a connection was held. */
  public Duration holdMax() {
    return holdMax;
  }

  /** Connections checked out through nplusone and not yet closed. */
  public int inUse() {
    return inUse;
  }

  /** The most connections checked out through nplusone at once. */
  public int peakInUse() {
    return peakInUse;
  }

  /**
   * The most threads seen waiting for a connection at once: exact through {@link NPlusOne#wrap},
   * sampled (a lower bound) through {@link NPlusOneHikariMetrics}.
   */
  public int peakThreadsWaiting() {
    return peakThreadsWaiting;
  }

  /**
   * The most threads holding or waiting for a connection at once: the peak concurrent borrowers.
   */
  public int peakBorrowers() {
    return peakBorrowers;
  }

  /** The pool's configured maximum size, or -1 when the pool does not tell it. */
  public int maximumPoolSize() {
    return maximumPoolSize;
  }

  /** Connections the pool reports in use now, or -1 when it does not tell. */
  public int activeConnections() {
    return activeConnections;
  }

  /** Connections the pool holds open now, in use or idle, or -1 when it does not tell. */
  public int totalConnections() {
    return totalConnections;
  }

  /** Threads waiting for a connection now. */
  public int threadsWaiting() {
    return threadsWaiting;
  }

  /**
   * The peak of connections in use in percent of the maximum pool size, or -1 when the maximum is
   * unknown.
   */
  public int peakUtilizationPercent() {
    return maximumPoolSize > 0 ? (int) (peakInUse * 100L / maximumPoolSize) : -1;
  }

  /** A few lines for people: every figure, and sizing advice with its inputs and reasoning. */
  public String summary() {
    if (!tracked()) {
      return "Connection pool: not tracked (wrap the DataSource with NPlusOne.wrap, or install"
          + " NPlusOneHikariMetrics on a HikariCP pool over jdbc:nplusone:)";
    }
    int util = peakUtilizationPercent();
    return String.format(
        Locale.ROOT,
        "Connection pool (%s): %d checkouts, %d timeouts; acquire p50 %s, p95 %s, p99 %s, max %s;"
            + " hold p50 %s, p95 %s, p99 %s, max %s; peak %d%s in use%s, %d in use now;"
            + " peak %d threads waiting, %d now; peak %d concurrent borrowers%n    sizing: %s",
        source,
        acquires,
        timeouts,
        ms(acquireP50),
        ms(acquireP95),
        ms(acquireP99),
        ms(acquireMax),
        ms(holdP50),
        ms(holdP95),
        ms(holdP99),
        ms(holdMax),
        peakInUse,
        maximumPoolSize > 0 ? " of " + maximumPoolSize : "",
        util >= 0 ? " (" + util + " %)" : "",
        activeConnections >= 0 ? activeConnections : inUse,
        peakThreadsWaiting,
        threadsWaiting,
        peakBorrowers,
        PoolAdvice.sizing(
            peakBorrowers, maximumPoolSize, Runtime.getRuntime().availableProcessors()));
  }

  private static String ms(Duration d) {
    double ms = d.toNanos() / 1e6;
    return ms >= 10 ? Math.round(ms) + " ms" : String.format(Locale.ROOT, "%.1f ms", ms);
  }

  @Override
  public String toString() {
    return summary();
  }
}
