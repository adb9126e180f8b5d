package dev.nplusone.benchmarks.stub;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

/**
 * A connection that does no I/O. It hands out a new {@link StubPreparedStatement} per prepare and
 * keeps the last one in a field, so the JIT cannot scalar-replace it away; it tracks the state
 * HikariCP reads and resets. Everything else throws {@link SQLFeatureNotSupportedException}.
 */
public final class StubConnection implements java.sql.Connection {
  private final String url;
  private boolean closed;
  private boolean autoCommit = true;
  private boolean readOnly;
  private int isolation = java.sql.Connection.TRANSACTION_READ_COMMITTED;
  private String catalog;
  private String schema;
  private int networkTimeout;

  /** The statement prepared last: written on every prepare so statements escape. */
  StubPreparedStatement lastStatement;

  /** Statements prepared on this connection. */
  long prepared;

  /** Updates executed on this connection's statements. */
  long updates;

  /**
   * @param url the URL reported by the metadata
   */
  public StubConnection(String url) {
    this.url = url;
  }

  private void checkOpen() throws SQLException {
    if (closed) {
      throw new SQLException("stub: connection is closed");
    }
  }

  private static SQLFeatureNotSupportedException unsupported(String method) {
    return new SQLFeatureNotSupportedException("stub: " + method);
  }

  @Override
  public java.sql.Statement createStatement() throws java.sql.SQLException {
    throw unsupported("createStatement");
  }

  @Override
  public java.sql.PreparedStatement prepareStatement(java.lang.String p1)
      throws java.sql.SQLException {
    checkOpen();
    StubPreparedStatement ps = new StubPreparedStatement(this, p1);
    lastStatement = ps;
    prepared++;
    return ps;
  }

  @Override
  public java.sql.CallableStatement prepareCall(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("prepareCall");
  }

  @Override
  public java.lang.String nativeSQL(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("nativeSQL");
  }

  @Override
  public void setAutoCommit(boolean p1) throws java.sql.SQLException {
    checkOpen();
    autoCommit = p1;
  }

  @Override
  public boolean getAutoCommit() throws java.sql.SQLException {
    checkOpen();
    return autoCommit;
  }

  @Override
  public void commit() throws java.sql.SQLException {
    checkOpen();
  }

  @Override
  public void rollback() throws java.sql.SQLException {
    checkOpen();
  }

  @Override
  public void close() throws java.sql.SQLException {
    closed = true;
  }

  @Override
  public boolean isClosed() throws java.sql.SQLException {
    return closed;
  }

  @Override
  public java.sql.DatabaseMetaData getMetaData() throws java.sql.SQLException {
    checkOpen();
    return StubMetaData.of(this, url);
  }

  @Override
  public void setReadOnly(boolean p1) throws java.sql.SQLException {
    checkOpen();
    readOnly = p1;
  }

  @Override
  public boolean isReadOnly() throws java.sql.SQLException {
    checkOpen();
    return readOnly;
  }

  @Override
  public void setCatalog(java.lang.String p1) throws java.sql.SQLException {
    catalog = p1;
  }

  @Override
  public java.lang.String getCatalog() throws java.sql.SQLException {
    return catalog;
  }

  @Override
  public void setTransactionIsolation(int p1) throws java.sql.SQLException {
    checkOpen();
    isolation = p1;
  }

  @Override
  public int getTransactionIsolation() throws java.sql.SQLException {
    checkOpen();
    return isolation;
  }

  @Override
  public java.sql.SQLWarning getWarnings() throws java.sql.SQLException {
    checkOpen();
    return null;
  }

  @Override
  public void clearWarnings() throws java.sql.SQLException {
    checkOpen();
  }

  @Override
  public java.sql.Statement createStatement(int p1, int p2) throws java.sql.SQLException {
    throw unsupported("createStatement");
  }

  @Override
  public java.sql.PreparedStatement prepareStatement(java.lang.String p1, int p2, int p3)
      throws java.sql.SQLException {
    throw unsupported("prepareStatement");
  }

  @Override
  public java.sql.CallableStatement prepareCall(java.lang.String p1, int p2, int p3)
      throws java.sql.SQLException {
    throw unsupported("prepareCall");
  }

  @Override
  public java.util.Map<java.lang.String, java.lang.Class<?>> getTypeMap()
      throws java.sql.SQLException {
    throw unsupported("getTypeMap");
  }

  @Override
  public void setTypeMap(java.util.Map<java.lang.String, java.lang.Class<?>> p1)
      throws java.sql.SQLException {
    throw unsupported("setTypeMap");
  }

  @Override
  public void setHoldability(int p1) throws java.sql.SQLException {
    throw unsupported("setHoldability");
  }

  @Override
  public int getHoldability() throws java.sql.SQLException {
    return java.sql.ResultSet.HOLD_CURSORS_OVER_COMMIT;
  }

  @Override
  public java.sql.Savepoint setSavepoint() throws java.sql.SQLException {
    throw unsupported("setSavepoint");
  }

  @Override
  public java.sql.Savepoint setSavepoint(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("setSavepoint");
  }

  @Override
  public void rollback(java.sql.Savepoint p1) throws java.sql.SQLException {
    throw unsupported("rollback");
  }

  @Override
  public void releaseSavepoint(java.sql.Savepoint p1) throws java.sql.SQLException {
    throw unsupported("releaseSavepoint");
  }

  @Override
  public java.sql.Statement createStatement(int p1, int p2, int p3) throws java.sql.SQLException {
    throw unsupported("createStatement");
  }

  @Override
  public java.sql.PreparedStatement prepareStatement(java.lang.String p1, int p2, int p3, int p4)
      throws java.sql.SQLException {
    throw unsupported("prepareStatement");
  }

  @Override
  public java.sql.CallableStatement prepareCall(java.lang.String p1, int p2, int p3, int p4)
      throws java.sql.SQLException {
    throw unsupported("prepareCall");
  }

  @Override
  public java.sql.PreparedStatement prepareStatement(java.lang.String p1, int p2)
      throws java.sql.SQLException {
    throw unsupported("prepareStatement");
  }

  @Override
  public java.sql.PreparedStatement prepareStatement(java.lang.String p1, int[] p2)
      throws java.sql.SQLException {
    throw unsupported("prepareStatement");
  }

  @Override
  public java.sql.PreparedStatement prepareStatement(java.lang.String p1, java.lang.String[] p2)
      throws java.sql.SQLException {
    throw unsupported("prepareStatement");
  }

  @Override
  public java.sql.Clob createClob() throws java.sql.SQLException {
    throw unsupported("createClob");
  }

  @Override
  public java.sql.Blob createBlob() throws java.sql.SQLException {
    throw unsupported("createBlob");
  }

  @Override
  public java.sql.NClob createNClob() throws java.sql.SQLException {
    throw unsupported("createNClob");
  }

  @Override
  public java.sql.SQLXML createSQLXML() throws java.sql.SQLException {
    throw unsupported("createSQLXML");
  }

  @Override
  public boolean isValid(int p1) throws java.sql.SQLException {
    return !closed;
  }

  @Override
  public void setClientInfo(java.lang.String p1, java.lang.String p2)
      throws java.sql.SQLClientInfoException {
    throw new UnsupportedOperationException("setClientInfo");
  }

  @Override
  public void setClientInfo(java.util.Properties p1) throws java.sql.SQLClientInfoException {
    throw new UnsupportedOperationException("setClientInfo");
  }

  @Override
  public java.lang.String getClientInfo(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("getClientInfo");
  }

  @Override
  public java.util.Properties getClientInfo() throws java.sql.SQLException {
    throw unsupported("getClientInfo");
  }

  @Override
  public java.sql.Array createArrayOf(java.lang.String p1, java.lang.Object[] p2)
      throws java.sql.SQLException {
    throw unsupported("createArrayOf");
  }

  @Override
  public java.sql.Struct createStruct(java.lang.String p1, java.lang.Object[] p2)
      throws java.sql.SQLException {
    throw unsupported("createStruct");
  }

  @Override
  public void setSchema(java.lang.String p1) throws java.sql.SQLException {
    schema = p1;
  }

  @Override
  public java.lang.String getSchema() throws java.sql.SQLException {
    return schema;
  }

  @Override
  public void abort(java.util.concurrent.Executor p1) throws java.sql.SQLException {
    closed = true;
  }

  @Override
  public void setNetworkTimeout(java.util.concurrent.Executor p1, int p2)
      throws java.sql.SQLException {
    networkTimeout = p2;
  }

  @Override
  public int getNetworkTimeout() throws java.sql.SQLException {
    return networkTimeout;
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
