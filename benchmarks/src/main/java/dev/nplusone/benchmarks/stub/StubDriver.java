package dev.nplusone.benchmarks.stub;

import java.sql.SQLFeatureNotSupportedException;

/** A driver for {@code jdbc:stub:} URLs, handing out {@link StubConnection}s. Not registered. */
public final class StubDriver implements java.sql.Driver {
  /** The URL prefix this driver accepts, and the URL of a default {@link StubDataSource}. */
  public static final String URL = "jdbc:stub:bench";

  private static SQLFeatureNotSupportedException unsupported(String method) {
    return new SQLFeatureNotSupportedException("stub: " + method);
  }

  @Override
  public java.sql.Connection connect(java.lang.String p1, java.util.Properties p2)
      throws java.sql.SQLException {
    return acceptsURL(p1) ? new StubConnection(p1) : null;
  }

  @Override
  public boolean acceptsURL(java.lang.String p1) throws java.sql.SQLException {
    return p1 != null && p1.startsWith("jdbc:stub:");
  }

  @Override
  public java.sql.DriverPropertyInfo[] getPropertyInfo(java.lang.String p1, java.util.Properties p2)
      throws java.sql.SQLException {
    return new java.sql.DriverPropertyInfo[0];
  }

  @Override
  public int getMajorVersion() {
    return 1;
  }

  @Override
  public int getMinorVersion() {
    return 0;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public java.util.logging.Logger getParentLogger()
      throws java.sql.SQLFeatureNotSupportedException {
    throw unsupported("getParentLogger");
  }
}
