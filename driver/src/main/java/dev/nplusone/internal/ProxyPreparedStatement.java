package dev.nplusone.internal;

import java.sql.PreparedStatement;

/** Our {@link PreparedStatement}. */
public final class ProxyPreparedStatement
    extends AbstractProxyPreparedStatement<PreparedStatement> {
  ProxyPreparedStatement(ProxyConnection connection, PreparedStatement delegate, SqlShape shape) {
    super(connection, delegate, shape);
  }
}
