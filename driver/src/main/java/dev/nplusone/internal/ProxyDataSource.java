package dev.nplusone.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ConnectionBuilder;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
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

  /**
   * @param delegate the DataSource to wrap
   * @param config the options in force
   */
  public ProxyDataSource(DataSource delegate, Config config) {
    this.delegate = delegate;
    this.config = config;
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
    long start = System.nanoTime();
    return wrap(delegate.getConnection(), start);
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    long start = System.nanoTime();
    return wrap(delegate.getConnection(username, password), start);
  }

  Connection wrap(Connection c, long start) throws SQLException {
    long acquired = System.nanoTime() - start;
    if (c == null || isOurs(c)) {
      return c;
    }
    JdbcContext ctx = context;
    if (ctx == null) {
      ctx = context(c);
    }
    ProxyConnection proxy = new ProxyConnection(c, ctx, this);
    ctx.recorder.connectionOpened(proxy, acquired);
    return proxy;
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
        long start = System.nanoTime();
        return wrap(builder.build(), start);
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
