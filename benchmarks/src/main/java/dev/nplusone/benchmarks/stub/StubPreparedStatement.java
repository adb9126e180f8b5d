package dev.nplusone.benchmarks.stub;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

/**
 * A prepared statement that does no I/O: setters store their values in arrays of this statement (as
 * a real driver keeps its bind values), {@link #executeQuery()} returns a new one-row {@link
 * StubResultSet} whose value depends on parameter 1, {@link #executeUpdate()} counts on the
 * connection. Everything else throws {@link SQLFeatureNotSupportedException}.
 */
public final class StubPreparedStatement implements java.sql.PreparedStatement {
  private static final int MAX_PARAMS = 16;

  private final StubConnection connection;
  private final String sql;
  private final long[] primitives = new long[MAX_PARAMS];
  private final Object[] objects = new Object[MAX_PARAMS];
  private boolean closed;
  private StubResultSet lastResultSet;

  StubPreparedStatement(StubConnection connection, String sql) {
    this.connection = connection;
    this.sql = sql;
  }

  /** The SQL this statement was prepared with. */
  public String sql() {
    return sql;
  }

  private int slot(int index) throws SQLException {
    if (closed) {
      throw new SQLException("stub: statement is closed");
    }
    if (index < 1 || index > MAX_PARAMS) {
      throw new SQLException("stub: parameter index out of range: " + index);
    }
    return index - 1;
  }

  private void setPrimitive(int index, long bits) throws SQLException {
    int i = slot(index);
    primitives[i] = bits;
    objects[i] = null;
  }

  private void setReference(int index, Object value) throws SQLException {
    int i = slot(index);
    primitives[i] = 0;
    objects[i] = value;
  }

  private static SQLFeatureNotSupportedException unsupported(String method) {
    return new SQLFeatureNotSupportedException("stub: " + method);
  }

  @Override
  public java.sql.ResultSet executeQuery() throws java.sql.SQLException {
    slot(1);
    StubResultSet rs = new StubResultSet(this, primitives[0]);
    lastResultSet = rs;
    return rs;
  }

  @Override
  public int executeUpdate() throws java.sql.SQLException {
    slot(1);
    connection.updates++;
    return 1;
  }

  @Override
  public void setNull(int p1, int p2) throws java.sql.SQLException {
    setReference(p1, null);
  }

  @Override
  public void setBoolean(int p1, boolean p2) throws java.sql.SQLException {
    setPrimitive(p1, p2 ? 1 : 0);
  }

  @Override
  public void setByte(int p1, byte p2) throws java.sql.SQLException {
    setPrimitive(p1, p2);
  }

  @Override
  public void setShort(int p1, short p2) throws java.sql.SQLException {
    setPrimitive(p1, p2);
  }

  @Override
  public void setInt(int p1, int p2) throws java.sql.SQLException {
    setPrimitive(p1, p2);
  }

  @Override
  public void setLong(int p1, long p2) throws java.sql.SQLException {
    setPrimitive(p1, p2);
  }

  @Override
  public void setFloat(int p1, float p2) throws java.sql.SQLException {
    setPrimitive(p1, Float.floatToRawIntBits(p2));
  }

  @Override
  public void setDouble(int p1, double p2) throws java.sql.SQLException {
    setPrimitive(p1, Double.doubleToRawLongBits(p2));
  }

  @Override
  public void setBigDecimal(int p1, java.math.BigDecimal p2) throws java.sql.SQLException {
    setReference(p1, p2);
  }

  @Override
  public void setString(int p1, java.lang.String p2) throws java.sql.SQLException {
    setReference(p1, p2);
  }

  @Override
  public void setBytes(int p1, byte[] p2) throws java.sql.SQLException {
    setReference(p1, p2);
  }

  @Override
  public void setDate(int p1, java.sql.Date p2) throws java.sql.SQLException {
    setReference(p1, p2);
  }

  @Override
  public void setTime(int p1, java.sql.Time p2) throws java.sql.SQLException {
    setReference(p1, p2);
  }

  @Override
  public void setTimestamp(int p1, java.sql.Timestamp p2) throws java.sql.SQLException {
    setReference(p1, p2);
  }

  @Override
  public void setAsciiStream(int p1, java.io.InputStream p2, int p3) throws java.sql.SQLException {
    throw unsupported("setAsciiStream");
  }

  @Override
  @Deprecated
  public void setUnicodeStream(int p1, java.io.InputStream p2, int p3)
      throws java.sql.SQLException {
    throw unsupported("setUnicodeStream");
  }

  @Override
  public void setBinaryStream(int p1, java.io.InputStream p2, int p3) throws java.sql.SQLException {
    throw unsupported("setBinaryStream");
  }

  @Override
  public void clearParameters() throws java.sql.SQLException {
    java.util.Arrays.fill(primitives, 0);
    java.util.Arrays.fill(objects, null);
  }

  @Override
  public void setObject(int p1, java.lang.Object p2, int p3) throws java.sql.SQLException {
    throw unsupported("setObject");
  }

  @Override
  public void setObject(int p1, java.lang.Object p2) throws java.sql.SQLException {
    setReference(p1, p2);
  }

  @Override
  public boolean execute() throws java.sql.SQLException {
    throw unsupported("execute");
  }

  @Override
  public void addBatch() throws java.sql.SQLException {
    throw unsupported("addBatch");
  }

  @Override
  public void setCharacterStream(int p1, java.io.Reader p2, int p3) throws java.sql.SQLException {
    throw unsupported("setCharacterStream");
  }

  @Override
  public void setRef(int p1, java.sql.Ref p2) throws java.sql.SQLException {
    throw unsupported("setRef");
  }

  @Override
  public void setBlob(int p1, java.sql.Blob p2) throws java.sql.SQLException {
    throw unsupported("setBlob");
  }

  @Override
  public void setClob(int p1, java.sql.Clob p2) throws java.sql.SQLException {
    throw unsupported("setClob");
  }

  @Override
  public void setArray(int p1, java.sql.Array p2) throws java.sql.SQLException {
    throw unsupported("setArray");
  }

  @Override
  public java.sql.ResultSetMetaData getMetaData() throws java.sql.SQLException {
    throw unsupported("getMetaData");
  }

  @Override
  public void setDate(int p1, java.sql.Date p2, java.util.Calendar p3)
      throws java.sql.SQLException {
    throw unsupported("setDate");
  }

  @Override
  public void setTime(int p1, java.sql.Time p2, java.util.Calendar p3)
      throws java.sql.SQLException {
    throw unsupported("setTime");
  }

  @Override
  public void setTimestamp(int p1, java.sql.Timestamp p2, java.util.Calendar p3)
      throws java.sql.SQLException {
    throw unsupported("setTimestamp");
  }

  @Override
  public void setNull(int p1, int p2, java.lang.String p3) throws java.sql.SQLException {
    throw unsupported("setNull");
  }

  @Override
  public void setURL(int p1, java.net.URL p2) throws java.sql.SQLException {
    throw unsupported("setURL");
  }

  @Override
  public java.sql.ParameterMetaData getParameterMetaData() throws java.sql.SQLException {
    throw unsupported("getParameterMetaData");
  }

  @Override
  public void setRowId(int p1, java.sql.RowId p2) throws java.sql.SQLException {
    throw unsupported("setRowId");
  }

  @Override
  public void setNString(int p1, java.lang.String p2) throws java.sql.SQLException {
    throw unsupported("setNString");
  }

  @Override
  public void setNCharacterStream(int p1, java.io.Reader p2, long p3) throws java.sql.SQLException {
    throw unsupported("setNCharacterStream");
  }

  @Override
  public void setNClob(int p1, java.sql.NClob p2) throws java.sql.SQLException {
    throw unsupported("setNClob");
  }

  @Override
  public void setClob(int p1, java.io.Reader p2, long p3) throws java.sql.SQLException {
    throw unsupported("setClob");
  }

  @Override
  public void setBlob(int p1, java.io.InputStream p2, long p3) throws java.sql.SQLException {
    throw unsupported("setBlob");
  }

  @Override
  public void setNClob(int p1, java.io.Reader p2, long p3) throws java.sql.SQLException {
    throw unsupported("setNClob");
  }

  @Override
  public void setSQLXML(int p1, java.sql.SQLXML p2) throws java.sql.SQLException {
    throw unsupported("setSQLXML");
  }

  @Override
  public void setObject(int p1, java.lang.Object p2, int p3, int p4) throws java.sql.SQLException {
    throw unsupported("setObject");
  }

  @Override
  public void setAsciiStream(int p1, java.io.InputStream p2, long p3) throws java.sql.SQLException {
    throw unsupported("setAsciiStream");
  }

  @Override
  public void setBinaryStream(int p1, java.io.InputStream p2, long p3)
      throws java.sql.SQLException {
    throw unsupported("setBinaryStream");
  }

  @Override
  public void setCharacterStream(int p1, java.io.Reader p2, long p3) throws java.sql.SQLException {
    throw unsupported("setCharacterStream");
  }

  @Override
  public void setAsciiStream(int p1, java.io.InputStream p2) throws java.sql.SQLException {
    throw unsupported("setAsciiStream");
  }

  @Override
  public void setBinaryStream(int p1, java.io.InputStream p2) throws java.sql.SQLException {
    throw unsupported("setBinaryStream");
  }

  @Override
  public void setCharacterStream(int p1, java.io.Reader p2) throws java.sql.SQLException {
    throw unsupported("setCharacterStream");
  }

  @Override
  public void setNCharacterStream(int p1, java.io.Reader p2) throws java.sql.SQLException {
    throw unsupported("setNCharacterStream");
  }

  @Override
  public void setClob(int p1, java.io.Reader p2) throws java.sql.SQLException {
    throw unsupported("setClob");
  }

  @Override
  public void setBlob(int p1, java.io.InputStream p2) throws java.sql.SQLException {
    throw unsupported("setBlob");
  }

  @Override
  public void setNClob(int p1, java.io.Reader p2) throws java.sql.SQLException {
    throw unsupported("setNClob");
  }

  @Override
  public java.sql.ResultSet executeQuery(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("executeQuery");
  }

  @Override
  public int executeUpdate(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("executeUpdate");
  }

  @Override
  public void close() throws java.sql.SQLException {
    closed = true;
  }

  @Override
  public int getMaxFieldSize() throws java.sql.SQLException {
    throw unsupported("getMaxFieldSize");
  }

  @Override
  public void setMaxFieldSize(int p1) throws java.sql.SQLException {
    throw unsupported("setMaxFieldSize");
  }

  @Override
  public int getMaxRows() throws java.sql.SQLException {
    throw unsupported("getMaxRows");
  }

  @Override
  public void setMaxRows(int p1) throws java.sql.SQLException {
    throw unsupported("setMaxRows");
  }

  @Override
  public void setEscapeProcessing(boolean p1) throws java.sql.SQLException {
    throw unsupported("setEscapeProcessing");
  }

  @Override
  public int getQueryTimeout() throws java.sql.SQLException {
    throw unsupported("getQueryTimeout");
  }

  @Override
  public void setQueryTimeout(int p1) throws java.sql.SQLException {
    throw unsupported("setQueryTimeout");
  }

  @Override
  public void cancel() throws java.sql.SQLException {
    throw unsupported("cancel");
  }

  @Override
  public java.sql.SQLWarning getWarnings() throws java.sql.SQLException {
    return null;
  }

  @Override
  public void clearWarnings() throws java.sql.SQLException {}

  @Override
  public void setCursorName(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("setCursorName");
  }

  @Override
  public boolean execute(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("execute");
  }

  @Override
  public java.sql.ResultSet getResultSet() throws java.sql.SQLException {
    return lastResultSet;
  }

  @Override
  public int getUpdateCount() throws java.sql.SQLException {
    return -1;
  }

  @Override
  public boolean getMoreResults() throws java.sql.SQLException {
    throw unsupported("getMoreResults");
  }

  @Override
  public void setFetchDirection(int p1) throws java.sql.SQLException {
    throw unsupported("setFetchDirection");
  }

  @Override
  public int getFetchDirection() throws java.sql.SQLException {
    throw unsupported("getFetchDirection");
  }

  @Override
  public void setFetchSize(int p1) throws java.sql.SQLException {
    throw unsupported("setFetchSize");
  }

  @Override
  public int getFetchSize() throws java.sql.SQLException {
    throw unsupported("getFetchSize");
  }

  @Override
  public int getResultSetConcurrency() throws java.sql.SQLException {
    throw unsupported("getResultSetConcurrency");
  }

  @Override
  public int getResultSetType() throws java.sql.SQLException {
    throw unsupported("getResultSetType");
  }

  @Override
  public void addBatch(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("addBatch");
  }

  @Override
  public void clearBatch() throws java.sql.SQLException {
    throw unsupported("clearBatch");
  }

  @Override
  public int[] executeBatch() throws java.sql.SQLException {
    throw unsupported("executeBatch");
  }

  @Override
  public java.sql.Connection getConnection() throws java.sql.SQLException {
    return connection;
  }

  @Override
  public boolean getMoreResults(int p1) throws java.sql.SQLException {
    throw unsupported("getMoreResults");
  }

  @Override
  public java.sql.ResultSet getGeneratedKeys() throws java.sql.SQLException {
    throw unsupported("getGeneratedKeys");
  }

  @Override
  public int executeUpdate(java.lang.String p1, int p2) throws java.sql.SQLException {
    throw unsupported("executeUpdate");
  }

  @Override
  public int executeUpdate(java.lang.String p1, int[] p2) throws java.sql.SQLException {
    throw unsupported("executeUpdate");
  }

  @Override
  public int executeUpdate(java.lang.String p1, java.lang.String[] p2)
      throws java.sql.SQLException {
    throw unsupported("executeUpdate");
  }

  @Override
  public boolean execute(java.lang.String p1, int p2) throws java.sql.SQLException {
    throw unsupported("execute");
  }

  @Override
  public boolean execute(java.lang.String p1, int[] p2) throws java.sql.SQLException {
    throw unsupported("execute");
  }

  @Override
  public boolean execute(java.lang.String p1, java.lang.String[] p2) throws java.sql.SQLException {
    throw unsupported("execute");
  }

  @Override
  public int getResultSetHoldability() throws java.sql.SQLException {
    throw unsupported("getResultSetHoldability");
  }

  @Override
  public boolean isClosed() throws java.sql.SQLException {
    return closed;
  }

  @Override
  public void setPoolable(boolean p1) throws java.sql.SQLException {
    throw unsupported("setPoolable");
  }

  @Override
  public boolean isPoolable() throws java.sql.SQLException {
    throw unsupported("isPoolable");
  }

  @Override
  public void closeOnCompletion() throws java.sql.SQLException {
    throw unsupported("closeOnCompletion");
  }

  @Override
  public boolean isCloseOnCompletion() throws java.sql.SQLException {
    throw unsupported("isCloseOnCompletion");
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
