package dev.nplusone.internal;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Our {@link Connection}: hands out our statements and tells the recorder about transactions and
 * close; every other method is a one-line delegation.
 */
public final class ProxyConnection implements Connection {
  final Connection delegate;
  final JdbcContext context;
  private final Object owner;

  /** -1 unknown, 0 off, 1 on; read from the delegate once, then tracked. */
  private int autoCommit = -1;

  // Per-connection state the detector keeps here, in fields of the connection a statement reads
  // anyway, so a statement needs no map lookup and no further object (see Detector).

  /**
   * The state of the thread that ran the last statement here: a connection mostly stays on one
   * thread while it is used, so this saves the statement its thread-local lookups.
   */
  ThreadState detectorThread;

  /** The open transaction scope of this connection, or null. */
  ScopeData detectorTx;

  /** The thread whose stack holds {@link #detectorTx}. */
  ThreadState detectorTxThread;

  /** Meter-clock reading when the wrapping DataSource handed this connection out. */
  long poolOpenedAt;

  /** Whether the wrapping DataSource counts this connection as in use until it is closed. */
  boolean poolTracked;

  /**
   * The value index of the thread that ran this connection's last recorded statement, for the
   * result sets it returns; set by the detector, null while value correlation is off.
   */
  ValueIndex valueIndex;

  /** The largest bind-value count remembered as a sizing hint. */
  static final int MAX_PARAM_HINT = 256;

  /** The last statement text fingerprinted here, with its shape; replaced whole, never torn. */
  private SqlMemo lastSql;

  /** A statement text, its shape and how many bind values its statements took. */
  private static final class SqlMemo {
    final String sql;
    final SqlShape shape;

    /** The most bind values a statement of this text took: a sizing hint, raced harmlessly. */
    int params;

    SqlMemo(String sql, SqlShape shape) {
      this.sql = sql;
      this.shape = shape;
    }
  }

  ProxyConnection(Connection delegate, JdbcContext context, Object owner) {
    this.delegate = delegate;
    this.context = context;
    this.owner = owner;
  }

  /** The vendor (or pool) connection under this one. */
  public Connection delegate() {
    return delegate;
  }

  /** The shared context of the DataSource or URL this connection came from. */
  public JdbcContext context() {
    return context;
  }

  /** The wrapping DataSource this connection came from, or null on the driver path. */
  public Object owner() {
    return owner;
  }

  /** Whether the delegate is in auto-commit mode; asks the delegate once, then tracks it. */
  public boolean autoCommitTracked() throws SQLException {
    int a = autoCommit;
    if (a < 0) {
      a = delegate.getAutoCommit() ? 1 : 0;
      autoCommit = a;
    }
    return a == 1;
  }

  /**
   * The shape of {@code sql}, or null in mode off, where nothing is fingerprinted. Applications
   * prepare the same statement text over and over, mostly the same {@code String}: the last one is
   * remembered here, so that repeat costs a reference (or {@code equals}) check instead of a
   * fingerprint cache lookup.
   */
  SqlShape shape(String sql) {
    JdbcContext c = context;
    if (!c.enabled) {
      return null;
    }
    SqlMemo m = lastSql;
    if (m != null && m.sql.equals(sql)) {
      return m.shape;
    }
    FingerprintCache f = c.fingerprints();
    SqlShape shape = f.shape(sql);
    if (f.cacheable(sql)) {
      lastSql = new SqlMemo(sql, shape);
    }
    return shape;
  }

  /** How many bind values the last statement prepared here with {@code shape} took, or 0. */
  int paramHint(SqlShape shape) {
    SqlMemo m = lastSql;
    return m != null && m.shape == shape ? m.params : 0;
  }

  /**
   * Notes that a statement of {@code shape} took {@code count} bind values; a count past {@value
   * #MAX_PARAM_HINT} (or a stray large index) is not a hint: such arrays grow as needed.
   */
  void noteParams(SqlShape shape, int count) {
    SqlMemo m = lastSql;
    if (m != null && m.shape == shape && m.params < count && count <= MAX_PARAM_HINT) {
      m.params = count;
    }
  }

  @Override
  public Statement createStatement() throws SQLException {
    return new ProxyStatement(this, delegate.createStatement());
  }

  @Override
  public Statement createStatement(int resultSetType, int resultSetConcurrency)
      throws SQLException {
    return new ProxyStatement(this, delegate.createStatement(resultSetType, resultSetConcurrency));
  }

  @Override
  public Statement createStatement(
      int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    return new ProxyStatement(
        this, delegate.createStatement(resultSetType, resultSetConcurrency, resultSetHoldability));
  }

  @Override
  public PreparedStatement prepareStatement(String sql) throws SQLException {
    return new ProxyPreparedStatement(this, delegate.prepareStatement(sql), shape(sql));
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
    return new ProxyPreparedStatement(
        this, delegate.prepareStatement(sql, autoGeneratedKeys), shape(sql));
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
    return new ProxyPreparedStatement(
        this, delegate.prepareStatement(sql, columnIndexes), shape(sql));
  }

  @Override
  public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
    return new ProxyPreparedStatement(
        this, delegate.prepareStatement(sql, columnNames), shape(sql));
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
      throws SQLException {
    return new ProxyPreparedStatement(
        this, delegate.prepareStatement(sql, resultSetType, resultSetConcurrency), shape(sql));
  }

  @Override
  public PreparedStatement prepareStatement(
      String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    return new ProxyPreparedStatement(
        this,
        delegate.prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability),
        shape(sql));
  }

  @Override
  public CallableStatement prepareCall(String sql) throws SQLException {
    return new ProxyCallableStatement(this, delegate.prepareCall(sql), shape(sql));
  }

  @Override
  public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency)
      throws SQLException {
    return new ProxyCallableStatement(
        this, delegate.prepareCall(sql, resultSetType, resultSetConcurrency), shape(sql));
  }

  @Override
  public CallableStatement prepareCall(
      String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    return new ProxyCallableStatement(
        this,
        delegate.prepareCall(sql, resultSetType, resultSetConcurrency, resultSetHoldability),
        shape(sql));
  }

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    return new ProxyDatabaseMetaData(this, delegate.getMetaData());
  }

  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    delegate.setAutoCommit(autoCommit);
    this.autoCommit = autoCommit ? 1 : 0;
    context.recorder.autoCommitChanged(this, autoCommit);
  }

  @Override
  public void commit() throws SQLException {
    context.recorder.beforeCommit(this);
    delegate.commit();
    context.recorder.transactionEnded(this, true);
  }

  @Override
  public void rollback() throws SQLException {
    delegate.rollback();
    context.recorder.transactionEnded(this, false);
  }

  @Override
  public void close() throws SQLException {
    ProxyDataSource.released(this);
    try {
      delegate.close();
    } finally {
      context.recorder.connectionClosed(this);
    }
  }

  @Override
  public void abort(java.util.concurrent.Executor executor) throws SQLException {
    ProxyDataSource.released(this);
    try {
      delegate.abort(executor);
    } finally {
      context.recorder.connectionClosed(this);
    }
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return Wrappers.unwrap(this, delegate, iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return Wrappers.isWrapperFor(this, delegate, iface);
  }

  @Override
  public String toString() {
    return "nplusone:" + delegate;
  }

  @Override
  public void beginRequest() throws java.sql.SQLException {
    delegate.beginRequest();
  }

  @Override
  public void clearWarnings() throws java.sql.SQLException {
    delegate.clearWarnings();
  }

  @Override
  public java.sql.Array createArrayOf(String p1, Object[] p2) throws java.sql.SQLException {
    return delegate.createArrayOf(p1, p2);
  }

  @Override
  public java.sql.Blob createBlob() throws java.sql.SQLException {
    return delegate.createBlob();
  }

  @Override
  public java.sql.Clob createClob() throws java.sql.SQLException {
    return delegate.createClob();
  }

  @Override
  public java.sql.NClob createNClob() throws java.sql.SQLException {
    return delegate.createNClob();
  }

  @Override
  public java.sql.SQLXML createSQLXML() throws java.sql.SQLException {
    return delegate.createSQLXML();
  }

  @Override
  public java.sql.Struct createStruct(String p1, Object[] p2) throws java.sql.SQLException {
    return delegate.createStruct(p1, p2);
  }

  @Override
  public void endRequest() throws java.sql.SQLException {
    delegate.endRequest();
  }

  @Override
  public boolean getAutoCommit() throws java.sql.SQLException {
    return delegate.getAutoCommit();
  }

  @Override
  public String getCatalog() throws java.sql.SQLException {
    return delegate.getCatalog();
  }

  @Override
  public java.util.Properties getClientInfo() throws java.sql.SQLException {
    return delegate.getClientInfo();
  }

  @Override
  public String getClientInfo(String p1) throws java.sql.SQLException {
    return delegate.getClientInfo(p1);
  }

  @Override
  public int getHoldability() throws java.sql.SQLException {
    return delegate.getHoldability();
  }

  @Override
  public int getNetworkTimeout() throws java.sql.SQLException {
    return delegate.getNetworkTimeout();
  }

  @Override
  public String getSchema() throws java.sql.SQLException {
    return delegate.getSchema();
  }

  @Override
  public int getTransactionIsolation() throws java.sql.SQLException {
    return delegate.getTransactionIsolation();
  }

  @Override
  public java.util.Map<String, Class<?>> getTypeMap() throws java.sql.SQLException {
    return delegate.getTypeMap();
  }

  @Override
  public java.sql.SQLWarning getWarnings() throws java.sql.SQLException {
    return delegate.getWarnings();
  }

  @Override
  public boolean isClosed() throws java.sql.SQLException {
    return delegate.isClosed();
  }

  @Override
  public boolean isReadOnly() throws java.sql.SQLException {
    return delegate.isReadOnly();
  }

  @Override
  public boolean isValid(int p1) throws java.sql.SQLException {
    return delegate.isValid(p1);
  }

  @Override
  public String nativeSQL(String p1) throws java.sql.SQLException {
    return delegate.nativeSQL(p1);
  }

  @Override
  public void releaseSavepoint(java.sql.Savepoint p1) throws java.sql.SQLException {
    delegate.releaseSavepoint(p1);
  }

  @Override
  public void rollback(java.sql.Savepoint p1) throws java.sql.SQLException {
    delegate.rollback(p1);
  }

  @Override
  public void setCatalog(String p1) throws java.sql.SQLException {
    delegate.setCatalog(p1);
  }

  @Override
  public void setClientInfo(String p1, String p2) throws java.sql.SQLClientInfoException {
    delegate.setClientInfo(p1, p2);
  }

  @Override
  public void setClientInfo(java.util.Properties p1) throws java.sql.SQLClientInfoException {
    delegate.setClientInfo(p1);
  }

  @Override
  public void setHoldability(int p1) throws java.sql.SQLException {
    delegate.setHoldability(p1);
  }

  @Override
  public void setNetworkTimeout(java.util.concurrent.Executor p1, int p2)
      throws java.sql.SQLException {
    delegate.setNetworkTimeout(p1, p2);
  }

  @Override
  public void setReadOnly(boolean p1) throws java.sql.SQLException {
    delegate.setReadOnly(p1);
  }

  @Override
  public java.sql.Savepoint setSavepoint() throws java.sql.SQLException {
    return delegate.setSavepoint();
  }

  @Override
  public java.sql.Savepoint setSavepoint(String p1) throws java.sql.SQLException {
    return delegate.setSavepoint(p1);
  }

  @Override
  public void setSchema(String p1) throws java.sql.SQLException {
    delegate.setSchema(p1);
  }

  @Override
  public void setShardingKey(java.sql.ShardingKey p1) throws java.sql.SQLException {
    delegate.setShardingKey(p1);
  }

  @Override
  public void setShardingKey(java.sql.ShardingKey p1, java.sql.ShardingKey p2)
      throws java.sql.SQLException {
    delegate.setShardingKey(p1, p2);
  }

  @Override
  public boolean setShardingKeyIfValid(java.sql.ShardingKey p1, int p2)
      throws java.sql.SQLException {
    return delegate.setShardingKeyIfValid(p1, p2);
  }

  @Override
  public boolean setShardingKeyIfValid(java.sql.ShardingKey p1, java.sql.ShardingKey p2, int p3)
      throws java.sql.SQLException {
    return delegate.setShardingKeyIfValid(p1, p2, p3);
  }

  @Override
  public void setTransactionIsolation(int p1) throws java.sql.SQLException {
    delegate.setTransactionIsolation(p1);
  }

  @Override
  public void setTypeMap(java.util.Map<String, Class<?>> p1) throws java.sql.SQLException {
    delegate.setTypeMap(p1);
  }
}
