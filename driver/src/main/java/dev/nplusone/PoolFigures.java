package dev.nplusone;

import java.time.Duration;

/**
 * What one scope took from the connection pool: checkouts, the time it waited for them, the time it
 * held them, and timeouts. Immutable; attached to every finding of the scope ({@link
 * Finding#pool()}).
 *
 * <p>Through a DataSource wrapped by {@link NPlusOne#wrap} every {@code getConnection} is timed;
 * through HikariCP over {@code jdbc:nplusone:} the figures come from {@link NPlusOneHikariMetrics}
 * (hold times then have HikariCP's millisecond resolution). Waits are those of successful
 * checkouts; timed-out ones are only counted.
 */
public final class PoolFigures {
  private final long acquires;
  private final long timeouts;
  private final Duration totalWait;
  private final Duration maxWait;
  private final Duration totalHold;
  private final int queryCheckouts;

  PoolFigures(
      long acquires,
      long timeouts,
      long totalWaitNanos,
      long maxWaitNanos,
      long totalHoldNanos,
      int queryCheckouts) {
    this.acquires = acquires;
    this.timeouts = timeouts;
    this.totalWait = Duration.ofNanos(totalWaitNanos);
    this.maxWait = Duration.ofNanos(maxWaitNanos);
    this.totalHold = Duration.ofNanos(totalHoldNanos);
    this.queryCheckouts = queryCheckouts;
  }

  /** How many connections the scope checked out of the pool successfully. */
  public long acquires() {
    return acquires;
  }

  /** How many checkouts of the scope failed because the pool had no connection in time. */
  public long timeouts() {
    return timeouts;
  }

  /** The time the scope's successful checkouts waited for the pool, summed. */
  public Duration totalWait() {
    return totalWait;
  }

  /** The longest wait of one successful checkout of the scope. */
  public Duration maxWait() {
    return maxWait;
  }

  /** The time the scope held connections, from checkout to close, summed over those it closed. */
  public Duration totalHold() {
    return totalHold;
  }

  /**
   * On how many separate checkouts the finding's query ran: equal to its executions when each row
   * took its own connection; 0 for pool findings and when unknown.
   */
  public int queryCheckouts() {
    return queryCheckouts;
  }

  @Override
  public String toString() {
    return "PoolFigures[acquires="
        + acquires
        + ", timeouts="
        + timeouts
        + ", totalWait="
        + totalWait.toMillis()
        + "ms, maxWait="
        + maxWait.toMillis()
        + "ms, totalHold="
        + totalHold.toMillis()
        + "ms, queryCheckouts="
        + queryCheckouts
        + "]";
  }
}
