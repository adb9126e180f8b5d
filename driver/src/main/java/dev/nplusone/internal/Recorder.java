package dev.nplusone.internal;

/**
 * What the interception layer tells the detector. Implementations contain their own failures: a
 * method here never throws, except {@code NPlusOneException} where throw mode asks for it.
 */
public interface Recorder {
  /** A recorder that ignores everything: mode {@code off}. */
  Recorder NONE = new Recorder() {};

  /**
   * A statement is about to be sent to the database on the calling thread. In mode throw this may
   * throw {@code NPlusOneException}, before anything reaches the database.
   *
   * @param connection our connection, or null where there is none (the datasource-proxy listener)
   */
  default void beforeExecute(ProxyConnection connection) {}

  /**
   * As {@link #beforeExecute(ProxyConnection)}, on the hot path: {@code now} is {@code
   * System.nanoTime()} read just before; returns the time to measure the statement from.
   */
  default long beforeExecute(ProxyConnection connection, long now) {
    beforeExecute(connection);
    return now;
  }

  /**
   * How long the statement of {@code shape} that started at {@code start} (the value {@link
   * #beforeExecute(ProxyConnection, long)} returned) took, called as soon as the delegate returns:
   * the clock read now, or an estimate where the recorder keeps one instead (the detector: see
   * {@code ThreadState#estimates}).
   */
  default long elapsed(ProxyConnection connection, SqlShape shape, long start) {
    return System.nanoTime() - start;
  }

  /**
   * A statement ran, successfully or not.
   *
   * @param connection our connection it ran on, or null where there is none (datasource-proxy)
   * @param shape its fingerprint and facts
   * @param valuesHash hash of its bind values and inlined literals; equal hashes mean equal values
   * @param multiValued whether one execution carried several values (an IN list, an array)
   * @param params the bind values by index (index 1 at 0), may be null; valid during the call only
   * @param paramCount how many entries of {@code params} are set
   * @param elapsedNanos how long the delegate took
   * @param batchSize the number of batched entries for {@code executeBatch}, else 0
   */
  default void executed(
      ProxyConnection connection,
      SqlShape shape,
      long valuesHash,
      boolean multiValued,
      Object[] params,
      int paramCount,
      long elapsedNanos,
      int batchSize) {}

  /** {@code setAutoCommit} succeeded on the delegate. */
  default void autoCommitChanged(ProxyConnection connection, boolean autoCommit) {}

  /** {@code commit} is about to run on the delegate. */
  default void beforeCommit(ProxyConnection connection) {}

  /** {@code commit} or {@code rollback} (not to a savepoint) ended the transaction. */
  default void transactionEnded(ProxyConnection connection, boolean committed) {}

  /**
   * Our connection was handed out: by the wrapping DataSource (after a pool checkout that took
   * {@code acquireNanos}) or by the driver (after a physical connect that took as long).
   */
  default void connectionOpened(ProxyConnection connection, long acquireNanos) {}

  /** Our connection was closed or aborted. */
  default void connectionClosed(ProxyConnection connection) {}
}
