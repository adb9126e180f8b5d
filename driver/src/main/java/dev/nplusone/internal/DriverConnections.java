package dev.nplusone.internal;

import java.sql.Connection;

/** Makes our connections on the driver path, where no wrapping DataSource is involved. */
public final class DriverConnections {
  private DriverConnections() {}

  /** Wraps a vendor connection made in {@code connectNanos}. */
  public static Connection wrap(Connection vendor, JdbcContext context, long connectNanos) {
    ProxyConnection proxy = new ProxyConnection(vendor, context, null);
    context.recorder.connectionOpened(proxy, connectNanos);
    return proxy;
  }
}
