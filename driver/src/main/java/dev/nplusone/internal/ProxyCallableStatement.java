package dev.nplusone.internal;

import java.sql.CallableStatement;

/** Our {@link CallableStatement}: a prepared statement plus one-line delegations. */
public final class ProxyCallableStatement extends AbstractProxyPreparedStatement<CallableStatement>
    implements CallableStatement {
  ProxyCallableStatement(ProxyConnection connection, CallableStatement delegate, SqlShape shape) {
    super(connection, delegate, shape);
  }

  @Override
  public java.sql.Array getArray(int p1) throws java.sql.SQLException {
    return delegate.getArray(p1);
  }

  @Override
  public java.sql.Array getArray(String p1) throws java.sql.SQLException {
    return delegate.getArray(p1);
  }

  @Override
  public java.math.BigDecimal getBigDecimal(int p1) throws java.sql.SQLException {
    return delegate.getBigDecimal(p1);
  }

  @Override
  @Deprecated
  public java.math.BigDecimal getBigDecimal(int p1, int p2) throws java.sql.SQLException {
    return delegate.getBigDecimal(p1, p2);
  }

  @Override
  public java.math.BigDecimal getBigDecimal(String p1) throws java.sql.SQLException {
    return delegate.getBigDecimal(p1);
  }

  @Override
  public java.sql.Blob getBlob(int p1) throws java.sql.SQLException {
    return delegate.getBlob(p1);
  }

  @Override
  public java.sql.Blob getBlob(String p1) throws java.sql.SQLException {
    return delegate.getBlob(p1);
  }

  @Override
  public boolean getBoolean(int p1) throws java.sql.SQLException {
    return delegate.getBoolean(p1);
  }

  @Override
  public boolean getBoolean(String p1) throws java.sql.SQLException {
    return delegate.getBoolean(p1);
  }

  @Override
  public byte getByte(int p1) throws java.sql.SQLException {
    return delegate.getByte(p1);
  }

  @Override
  public byte getByte(String p1) throws java.sql.SQLException {
    return delegate.getByte(p1);
  }

  @Override
  public byte[] getBytes(int p1) throws java.sql.SQLException {
    return delegate.getBytes(p1);
  }

  @Override
  public byte[] getBytes(String p1) throws java.sql.SQLException {
    return delegate.getBytes(p1);
  }

  @Override
  public java.io.Reader getCharacterStream(int p1) throws java.sql.SQLException {
    return delegate.getCharacterStream(p1);
  }

  @Override
  public java.io.Reader getCharacterStream(String p1) throws java.sql.SQLException {
    return delegate.getCharacterStream(p1);
  }

  @Override
  public java.sql.Clob getClob(int p1) throws java.sql.SQLException {
    return delegate.getClob(p1);
  }

  @Override
  public java.sql.Clob getClob(String p1) throws java.sql.SQLException {
    return delegate.getClob(p1);
  }

  @Override
  public java.sql.Date getDate(int p1) throws java.sql.SQLException {
    return delegate.getDate(p1);
  }

  @Override
  public java.sql.Date getDate(int p1, java.util.Calendar p2) throws java.sql.SQLException {
    return delegate.getDate(p1, p2);
  }

  @Override
  public java.sql.Date getDate(String p1) throws java.sql.SQLException {
    return delegate.getDate(p1);
  }

  @Override
  public java.sql.Date getDate(String p1, java.util.Calendar p2) throws java.sql.SQLException {
    return delegate.getDate(p1, p2);
  }

  @Override
  public double getDouble(int p1) throws java.sql.SQLException {
    return delegate.getDouble(p1);
  }

  @Override
  public double getDouble(String p1) throws java.sql.SQLException {
    return delegate.getDouble(p1);
  }

  @Override
  public float getFloat(int p1) throws java.sql.SQLException {
    return delegate.getFloat(p1);
  }

  @Override
  public float getFloat(String p1) throws java.sql.SQLException {
    return delegate.getFloat(p1);
  }

  @Override
  public int getInt(int p1) throws java.sql.SQLException {
    return delegate.getInt(p1);
  }

  @Override
  public int getInt(String p1) throws java.sql.SQLException {
    return delegate.getInt(p1);
  }

  @Override
  public long getLong(int p1) throws java.sql.SQLException {
    return delegate.getLong(p1);
  }

  @Override
  public long getLong(String p1) throws java.sql.SQLException {
    return delegate.getLong(p1);
  }

  @Override
  public java.io.Reader getNCharacterStream(int p1) throws java.sql.SQLException {
    return delegate.getNCharacterStream(p1);
  }

  @Override
  public java.io.Reader getNCharacterStream(String p1) throws java.sql.SQLException {
    return delegate.getNCharacterStream(p1);
  }

  @Override
  public java.sql.NClob getNClob(int p1) throws java.sql.SQLException {
    return delegate.getNClob(p1);
  }

  @Override
  public java.sql.NClob getNClob(String p1) throws java.sql.SQLException {
    return delegate.getNClob(p1);
  }

  @Override
  public String getNString(int p1) throws java.sql.SQLException {
    return delegate.getNString(p1);
  }

  @Override
  public String getNString(String p1) throws java.sql.SQLException {
    return delegate.getNString(p1);
  }

  @Override
  public Object getObject(int p1) throws java.sql.SQLException {
    return delegate.getObject(p1);
  }

  @Override
  public <T> T getObject(int p1, Class<T> p2) throws java.sql.SQLException {
    return delegate.getObject(p1, p2);
  }

  @Override
  public Object getObject(int p1, java.util.Map<String, Class<?>> p2) throws java.sql.SQLException {
    return delegate.getObject(p1, p2);
  }

  @Override
  public Object getObject(String p1) throws java.sql.SQLException {
    return delegate.getObject(p1);
  }

  @Override
  public <T> T getObject(String p1, Class<T> p2) throws java.sql.SQLException {
    return delegate.getObject(p1, p2);
  }

  @Override
  public Object getObject(String p1, java.util.Map<String, Class<?>> p2)
      throws java.sql.SQLException {
    return delegate.getObject(p1, p2);
  }

  @Override
  public java.sql.Ref getRef(int p1) throws java.sql.SQLException {
    return delegate.getRef(p1);
  }

  @Override
  public java.sql.Ref getRef(String p1) throws java.sql.SQLException {
    return delegate.getRef(p1);
  }

  @Override
  public java.sql.RowId getRowId(int p1) throws java.sql.SQLException {
    return delegate.getRowId(p1);
  }

  @Override
  public java.sql.RowId getRowId(String p1) throws java.sql.SQLException {
    return delegate.getRowId(p1);
  }

  @Override
  public java.sql.SQLXML getSQLXML(int p1) throws java.sql.SQLException {
    return delegate.getSQLXML(p1);
  }

  @Override
  public java.sql.SQLXML getSQLXML(String p1) throws java.sql.SQLException {
    return delegate.getSQLXML(p1);
  }

  @Override
  public short getShort(int p1) throws java.sql.SQLException {
    return delegate.getShort(p1);
  }

  @Override
  public short getShort(String p1) throws java.sql.SQLException {
    return delegate.getShort(p1);
  }

  @Override
  public String getString(int p1) throws java.sql.SQLException {
    return delegate.getString(p1);
  }

  @Override
  public String getString(String p1) throws java.sql.SQLException {
    return delegate.getString(p1);
  }

  @Override
  public java.sql.Time getTime(int p1) throws java.sql.SQLException {
    return delegate.getTime(p1);
  }

  @Override
  public java.sql.Time getTime(int p1, java.util.Calendar p2) throws java.sql.SQLException {
    return delegate.getTime(p1, p2);
  }

  @Override
  public java.sql.Time getTime(String p1) throws java.sql.SQLException {
    return delegate.getTime(p1);
  }

  @Override
  public java.sql.Time getTime(String p1, java.util.Calendar p2) throws java.sql.SQLException {
    return delegate.getTime(p1, p2);
  }

  @Override
  public java.sql.Timestamp getTimestamp(int p1) throws java.sql.SQLException {
    return delegate.getTimestamp(p1);
  }

  @Override
  public java.sql.Timestamp getTimestamp(int p1, java.util.Calendar p2)
      throws java.sql.SQLException {
    return delegate.getTimestamp(p1, p2);
  }

  @Override
  public java.sql.Timestamp getTimestamp(String p1) throws java.sql.SQLException {
    return delegate.getTimestamp(p1);
  }

  @Override
  public java.sql.Timestamp getTimestamp(String p1, java.util.Calendar p2)
      throws java.sql.SQLException {
    return delegate.getTimestamp(p1, p2);
  }

  @Override
  public java.net.URL getURL(int p1) throws java.sql.SQLException {
    return delegate.getURL(p1);
  }

  @Override
  public java.net.URL getURL(String p1) throws java.sql.SQLException {
    return delegate.getURL(p1);
  }

  @Override
  public void registerOutParameter(int p1, int p2) throws java.sql.SQLException {
    delegate.registerOutParameter(p1, p2);
  }

  @Override
  public void registerOutParameter(int p1, int p2, int p3) throws java.sql.SQLException {
    delegate.registerOutParameter(p1, p2, p3);
  }

  @Override
  public void registerOutParameter(int p1, int p2, String p3) throws java.sql.SQLException {
    delegate.registerOutParameter(p1, p2, p3);
  }

  @Override
  public void registerOutParameter(int p1, java.sql.SQLType p2) throws java.sql.SQLException {
    delegate.registerOutParameter(p1, p2);
  }

  @Override
  public void registerOutParameter(int p1, java.sql.SQLType p2, int p3)
      throws java.sql.SQLException {
    delegate.registerOutParameter(p1, p2, p3);
  }

  @Override
  public void registerOutParameter(int p1, java.sql.SQLType p2, String p3)
      throws java.sql.SQLException {
    delegate.registerOutParameter(p1, p2, p3);
  }

  @Override
  public void registerOutParameter(String p1, int p2) throws java.sql.SQLException {
    delegate.registerOutParameter(p1, p2);
  }

  @Override
  public void registerOutParameter(String p1, int p2, int p3) throws java.sql.SQLException {
    delegate.registerOutParameter(p1, p2, p3);
  }

  @Override
  public void registerOutParameter(String p1, int p2, String p3) throws java.sql.SQLException {
    delegate.registerOutParameter(p1, p2, p3);
  }

  @Override
  public void registerOutParameter(String p1, java.sql.SQLType p2) throws java.sql.SQLException {
    delegate.registerOutParameter(p1, p2);
  }

  @Override
  public void registerOutParameter(String p1, java.sql.SQLType p2, int p3)
      throws java.sql.SQLException {
    delegate.registerOutParameter(p1, p2, p3);
  }

  @Override
  public void registerOutParameter(String p1, java.sql.SQLType p2, String p3)
      throws java.sql.SQLException {
    delegate.registerOutParameter(p1, p2, p3);
  }

  @Override
  public void setAsciiStream(String p1, java.io.InputStream p2) throws java.sql.SQLException {
    delegate.setAsciiStream(p1, p2);
  }

  @Override
  public void setAsciiStream(String p1, java.io.InputStream p2, int p3)
      throws java.sql.SQLException {
    delegate.setAsciiStream(p1, p2, p3);
  }

  @Override
  public void setAsciiStream(String p1, java.io.InputStream p2, long p3)
      throws java.sql.SQLException {
    delegate.setAsciiStream(p1, p2, p3);
  }

  @Override
  public void setBigDecimal(String p1, java.math.BigDecimal p2) throws java.sql.SQLException {
    delegate.setBigDecimal(p1, p2);
  }

  @Override
  public void setBinaryStream(String p1, java.io.InputStream p2) throws java.sql.SQLException {
    delegate.setBinaryStream(p1, p2);
  }

  @Override
  public void setBinaryStream(String p1, java.io.InputStream p2, int p3)
      throws java.sql.SQLException {
    delegate.setBinaryStream(p1, p2, p3);
  }

  @Override
  public void setBinaryStream(String p1, java.io.InputStream p2, long p3)
      throws java.sql.SQLException {
    delegate.setBinaryStream(p1, p2, p3);
  }

  @Override
  public void setBlob(String p1, java.io.InputStream p2) throws java.sql.SQLException {
    delegate.setBlob(p1, p2);
  }

  @Override
  public void setBlob(String p1, java.io.InputStream p2, long p3) throws java.sql.SQLException {
    delegate.setBlob(p1, p2, p3);
  }

  @Override
  public void setBlob(String p1, java.sql.Blob p2) throws java.sql.SQLException {
    delegate.setBlob(p1, p2);
  }

  @Override
  public void setBoolean(String p1, boolean p2) throws java.sql.SQLException {
    delegate.setBoolean(p1, p2);
  }

  @Override
  public void setByte(String p1, byte p2) throws java.sql.SQLException {
    delegate.setByte(p1, p2);
  }

  @Override
  public void setBytes(String p1, byte[] p2) throws java.sql.SQLException {
    delegate.setBytes(p1, p2);
  }

  @Override
  public void setCharacterStream(String p1, java.io.Reader p2) throws java.sql.SQLException {
    delegate.setCharacterStream(p1, p2);
  }

  @Override
  public void setCharacterStream(String p1, java.io.Reader p2, int p3)
      throws java.sql.SQLException {
    delegate.setCharacterStream(p1, p2, p3);
  }

  @Override
  public void setCharacterStream(String p1, java.io.Reader p2, long p3)
      throws java.sql.SQLException {
    delegate.setCharacterStream(p1, p2, p3);
  }

  @Override
  public void setClob(String p1, java.io.Reader p2) throws java.sql.SQLException {
    delegate.setClob(p1, p2);
  }

  @Override
  public void setClob(String p1, java.io.Reader p2, long p3) throws java.sql.SQLException {
    delegate.setClob(p1, p2, p3);
  }

  @Override
  public void setClob(String p1, java.sql.Clob p2) throws java.sql.SQLException {
    delegate.setClob(p1, p2);
  }

  @Override
  public void setDate(String p1, java.sql.Date p2) throws java.sql.SQLException {
    delegate.setDate(p1, p2);
  }

  @Override
  public void setDate(String p1, java.sql.Date p2, java.util.Calendar p3)
      throws java.sql.SQLException {
    delegate.setDate(p1, p2, p3);
  }

  @Override
  public void setDouble(String p1, double p2) throws java.sql.SQLException {
    delegate.setDouble(p1, p2);
  }

  @Override
  public void setFloat(String p1, float p2) throws java.sql.SQLException {
    delegate.setFloat(p1, p2);
  }

  @Override
  public void setInt(String p1, int p2) throws java.sql.SQLException {
    delegate.setInt(p1, p2);
  }

  @Override
  public void setLong(String p1, long p2) throws java.sql.SQLException {
    delegate.setLong(p1, p2);
  }

  @Override
  public void setNCharacterStream(String p1, java.io.Reader p2) throws java.sql.SQLException {
    delegate.setNCharacterStream(p1, p2);
  }

  @Override
  public void setNCharacterStream(String p1, java.io.Reader p2, long p3)
      throws java.sql.SQLException {
    delegate.setNCharacterStream(p1, p2, p3);
  }

  @Override
  public void setNClob(String p1, java.io.Reader p2) throws java.sql.SQLException {
    delegate.setNClob(p1, p2);
  }

  @Override
  public void setNClob(String p1, java.io.Reader p2, long p3) throws java.sql.SQLException {
    delegate.setNClob(p1, p2, p3);
  }

  @Override
  public void setNClob(String p1, java.sql.NClob p2) throws java.sql.SQLException {
    delegate.setNClob(p1, p2);
  }

  @Override
  public void setNString(String p1, String p2) throws java.sql.SQLException {
    delegate.setNString(p1, p2);
  }

  @Override
  public void setNull(String p1, int p2) throws java.sql.SQLException {
    delegate.setNull(p1, p2);
  }

  @Override
  public void setNull(String p1, int p2, String p3) throws java.sql.SQLException {
    delegate.setNull(p1, p2, p3);
  }

  @Override
  public void setObject(String p1, Object p2) throws java.sql.SQLException {
    delegate.setObject(p1, p2);
  }

  @Override
  public void setObject(String p1, Object p2, int p3) throws java.sql.SQLException {
    delegate.setObject(p1, p2, p3);
  }

  @Override
  public void setObject(String p1, Object p2, int p3, int p4) throws java.sql.SQLException {
    delegate.setObject(p1, p2, p3, p4);
  }

  @Override
  public void setObject(String p1, Object p2, java.sql.SQLType p3) throws java.sql.SQLException {
    delegate.setObject(p1, p2, p3);
  }

  @Override
  public void setObject(String p1, Object p2, java.sql.SQLType p3, int p4)
      throws java.sql.SQLException {
    delegate.setObject(p1, p2, p3, p4);
  }

  @Override
  public void setRowId(String p1, java.sql.RowId p2) throws java.sql.SQLException {
    delegate.setRowId(p1, p2);
  }

  @Override
  public void setSQLXML(String p1, java.sql.SQLXML p2) throws java.sql.SQLException {
    delegate.setSQLXML(p1, p2);
  }

  @Override
  public void setShort(String p1, short p2) throws java.sql.SQLException {
    delegate.setShort(p1, p2);
  }

  @Override
  public void setString(String p1, String p2) throws java.sql.SQLException {
    delegate.setString(p1, p2);
  }

  @Override
  public void setTime(String p1, java.sql.Time p2) throws java.sql.SQLException {
    delegate.setTime(p1, p2);
  }

  @Override
  public void setTime(String p1, java.sql.Time p2, java.util.Calendar p3)
      throws java.sql.SQLException {
    delegate.setTime(p1, p2, p3);
  }

  @Override
  public void setTimestamp(String p1, java.sql.Timestamp p2) throws java.sql.SQLException {
    delegate.setTimestamp(p1, p2);
  }

  @Override
  public void setTimestamp(String p1, java.sql.Timestamp p2, java.util.Calendar p3)
      throws java.sql.SQLException {
    delegate.setTimestamp(p1, p2, p3);
  }

  @Override
  public void setURL(String p1, java.net.URL p2) throws java.sql.SQLException {
    delegate.setURL(p1, p2);
  }

  @Override
  public boolean wasNull() throws java.sql.SQLException {
    return delegate.wasNull();
  }
}
