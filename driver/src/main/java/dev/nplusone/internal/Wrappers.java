package dev.nplusone.internal;

import java.sql.SQLException;
import java.sql.Wrapper;

/**
 * {@code unwrap} and {@code isWrapperFor} for our wrappers: ourselves, the delegate, then deeper.
 */
final class Wrappers {
  private Wrappers() {}

  static <T> T unwrap(Object self, Wrapper delegate, Class<T> iface) throws SQLException {
    if (iface.isInstance(self)) {
      return iface.cast(self);
    }
    if (iface.isInstance(delegate)) {
      return iface.cast(delegate);
    }
    return delegate.unwrap(iface);
  }

  static boolean isWrapperFor(Object self, Wrapper delegate, Class<?> iface) throws SQLException {
    return iface.isInstance(self) || iface.isInstance(delegate) || delegate.isWrapperFor(iface);
  }
}
