package dev.nplusone.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * The part of our prepared and callable statements that {@link PreparedStatement} adds: the shape
 * is fingerprinted once, at prepare time; each setter records its value by index, so an execution
 * knows its value set without asking the driver.
 */
abstract class AbstractProxyPreparedStatement<S extends PreparedStatement>
    extends AbstractProxyStatement<S> implements PreparedStatement {
  static final Object NULL_VALUE = BindValues.NULL;
  static final Object STREAM_VALUE = BindValues.STREAM;

  final SqlShape shape;
  private Object[] params;
  private int paramCount;

  /**
   * The bind-value count the connection's hint held when this statement last read or raised it: a
   * count up to it has nothing to tell the connection, which then is not read after the execution.
   */
  private int notedParams;

  private boolean lastMultiValued;

  /**
   * Whether a value that may carry several values (set by {@code setObject} or {@code setArray})
   * was captured since the last {@code clearParameters}; the typed setters' values never do, so
   * their hash skips the check.
   */
  private boolean mayBeMulti;

  AbstractProxyPreparedStatement(ProxyConnection connection, S delegate, SqlShape shape) {
    super(connection, delegate);
    this.shape = shape;
  }

  /**
   * Records a bind value of a typed setter, never multi-valued; callers check {@code enabled}
   * first, so mode off boxes nothing.
   */
  final void capture(int index, Object value) {
    // No database takes more than 65,535 markers; a larger index is the driver's error to raise.
    if (index < 1 || index > 65_535) {
      return;
    }
    store(index, value);
  }

  /** Records a bind value that may be an array or a collection: hashed at execution. */
  final void captureAny(int index, Object value) {
    if (index < 1 || index > 65_535) {
      return;
    }
    mayBeMulti = true;
    store(index, value);
  }

  private void store(int index, Object value) {
    Object[] p = params;
    if (p == null || index > p.length) {
      p = grow(index);
    }
    p[index - 1] = value;
    if (index > paramCount) {
      paramCount = index;
    }
  }

  private Object[] grow(int index) {
    Object[] p = params;
    if (p == null) {
      // Sized for the bind values the last statement of this text took on the connection.
      int hint = connection.paramHint(shape);
      notedParams = hint;
      p = new Object[Math.max(index, hint > 0 ? hint : 4)];
    } else {
      p = Arrays.copyOf(p, Math.max(index, p.length * 2));
    }
    params = p;
    return p;
  }

  /** Hash of the bind values and inlined literals; also sets {@link #lastMultiValued}. */
  private long valuesHash() {
    int n = paramCount;
    if (!mayBeMulti) {
      lastMultiValued = shape.multiValued();
      long h = shape.literalsHash();
      Object[] p = params;
      for (int i = 0; i < n; i++) {
        h = BindValues.fold(h, i, BindValues.valueHash(p[i]));
      }
      return h;
    }
    long h = shape.literalsHash();
    Object[] p = params;
    boolean multi = shape.multiValued();
    for (int i = 0; i < n; i++) {
      Object v = p[i];
      multi |= BindValues.isMultiValued(v);
      h = BindValues.mix(h, i, v);
    }
    lastMultiValued = multi;
    return h;
  }

  final void recordPrepared(long start, int batchSize) {
    Recorder recorder = connection.context.recorder;
    long elapsed = recorder.elapsed(connection, shape, start);
    int n = paramCount;
    if (n > notedParams) {
      connection.noteParams(shape, n);
      notedParams = n;
    }
    long hash = valuesHash();
    lastShape = shape;
    recorder.executed(
        connection, shape, hash, lastMultiValued, params, paramCount, elapsed, batchSize);
  }

  @Override
  final void recordBatch(String sql, int size, long start) {
    if (size > 0) {
      recordPrepared(start, size);
    }
  }

  @Override
  public final ResultSet executeQuery() throws SQLException {
    if (!enabled) {
      return wrap(delegate.executeQuery());
    }
    long start = begin();
    ResultSet rs = delegate.executeQuery();
    recordPrepared(start, 0);
    return wrap(rs);
  }

  @Override
  public final int executeUpdate() throws SQLException {
    if (!enabled) {
      return delegate.executeUpdate();
    }
    long start = begin();
    int n = delegate.executeUpdate();
    recordPrepared(start, 0);
    return n;
  }

  @Override
  public final long executeLargeUpdate() throws SQLException {
    if (!enabled) {
      return delegate.executeLargeUpdate();
    }
    long start = begin();
    long n = delegate.executeLargeUpdate();
    recordPrepared(start, 0);
    return n;
  }

  @Override
  public final boolean execute() throws SQLException {
    if (!enabled) {
      return delegate.execute();
    }
    long start = begin();
    boolean r = delegate.execute();
    recordPrepared(start, 0);
    return r;
  }

  @Override
  public final void addBatch() throws SQLException {
    delegate.addBatch();
    batchCount++;
  }

  @Override
  public final void clearParameters() throws SQLException {
    delegate.clearParameters();
    if (params != null) {
      Arrays.fill(params, 0, paramCount, null);
    }
    paramCount = 0;
    mayBeMulti = false;
  }

  @Override
  public java.sql.ResultSetMetaData getMetaData() throws java.sql.SQLException {
    return delegate.getMetaData();
  }

  @Override
  public java.sql.ParameterMetaData getParameterMetaData() throws java.sql.SQLException {
    return delegate.getParameterMetaData();
  }

  @Override
  public void setArray(int p1, java.sql.Array p2) throws java.sql.SQLException {
    if (enabled) {
      captureAny(p1, p2);
    }
    delegate.setArray(p1, p2);
  }

  @Override
  public void setAsciiStream(int p1, java.io.InputStream p2) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, STREAM_VALUE);
    }
    delegate.setAsciiStream(p1, p2);
  }

  @Override
  public void setAsciiStream(int p1, java.io.InputStream p2, int p3) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, STREAM_VALUE);
    }
    delegate.setAsciiStream(p1, p2, p3);
  }

  @Override
  public void setAsciiStream(int p1, java.io.InputStream p2, long p3) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, STREAM_VALUE);
    }
    delegate.setAsciiStream(p1, p2, p3);
  }

  @Override
  public void setBigDecimal(int p1, java.math.BigDecimal p2) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, p2);
    }
    delegate.setBigDecimal(p1, p2);
  }

  @Override
  public void setBinaryStream(int p1, java.io.InputStream p2) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, STREAM_VALUE);
    }
    delegate.setBinaryStream(p1, p2);
  }

  @Override
  public void setBinaryStream(int p1, java.io.InputStream p2, int p3) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, STREAM_VALUE);
    }
    delegate.setBinaryStream(p1, p2, p3);
  }

  @Override
  public void setBinaryStream(int p1, java.io.InputStream p2, long p3)
      throws java.sql.SQLException {
    if (enabled) {
      capture(p1, STREAM_VALUE);
    }
    delegate.setBinaryStream(p1, p2, p3);
  }

  @Override
  public void setBlob(int p1, java.io.InputStream p2) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, STREAM_VALUE);
    }
    delegate.setBlob(p1, p2);
  }

  @Override
  public void setBlob(int p1, java.io.InputStream p2, long p3) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, STREAM_VALUE);
    }
    delegate.setBlob(p1, p2, p3);
  }

  @Override
  public void setBlob(int p1, java.sql.Blob p2) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, STREAM_VALUE);
    }
    delegate.setBlob(p1, p2);
  }

  @Override
  public void setBoolean(int p1, boolean p2) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, p2);
    }
    delegate.setBoolean(p1, p2);
  }

  @Override
  public void setByte(int p1, byte p2) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, p2);
    }
    delegate.setByte(p1, p2);
  }

  @Override
  public void setBytes(int p1, byte[] p2) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, p2);
    }
    delegate.setBytes(p1, p2);
  }

  @Override
  public void setCharacterStream(int p1, java.io.Reader p2) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, STREAM_VALUE);
    }
    delegate.setCharacterStream(p1, p2);
  }

  @Override
  public void setCharacterStream(int p1, java.io.Reader p2, int p3) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, STREAM_VALUE);
    }
    delegate.setCharacterStream(p1, p2, p3);
  }

  @Override
  public void setCharacterStream(int p1, java.io.Reader p2, long p3) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, STREAM_VALUE);
    }
    delegate.setCharacterStream(p1, p2, p3);
  }

  @Override
  public void setClob(int p1, java.io.Reader p2) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, STREAM_VALUE);
    }
    delegate.setClob(p1, p2);
  }

  @Override
  public void setClob(int p1, java.io.Reader p2, long p3) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, STREAM_VALUE);
    }
    delegate.setClob(p1, p2, p3);
  }

  @Override
  public void setClob(int p1, java.sql.Clob p2) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, STREAM_VALUE);
    }
    delegate.setClob(p1, p2);
  }

  @Override
  public void setDate(int p1, java.sql.Date p2) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, p2);
    }
    delegate.setDate(p1, p2);
  }

  @Override
  public void setDate(int p1, java.sql.Date p2, java.util.Calendar p3)
      throws java.sql.SQLException {
    if (enabled) {
      capture(p1, p2);
    }
    delegate.setDate(p1, p2, p3);
  }

  @Override
  public void setDouble(int p1, double p2) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, p2);
    }
    delegate.setDouble(p1, p2);
  }

  @Override
  public void setFloat(int p1, float p2) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, p2);
    }
    delegate.setFloat(p1, p2);
  }

  @Override
  public void setInt(int p1, int p2) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, p2);
    }
    delegate.setInt(p1, p2);
  }

  @Override
  public void setLong(int p1, long p2) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, p2);
    }
    delegate.setLong(p1, p2);
  }

  @Override
  public void setNCharacterStream(int p1, java.io.Reader p2) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, STREAM_VALUE);
    }
    delegate.setNCharacterStream(p1, p2);
  }

  @Override
  public void setNCharacterStream(int p1, java.io.Reader p2, long p3) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, STREAM_VALUE);
    }
    delegate.setNCharacterStream(p1, p2, p3);
  }

  @Override
  public void setNClob(int p1, java.io.Reader p2) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, STREAM_VALUE);
    }
    delegate.setNClob(p1, p2);
  }

  @Override
  public void setNClob(int p1, java.io.Reader p2, long p3) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, STREAM_VALUE);
    }
    delegate.setNClob(p1, p2, p3);
  }

  @Override
  public void setNClob(int p1, java.sql.NClob p2) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, STREAM_VALUE);
    }
    delegate.setNClob(p1, p2);
  }

  @Override
  public void setNString(int p1, String p2) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, p2);
    }
    delegate.setNString(p1, p2);
  }

  @Override
  public void setNull(int p1, int p2) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, NULL_VALUE);
    }
    delegate.setNull(p1, p2);
  }

  @Override
  public void setNull(int p1, int p2, String p3) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, NULL_VALUE);
    }
    delegate.setNull(p1, p2, p3);
  }

  @Override
  public void setObject(int p1, Object p2) throws java.sql.SQLException {
    if (enabled) {
      captureAny(p1, p2);
    }
    delegate.setObject(p1, p2);
  }

  @Override
  public void setObject(int p1, Object p2, int p3) throws java.sql.SQLException {
    if (enabled) {
      captureAny(p1, p2);
    }
    delegate.setObject(p1, p2, p3);
  }

  @Override
  public void setObject(int p1, Object p2, int p3, int p4) throws java.sql.SQLException {
    if (enabled) {
      captureAny(p1, p2);
    }
    delegate.setObject(p1, p2, p3, p4);
  }

  @Override
  public void setObject(int p1, Object p2, java.sql.SQLType p3) throws java.sql.SQLException {
    if (enabled) {
      captureAny(p1, p2);
    }
    delegate.setObject(p1, p2, p3);
  }

  @Override
  public void setObject(int p1, Object p2, java.sql.SQLType p3, int p4)
      throws java.sql.SQLException {
    if (enabled) {
      captureAny(p1, p2);
    }
    delegate.setObject(p1, p2, p3, p4);
  }

  @Override
  public void setRef(int p1, java.sql.Ref p2) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, p2);
    }
    delegate.setRef(p1, p2);
  }

  @Override
  public void setRowId(int p1, java.sql.RowId p2) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, p2);
    }
    delegate.setRowId(p1, p2);
  }

  @Override
  public void setSQLXML(int p1, java.sql.SQLXML p2) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, STREAM_VALUE);
    }
    delegate.setSQLXML(p1, p2);
  }

  @Override
  public void setShort(int p1, short p2) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, p2);
    }
    delegate.setShort(p1, p2);
  }

  @Override
  public void setString(int p1, String p2) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, p2);
    }
    delegate.setString(p1, p2);
  }

  @Override
  public void setTime(int p1, java.sql.Time p2) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, p2);
    }
    delegate.setTime(p1, p2);
  }

  @Override
  public void setTime(int p1, java.sql.Time p2, java.util.Calendar p3)
      throws java.sql.SQLException {
    if (enabled) {
      capture(p1, p2);
    }
    delegate.setTime(p1, p2, p3);
  }

  @Override
  public void setTimestamp(int p1, java.sql.Timestamp p2) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, p2);
    }
    delegate.setTimestamp(p1, p2);
  }

  @Override
  public void setTimestamp(int p1, java.sql.Timestamp p2, java.util.Calendar p3)
      throws java.sql.SQLException {
    if (enabled) {
      capture(p1, p2);
    }
    delegate.setTimestamp(p1, p2, p3);
  }

  @Override
  public void setURL(int p1, java.net.URL p2) throws java.sql.SQLException {
    if (enabled) {
      capture(p1, p2);
    }
    delegate.setURL(p1, p2);
  }

  @Override
  @Deprecated
  public void setUnicodeStream(int p1, java.io.InputStream p2, int p3)
      throws java.sql.SQLException {
    if (enabled) {
      capture(p1, STREAM_VALUE);
    }
    delegate.setUnicodeStream(p1, p2, p3);
  }
}
