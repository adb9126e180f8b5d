package dev.nplusone.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ConnectionBuilder;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.sql.ShardingKey;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Our {@link DataSource}: times each {@code getConnection} and wraps the connection, unless it is
 * already ours (a pool over {@code jdbc:nplusone:}), so a statement is never counted twice.
 */
public final class ProxyDataSource implements DataSource, AutoCloseable {
  private final DataSource delegate;
  private final Config config;
  private volatile JdbcContext context;

  /** Pool figures of this DataSource; null in mode off. */
  private final PoolMeter meter;

  /** The options of the implicit scope a checkout opens on a thread with no scope; or null. */
  private final Settings poolSettings;

  /**
   * @param delegate the DataSource to wrap
   * @param config the options in force
   */
  public ProxyDataSource(DataSource delegate, Config config) {
    this.delegate = delegate;
    this.config = config;
    boolean on = config.enabled();
    this.meter = on ? new PoolMeter(PoolMeter.DATASOURCE, delegate) : null;
    this.poolSettings = on ? new Settings(config) : null;
  }

  /** The pool figures of this DataSource, or null in mode off. */
  public PoolMeter poolMeter() {
    return meter;
  }

  /** The wrapped DataSource. */
  public DataSource delegate() {
    return delegate;
  }

  /** The options in force. */
  public Config config() {
    return config;
  }

  /** The context, made on the first connection, when the vendor URL can be read; else null. */
  public JdbcContext contextOrNull() {
    return context;
  }

  @Override
  public Connection getConnection() throws SQLException {
    long start = startAcquire();
    boolean busy = busyAtStart();
    Connection c;
    try {
      c = delegate.getConnection();
    } catch (Throwable t) {
      acquireFailed(start, t);
      throw t;
    }
    return wrap(c, start, busy);
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    long start = startAcquire();
    boolean busy = busyAtStart();
    Connection c;
    try {
      c = delegate.getConnection(username, password);
    } catch (Throwable t) {
      acquireFailed(start, t);
      throw t;
    }
    return wrap(c, start, busy);
  }

  /** Starts timing a checkout: on the meter's clock, or the system's in mode off. */
  private long startAcquire() {
    PoolMeter m = meter;
    return m == null ? System.nanoTime() : m.startAcquire();
  }

  /** Whether the pool was busy as this checkout began: threads waiting or every connection out. */
  private boolean busyAtStart() {
    PoolMeter m = meter;
    return m != null && m.busy();
  }

  /**
   * Counts a failed checkout; an {@link SQLTransientConnectionException} (HikariCP's timeout) is
   * charged to the thread's scopes. The caller rethrows {@code failure} untouched.
   */
  private void acquireFailed(long start, Throwable failure) {
    PoolMeter m = meter;
    if (m == null) {
      return;
    }
    try {
      boolean timeout = failure instanceof SQLTransientConnectionException;
      long waited = m.acquireFailed(start, timeout);
      if (timeout) {
        Detector.chargePool(m, ScopePool.TIMEOUT, waited, poolSettings);
      }
    } catch (RuntimeException e) {
      Failures.log("counting a failed connection checkout", e);
    }
  }

  Connection wrap(Connection c, long start, boolean busy) throws SQLException {
    PoolMeter m = meter;
    if (c == null || isOurs(c)) {
      if (m != null) {
        // Not ours to follow: a pool over jdbc:nplusone: whose connections are already counted.
        m.abandon();
      }
      return c;
    }
    long acquired = m == null ? System.nanoTime() - start : m.acquired(start);
    JdbcContext ctx = context;
    if (ctx == null) {
      ctx = context(c);
    }
    ProxyConnection proxy = new ProxyConnection(c, ctx, this);
    if (m != null) {
      proxy.poolOpenedAt = start + acquired;
      proxy.poolTracked = true;
      int event =
          acquired >= poolSettings.slowAcquireNanos && (busy || m.contended())
              ? ScopePool.ACQUIRED_CONTENDED
              : ScopePool.ACQUIRED;
      Detector.chargePool(m, event, acquired, poolSettings);
    }
    ctx.recorder.connectionOpened(proxy, acquired);
    return proxy;
  }

  /**
   * Our connection {@code c} goes back to the pool: counted before the delegate closes, so our
   * count of connections in use never exceeds the pool's. Never throws.
   */
  static void released(ProxyConnection c) {
    if (!c.poolTracked) {
      return;
    }
    c.poolTracked = false;
    try {
      PoolMeter m = ((ProxyDataSource) c.owner()).meter;
      long held = m.released(c.poolOpenedAt);
      Detector.chargePool(m, ScopePool.RELEASED, held, null);
    } catch (RuntimeException e) {
      Failures.log("counting a connection given back to the pool", e);
    }
  }

  private static boolean isOurs(Connection c) {
    if (c instanceof ProxyConnection) {
      return true;
    }
    try {
      return c.isWrapperFor(ProxyConnection.class);
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  private synchronized JdbcContext context(Connection c) {
    JdbcContext ctx = context;
    if (ctx == null) {
      String url = null;
      if (config.enabled()) {
        try {
          url = c.getMetaData().getURL();
        } catch (SQLException | RuntimeException e) {
          Failures.log(
              "reading the JDBC URL of the wrapped DataSource to choose the SQL dialect", e);
        }
      }
      ctx = new JdbcContext(config, url, Detector.recorder(config));
      ctx.connector(delegate::getConnection);
      context = ctx;
    }
    return ctx;
  }

  @Override
  public ConnectionBuilder createConnectionBuilder() throws SQLException {
    ConnectionBuilder builder = delegate.createConnectionBuilder();
    return new ConnectionBuilder() {
      @Override
      public ConnectionBuilder user(String username) {
        builder.user(username);
        return this;
      }

      @Override
      public ConnectionBuilder password(String password) {
        builder.password(password);
        return this;
      }

      @Override
      public ConnectionBuilder shardingKey(ShardingKey shardingKey) {
        builder.shardingKey(shardingKey);
        return this;
      }

      @Override
      public ConnectionBuilder superShardingKey(ShardingKey superShardingKey) {
        builder.superShardingKey(superShardingKey);
        return this;
      }

      @Override
      public Connection build() throws SQLException {
        long start = startAcquire();
        boolean busy = busyAtStart();
        Connection c;
        try {
          c = builder.build();
        } catch (Throwable t) {
          acquireFailed(start, t);
          throw t;
        }
        return wrap(c, start, busy);
      }
    };
  }

  @Override
  public java.sql.ShardingKeyBuilder createShardingKeyBuilder() throws SQLException {
    return delegate.createShardingKeyBuilder();
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return Wrappers.unwrap(this, delegate, iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return Wrappers.isWrapperFor(this, delegate, iface);
  }

  /** Closes the wrapped DataSource when it can be closed, as a pool can. */
  @Override
  public void close() throws SQLException {
    if (delegate instanceof AutoCloseable) {
      try {
        ((AutoCloseable) delegate).close();
      } catch (SQLException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        throw new SQLException("closing the wrapped DataSource failed: " + e, e);
      }
    }
  }

  @Override
  public String toString() {
    return "nplusone:" + delegate;
  }
}
