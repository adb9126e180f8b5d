package dev.nplusone.benchmarks.stub;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

/**
 * A one-row result set that does no I/O: column 1 is a name chosen by the key it was queried with,
 * from a table made once, so reading it allocates nothing. Everything else throws {@link
 * SQLFeatureNotSupportedException}.
 */
public final class StubResultSet implements java.sql.ResultSet {
  private static final String[] NAMES = new String[4096];

  static {
    for (int i = 0; i < NAMES.length; i++) {
      NAMES[i] = "name-" + i;
    }
  }

  private final StubPreparedStatement statement;
  private final long key;
  private int row;
  private boolean closed;

  StubResultSet(StubPreparedStatement statement, long key) {
    this.statement = statement;
    this.key = key;
  }

  private void checkRow() throws SQLException {
    if (closed || row != 1) {
      throw new SQLException("stub: no current row");
    }
  }

  private static SQLFeatureNotSupportedException unsupported(String method) {
    return new SQLFeatureNotSupportedException("stub: " + method);
  }

  @Override
  public boolean next() throws java.sql.SQLException {
    if (closed) {
      throw new SQLException("stub: result set is closed");
    }
    return ++row == 1;
  }

  @Override
  public void close() throws java.sql.SQLException {
    closed = true;
  }

  @Override
  public boolean wasNull() throws java.sql.SQLException {
    return false;
  }

  @Override
  public java.lang.String getString(int p1) throws java.sql.SQLException {
    checkRow();
    return NAMES[(int) (key & (NAMES.length - 1))];
  }

  @Override
  public boolean getBoolean(int p1) throws java.sql.SQLException {
    throw unsupported("getBoolean");
  }

  @Override
  public byte getByte(int p1) throws java.sql.SQLException {
    throw unsupported("getByte");
  }

  @Override
  public short getShort(int p1) throws java.sql.SQLException {
    throw unsupported("getShort");
  }

  @Override
  public int getInt(int p1) throws java.sql.SQLException {
    throw unsupported("getInt");
  }

  @Override
  public long getLong(int p1) throws java.sql.SQLException {
    checkRow();
    return key;
  }

  @Override
  public float getFloat(int p1) throws java.sql.SQLException {
    throw unsupported("getFloat");
  }

  @Override
  public double getDouble(int p1) throws java.sql.SQLException {
    throw unsupported("getDouble");
  }

  @Override
  @Deprecated
  public java.math.BigDecimal getBigDecimal(int p1, int p2) throws java.sql.SQLException {
    throw unsupported("getBigDecimal");
  }

  @Override
  public byte[] getBytes(int p1) throws java.sql.SQLException {
    throw unsupported("getBytes");
  }

  @Override
  public java.sql.Date getDate(int p1) throws java.sql.SQLException {
    throw unsupported("getDate");
  }

  @Override
  public java.sql.Time getTime(int p1) throws java.sql.SQLException {
    throw unsupported("getTime");
  }

  @Override
  public java.sql.Timestamp getTimestamp(int p1) throws java.sql.SQLException {
    throw unsupported("getTimestamp");
  }

  @Override
  public java.io.InputStream getAsciiStream(int p1) throws java.sql.SQLException {
    throw unsupported("getAsciiStream");
  }

  @Override
  @Deprecated
  public java.io.InputStream getUnicodeStream(int p1) throws java.sql.SQLException {
    throw unsupported("getUnicodeStream");
  }

  @Override
  public java.io.InputStream getBinaryStream(int p1) throws java.sql.SQLException {
    throw unsupported("getBinaryStream");
  }

  @Override
  public java.lang.String getString(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("getString");
  }

  @Override
  public boolean getBoolean(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("getBoolean");
  }

  @Override
  public byte getByte(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("getByte");
  }

  @Override
  public short getShort(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("getShort");
  }

  @Override
  public int getInt(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("getInt");
  }

  @Override
  public long getLong(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("getLong");
  }

  @Override
  public float getFloat(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("getFloat");
  }

  @Override
  public double getDouble(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("getDouble");
  }

  @Override
  @Deprecated
  public java.math.BigDecimal getBigDecimal(java.lang.String p1, int p2)
      throws java.sql.SQLException {
    throw unsupported("getBigDecimal");
  }

  @Override
  public byte[] getBytes(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("getBytes");
  }

  @Override
  public java.sql.Date getDate(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("getDate");
  }

  @Override
  public java.sql.Time getTime(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("getTime");
  }

  @Override
  public java.sql.Timestamp getTimestamp(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("getTimestamp");
  }

  @Override
  public java.io.InputStream getAsciiStream(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("getAsciiStream");
  }

  @Override
  @Deprecated
  public java.io.InputStream getUnicodeStream(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("getUnicodeStream");
  }

  @Override
  public java.io.InputStream getBinaryStream(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("getBinaryStream");
  }

  @Override
  public java.sql.SQLWarning getWarnings() throws java.sql.SQLException {
    return null;
  }

  @Override
  public void clearWarnings() throws java.sql.SQLException {}

  @Override
  public java.lang.String getCursorName() throws java.sql.SQLException {
    throw unsupported("getCursorName");
  }

  @Override
  public java.sql.ResultSetMetaData getMetaData() throws java.sql.SQLException {
    throw unsupported("getMetaData");
  }

  @Override
  public java.lang.Object getObject(int p1) throws java.sql.SQLException {
    throw unsupported("getObject");
  }

  @Override
  public java.lang.Object getObject(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("getObject");
  }

  @Override
  public int findColumn(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("findColumn");
  }

  @Override
  public java.io.Reader getCharacterStream(int p1) throws java.sql.SQLException {
    throw unsupported("getCharacterStream");
  }

  @Override
  public java.io.Reader getCharacterStream(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("getCharacterStream");
  }

  @Override
  public java.math.BigDecimal getBigDecimal(int p1) throws java.sql.SQLException {
    throw unsupported("getBigDecimal");
  }

  @Override
  public java.math.BigDecimal getBigDecimal(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("getBigDecimal");
  }

  @Override
  public boolean isBeforeFirst() throws java.sql.SQLException {
    throw unsupported("isBeforeFirst");
  }

  @Override
  public boolean isAfterLast() throws java.sql.SQLException {
    throw unsupported("isAfterLast");
  }

  @Override
  public boolean isFirst() throws java.sql.SQLException {
    throw unsupported("isFirst");
  }

  @Override
  public boolean isLast() throws java.sql.SQLException {
    throw unsupported("isLast");
  }

  @Override
  public void beforeFirst() throws java.sql.SQLException {
    throw unsupported("beforeFirst");
  }

  @Override
  public void afterLast() throws java.sql.SQLException {
    throw unsupported("afterLast");
  }

  @Override
  public boolean first() throws java.sql.SQLException {
    throw unsupported("first");
  }

  @Override
  public boolean last() throws java.sql.SQLException {
    throw unsupported("last");
  }

  @Override
  public int getRow() throws java.sql.SQLException {
    throw unsupported("getRow");
  }

  @Override
  public boolean absolute(int p1) throws java.sql.SQLException {
    throw unsupported("absolute");
  }

  @Override
  public boolean relative(int p1) throws java.sql.SQLException {
    throw unsupported("relative");
  }

  @Override
  public boolean previous() throws java.sql.SQLException {
    throw unsupported("previous");
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
  public int getType() throws java.sql.SQLException {
    throw unsupported("getType");
  }

  @Override
  public int getConcurrency() throws java.sql.SQLException {
    throw unsupported("getConcurrency");
  }

  @Override
  public boolean rowUpdated() throws java.sql.SQLException {
    throw unsupported("rowUpdated");
  }

  @Override
  public boolean rowInserted() throws java.sql.SQLException {
    throw unsupported("rowInserted");
  }

  @Override
  public boolean rowDeleted() throws java.sql.SQLException {
    throw unsupported("rowDeleted");
  }

  @Override
  public void updateNull(int p1) throws java.sql.SQLException {
    throw unsupported("updateNull");
  }

  @Override
  public void updateBoolean(int p1, boolean p2) throws java.sql.SQLException {
    throw unsupported("updateBoolean");
  }

  @Override
  public void updateByte(int p1, byte p2) throws java.sql.SQLException {
    throw unsupported("updateByte");
  }

  @Override
  public void updateShort(int p1, short p2) throws java.sql.SQLException {
    throw unsupported("updateShort");
  }

  @Override
  public void updateInt(int p1, int p2) throws java.sql.SQLException {
    throw unsupported("updateInt");
  }

  @Override
  public void updateLong(int p1, long p2) throws java.sql.SQLException {
    throw unsupported("updateLong");
  }

  @Override
  public void updateFloat(int p1, float p2) throws java.sql.SQLException {
    throw unsupported("updateFloat");
  }

  @Override
  public void updateDouble(int p1, double p2) throws java.sql.SQLException {
    throw unsupported("updateDouble");
  }

  @Override
  public void updateBigDecimal(int p1, java.math.BigDecimal p2) throws java.sql.SQLException {
    throw unsupported("updateBigDecimal");
  }

  @Override
  public void updateString(int p1, java.lang.String p2) throws java.sql.SQLException {
    throw unsupported("updateString");
  }

  @Override
  public void updateBytes(int p1, byte[] p2) throws java.sql.SQLException {
    throw unsupported("updateBytes");
  }

  @Override
  public void updateDate(int p1, java.sql.Date p2) throws java.sql.SQLException {
    throw unsupported("updateDate");
  }

  @Override
  public void updateTime(int p1, java.sql.Time p2) throws java.sql.SQLException {
    throw unsupported("updateTime");
  }

  @Override
  public void updateTimestamp(int p1, java.sql.Timestamp p2) throws java.sql.SQLException {
    throw unsupported("updateTimestamp");
  }

  @Override
  public void updateAsciiStream(int p1, java.io.InputStream p2, int p3)
      throws java.sql.SQLException {
    throw unsupported("updateAsciiStream");
  }

  @Override
  public void updateBinaryStream(int p1, java.io.InputStream p2, int p3)
      throws java.sql.SQLException {
    throw unsupported("updateBinaryStream");
  }

  @Override
  public void updateCharacterStream(int p1, java.io.Reader p2, int p3)
      throws java.sql.SQLException {
    throw unsupported("updateCharacterStream");
  }

  @Override
  public void updateObject(int p1, java.lang.Object p2, int p3) throws java.sql.SQLException {
    throw unsupported("updateObject");
  }

  @Override
  public void updateObject(int p1, java.lang.Object p2) throws java.sql.SQLException {
    throw unsupported("updateObject");
  }

  @Override
  public void updateNull(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("updateNull");
  }

  @Override
  public void updateBoolean(java.lang.String p1, boolean p2) throws java.sql.SQLException {
    throw unsupported("updateBoolean");
  }

  @Override
  public void updateByte(java.lang.String p1, byte p2) throws java.sql.SQLException {
    throw unsupported("updateByte");
  }

  @Override
  public void updateShort(java.lang.String p1, short p2) throws java.sql.SQLException {
    throw unsupported("updateShort");
  }

  @Override
  public void updateInt(java.lang.String p1, int p2) throws java.sql.SQLException {
    throw unsupported("updateInt");
  }

  @Override
  public void updateLong(java.lang.String p1, long p2) throws java.sql.SQLException {
    throw unsupported("updateLong");
  }

  @Override
  public void updateFloat(java.lang.String p1, float p2) throws java.sql.SQLException {
    throw unsupported("updateFloat");
  }

  @Override
  public void updateDouble(java.lang.String p1, double p2) throws java.sql.SQLException {
    throw unsupported("updateDouble");
  }

  @Override
  public void updateBigDecimal(java.lang.String p1, java.math.BigDecimal p2)
      throws java.sql.SQLException {
    throw unsupported("updateBigDecimal");
  }

  @Override
  public void updateString(java.lang.String p1, java.lang.String p2) throws java.sql.SQLException {
    throw unsupported("updateString");
  }

  @Override
  public void updateBytes(java.lang.String p1, byte[] p2) throws java.sql.SQLException {
    throw unsupported("updateBytes");
  }

  @Override
  public void updateDate(java.lang.String p1, java.sql.Date p2) throws java.sql.SQLException {
    throw unsupported("updateDate");
  }

  @Override
  public void updateTime(java.lang.String p1, java.sql.Time p2) throws java.sql.SQLException {
    throw unsupported("updateTime");
  }

  @Override
  public void updateTimestamp(java.lang.String p1, java.sql.Timestamp p2)
      throws java.sql.SQLException {
    throw unsupported("updateTimestamp");
  }

  @Override
  public void updateAsciiStream(java.lang.String p1, java.io.InputStream p2, int p3)
      throws java.sql.SQLException {
    throw unsupported("updateAsciiStream");
  }

  @Override
  public void updateBinaryStream(java.lang.String p1, java.io.InputStream p2, int p3)
      throws java.sql.SQLException {
    throw unsupported("updateBinaryStream");
  }

  @Override
  public void updateCharacterStream(java.lang.String p1, java.io.Reader p2, int p3)
      throws java.sql.SQLException {
    throw unsupported("updateCharacterStream");
  }

  @Override
  public void updateObject(java.lang.String p1, java.lang.Object p2, int p3)
      throws java.sql.SQLException {
    throw unsupported("updateObject");
  }

  @Override
  public void updateObject(java.lang.String p1, java.lang.Object p2) throws java.sql.SQLException {
    throw unsupported("updateObject");
  }

  @Override
  public void insertRow() throws java.sql.SQLException {
    throw unsupported("insertRow");
  }

  @Override
  public void updateRow() throws java.sql.SQLException {
    throw unsupported("updateRow");
  }

  @Override
  public void deleteRow() throws java.sql.SQLException {
    throw unsupported("deleteRow");
  }

  @Override
  public void refreshRow() throws java.sql.SQLException {
    throw unsupported("refreshRow");
  }

  @Override
  public void cancelRowUpdates() throws java.sql.SQLException {
    throw unsupported("cancelRowUpdates");
  }

  @Override
  public void moveToInsertRow() throws java.sql.SQLException {
    throw unsupported("moveToInsertRow");
  }

  @Override
  public void moveToCurrentRow() throws java.sql.SQLException {
    throw unsupported("moveToCurrentRow");
  }

  @Override
  public java.sql.Statement getStatement() throws java.sql.SQLException {
    return statement;
  }

  @Override
  public java.lang.Object getObject(int p1, java.util.Map<java.lang.String, java.lang.Class<?>> p2)
      throws java.sql.SQLException {
    throw unsupported("getObject");
  }

  @Override
  public java.sql.Ref getRef(int p1) throws java.sql.SQLException {
    throw unsupported("getRef");
  }

  @Override
  public java.sql.Blob getBlob(int p1) throws java.sql.SQLException {
    throw unsupported("getBlob");
  }

  @Override
  public java.sql.Clob getClob(int p1) throws java.sql.SQLException {
    throw unsupported("getClob");
  }

  @Override
  public java.sql.Array getArray(int p1) throws java.sql.SQLException {
    throw unsupported("getArray");
  }

  @Override
  public java.lang.Object getObject(
      java.lang.String p1, java.util.Map<java.lang.String, java.lang.Class<?>> p2)
      throws java.sql.SQLException {
    throw unsupported("getObject");
  }

  @Override
  public java.sql.Ref getRef(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("getRef");
  }

  @Override
  public java.sql.Blob getBlob(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("getBlob");
  }

  @Override
  public java.sql.Clob getClob(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("getClob");
  }

  @Override
  public java.sql.Array getArray(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("getArray");
  }

  @Override
  public java.sql.Date getDate(int p1, java.util.Calendar p2) throws java.sql.SQLException {
    throw unsupported("getDate");
  }

  @Override
  public java.sql.Date getDate(java.lang.String p1, java.util.Calendar p2)
      throws java.sql.SQLException {
    throw unsupported("getDate");
  }

  @Override
  public java.sql.Time getTime(int p1, java.util.Calendar p2) throws java.sql.SQLException {
    throw unsupported("getTime");
  }

  @Override
  public java.sql.Time getTime(java.lang.String p1, java.util.Calendar p2)
      throws java.sql.SQLException {
    throw unsupported("getTime");
  }

  @Override
  public java.sql.Timestamp getTimestamp(int p1, java.util.Calendar p2)
      throws java.sql.SQLException {
    throw unsupported("getTimestamp");
  }

  @Override
  public java.sql.Timestamp getTimestamp(java.lang.String p1, java.util.Calendar p2)
      throws java.sql.SQLException {
    throw unsupported("getTimestamp");
  }

  @Override
  public java.net.URL getURL(int p1) throws java.sql.SQLException {
    throw unsupported("getURL");
  }

  @Override
  public java.net.URL getURL(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("getURL");
  }

  @Override
  public void updateRef(int p1, java.sql.Ref p2) throws java.sql.SQLException {
    throw unsupported("updateRef");
  }

  @Override
  public void updateRef(java.lang.String p1, java.sql.Ref p2) throws java.sql.SQLException {
    throw unsupported("updateRef");
  }

  @Override
  public void updateBlob(int p1, java.sql.Blob p2) throws java.sql.SQLException {
    throw unsupported("updateBlob");
  }

  @Override
  public void updateBlob(java.lang.String p1, java.sql.Blob p2) throws java.sql.SQLException {
    throw unsupported("updateBlob");
  }

  @Override
  public void updateClob(int p1, java.sql.Clob p2) throws java.sql.SQLException {
    throw unsupported("updateClob");
  }

  @Override
  public void updateClob(java.lang.String p1, java.sql.Clob p2) throws java.sql.SQLException {
    throw unsupported("updateClob");
  }

  @Override
  public void updateArray(int p1, java.sql.Array p2) throws java.sql.SQLException {
    throw unsupported("updateArray");
  }

  @Override
  public void updateArray(java.lang.String p1, java.sql.Array p2) throws java.sql.SQLException {
    throw unsupported("updateArray");
  }

  @Override
  public java.sql.RowId getRowId(int p1) throws java.sql.SQLException {
    throw unsupported("getRowId");
  }

  @Override
  public java.sql.RowId getRowId(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("getRowId");
  }

  @Override
  public void updateRowId(int p1, java.sql.RowId p2) throws java.sql.SQLException {
    throw unsupported("updateRowId");
  }

  @Override
  public void updateRowId(java.lang.String p1, java.sql.RowId p2) throws java.sql.SQLException {
    throw unsupported("updateRowId");
  }

  @Override
  public int getHoldability() throws java.sql.SQLException {
    throw unsupported("getHoldability");
  }

  @Override
  public boolean isClosed() throws java.sql.SQLException {
    return closed;
  }

  @Override
  public void updateNString(int p1, java.lang.String p2) throws java.sql.SQLException {
    throw unsupported("updateNString");
  }

  @Override
  public void updateNString(java.lang.String p1, java.lang.String p2) throws java.sql.SQLException {
    throw unsupported("updateNString");
  }

  @Override
  public void updateNClob(int p1, java.sql.NClob p2) throws java.sql.SQLException {
    throw unsupported("updateNClob");
  }

  @Override
  public void updateNClob(java.lang.String p1, java.sql.NClob p2) throws java.sql.SQLException {
    throw unsupported("updateNClob");
  }

  @Override
  public java.sql.NClob getNClob(int p1) throws java.sql.SQLException {
    throw unsupported("getNClob");
  }

  @Override
  public java.sql.NClob getNClob(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("getNClob");
  }

  @Override
  public java.sql.SQLXML getSQLXML(int p1) throws java.sql.SQLException {
    throw unsupported("getSQLXML");
  }

  @Override
  public java.sql.SQLXML getSQLXML(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("getSQLXML");
  }

  @Override
  public void updateSQLXML(int p1, java.sql.SQLXML p2) throws java.sql.SQLException {
    throw unsupported("updateSQLXML");
  }

  @Override
  public void updateSQLXML(java.lang.String p1, java.sql.SQLXML p2) throws java.sql.SQLException {
    throw unsupported("updateSQLXML");
  }

  @Override
  public java.lang.String getNString(int p1) throws java.sql.SQLException {
    throw unsupported("getNString");
  }

  @Override
  public java.lang.String getNString(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("getNString");
  }

  @Override
  public java.io.Reader getNCharacterStream(int p1) throws java.sql.SQLException {
    throw unsupported("getNCharacterStream");
  }

  @Override
  public java.io.Reader getNCharacterStream(java.lang.String p1) throws java.sql.SQLException {
    throw unsupported("getNCharacterStream");
  }

  @Override
  public void updateNCharacterStream(int p1, java.io.Reader p2, long p3)
      throws java.sql.SQLException {
    throw unsupported("updateNCharacterStream");
  }

  @Override
  public void updateNCharacterStream(java.lang.String p1, java.io.Reader p2, long p3)
      throws java.sql.SQLException {
    throw unsupported("updateNCharacterStream");
  }

  @Override
  public void updateAsciiStream(int p1, java.io.InputStream p2, long p3)
      throws java.sql.SQLException {
    throw unsupported("updateAsciiStream");
  }

  @Override
  public void updateBinaryStream(int p1, java.io.InputStream p2, long p3)
      throws java.sql.SQLException {
    throw unsupported("updateBinaryStream");
  }

  @Override
  public void updateCharacterStream(int p1, java.io.Reader p2, long p3)
      throws java.sql.SQLException {
    throw unsupported("updateCharacterStream");
  }

  @Override
  public void updateAsciiStream(java.lang.String p1, java.io.InputStream p2, long p3)
      throws java.sql.SQLException {
    throw unsupported("updateAsciiStream");
  }

  @Override
  public void updateBinaryStream(java.lang.String p1, java.io.InputStream p2, long p3)
      throws java.sql.SQLException {
    throw unsupported("updateBinaryStream");
  }

  @Override
  public void updateCharacterStream(java.lang.String p1, java.io.Reader p2, long p3)
      throws java.sql.SQLException {
    throw unsupported("updateCharacterStream");
  }

  @Override
  public void updateBlob(int p1, java.io.InputStream p2, long p3) throws java.sql.SQLException {
    throw unsupported("updateBlob");
  }

  @Override
  public void updateBlob(java.lang.String p1, java.io.InputStream p2, long p3)
      throws java.sql.SQLException {
    throw unsupported("updateBlob");
  }

  @Override
  public void updateClob(int p1, java.io.Reader p2, long p3) throws java.sql.SQLException {
    throw unsupported("updateClob");
  }

  @Override
  public void updateClob(java.lang.String p1, java.io.Reader p2, long p3)
      throws java.sql.SQLException {
    throw unsupported("updateClob");
  }

  @Override
  public void updateNClob(int p1, java.io.Reader p2, long p3) throws java.sql.SQLException {
    throw unsupported("updateNClob");
  }

  @Override
  public void updateNClob(java.lang.String p1, java.io.Reader p2, long p3)
      throws java.sql.SQLException {
    throw unsupported("updateNClob");
  }

  @Override
  public void updateNCharacterStream(int p1, java.io.Reader p2) throws java.sql.SQLException {
    throw unsupported("updateNCharacterStream");
  }

  @Override
  public void updateNCharacterStream(java.lang.String p1, java.io.Reader p2)
      throws java.sql.SQLException {
    throw unsupported("updateNCharacterStream");
  }

  @Override
  public void updateAsciiStream(int p1, java.io.InputStream p2) throws java.sql.SQLException {
    throw unsupported("updateAsciiStream");
  }

  @Override
  public void updateBinaryStream(int p1, java.io.InputStream p2) throws java.sql.SQLException {
    throw unsupported("updateBinaryStream");
  }

  @Override
  public void updateCharacterStream(int p1, java.io.Reader p2) throws java.sql.SQLException {
    throw unsupported("updateCharacterStream");
  }

  @Override
  public void updateAsciiStream(java.lang.String p1, java.io.InputStream p2)
      throws java.sql.SQLException {
    throw unsupported("updateAsciiStream");
  }

  @Override
  public void updateBinaryStream(java.lang.String p1, java.io.InputStream p2)
      throws java.sql.SQLException {
    throw unsupported("updateBinaryStream");
  }

  @Override
  public void updateCharacterStream(java.lang.String p1, java.io.Reader p2)
      throws java.sql.SQLException {
    throw unsupported("updateCharacterStream");
  }

  @Override
  public void updateBlob(int p1, java.io.InputStream p2) throws java.sql.SQLException {
    throw unsupported("updateBlob");
  }

  @Override
  public void updateBlob(java.lang.String p1, java.io.InputStream p2) throws java.sql.SQLException {
    throw unsupported("updateBlob");
  }

  @Override
  public void updateClob(int p1, java.io.Reader p2) throws java.sql.SQLException {
    throw unsupported("updateClob");
  }

  @Override
  public void updateClob(java.lang.String p1, java.io.Reader p2) throws java.sql.SQLException {
    throw unsupported("updateClob");
  }

  @Override
  public void updateNClob(int p1, java.io.Reader p2) throws java.sql.SQLException {
    throw unsupported("updateNClob");
  }

  @Override
  public void updateNClob(java.lang.String p1, java.io.Reader p2) throws java.sql.SQLException {
    throw unsupported("updateNClob");
  }

  @Override
  public <T> T getObject(int p1, java.lang.Class<T> p2) throws java.sql.SQLException {
    throw unsupported("getObject");
  }

  @Override
  public <T> T getObject(java.lang.String p1, java.lang.Class<T> p2) throws java.sql.SQLException {
    throw unsupported("getObject");
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
