package dev.nplusone.benchmarks.stub;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

/** A DataSource of {@link StubConnection}s: a new one per call, as an unpooled DataSource does. */
public final class StubDataSource implements javax.sql.DataSource {
  private final String url;
  private int loginTimeout;
  private java.io.PrintWriter logWriter;

  /**
   * @param url the URL the connections report
   */
  public StubDataSource(String url) {
    this.url = url;
  }

  public StubDataSource() {
    this(StubDriver.URL);
  }

  private static SQLFeatureNotSupportedException unsupported(String method) {
    return new SQLFeatureNotSupportedException("stub: " + method);
  }

  @Override
  public java.sql.Connection getConnection() throws java.sql.SQLException {
    return new StubConnection(url);
  }

  @Override
  public java.sql.Connection getConnection(java.lang.String p1, java.lang.String p2)
      throws java.sql.SQLException {
    return new StubConnection(url);
  }

  @Override
  public java.io.PrintWriter getLogWriter() throws java.sql.SQLException {
    return logWriter;
  }

  @Override
  public void setLogWriter(java.io.PrintWriter p1) throws java.sql.SQLException {
    logWriter = p1;
  }

  @Override
  public void setLoginTimeout(int p1) throws java.sql.SQLException {
    loginTimeout = p1;
  }

  @Override
  public int getLoginTimeout() throws java.sql.SQLException {
    return loginTimeout;
  }

  @Override
  public java.util.logging.Logger getParentLogger()
      throws java.sql.SQLFeatureNotSupportedException {
    throw unsupported("getParentLogger");
  }

  @Override
  public <T> T unwrap(java.lang.Class<T> p1) throws java.sql.SQLException {
    if (p1.isInstance(this)) {
      return p1.cast(this);
    }
    throw new SQLException("not a wrapper for " + p1);
  }

  @Override
  public boolean isWrapperFor(java.lang.Class<?> p1) throws java.sql.SQLException {
    return p1.isInstance(this);
  }
}
