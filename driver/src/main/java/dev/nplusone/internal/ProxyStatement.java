package dev.nplusone.internal;

import java.sql.Statement;

/** Our plain {@link Statement}. */
public final class ProxyStatement extends AbstractProxyStatement<Statement> {
  ProxyStatement(ProxyConnection connection, Statement delegate) {
    super(connection, delegate);
  }
}
