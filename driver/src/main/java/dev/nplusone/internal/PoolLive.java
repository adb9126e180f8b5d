package dev.nplusone.internal;

import javax.sql.DataSource;

/**
 * Live figures of a pool that can tell them itself (HikariCP's {@code HikariPoolMXBean} and {@code
 * HikariConfigMXBean}). HikariCP is optional: its classes are touched only when it is present.
 */
interface PoolLive {
  /** The configured maximum pool size. */
  int maximumPoolSize();

  /** Connections checked out now. */
  int activeConnections();

  /** Connections open now, in use or idle. */
  int totalConnections();

  /** Threads waiting for a connection now. */
  int threadsAwaitingConnection();

  /** Whether HikariCP can be loaded. */
  boolean HIKARI = hikariPresent();

  private static boolean hikariPresent() {
    try {
      Class.forName("com.zaxxer.hikari.HikariDataSource", false, PoolLive.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * The live figures of {@code source} (a DataSource that unwraps to a {@code HikariDataSource}, or
   * HikariCP's {@code PoolStats}), or null.
   */
  static PoolLive of(Object source) {
    if (!HIKARI || source == null) {
      return null;
    }
    try {
      if (source instanceof DataSource) {
        return HikariPoolTracker.live((DataSource) source);
      }
      return HikariPoolTracker.live(source);
    } catch (RuntimeException | LinkageError e) {
      Failures.log("reading HikariCP's pool figures", e);
      return null;
    }
  }
}
