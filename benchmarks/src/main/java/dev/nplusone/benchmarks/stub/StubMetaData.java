package dev.nplusone.benchmarks.stub;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLFeatureNotSupportedException;

/**
 * The metadata of a {@link StubConnection}: answers {@code getURL} and {@code getConnection} (what
 * nplusone reads once per DataSource to pick a dialect) and throws {@link
 * SQLFeatureNotSupportedException} for the rest. A dynamic proxy, since it is off every hot path.
 */
final class StubMetaData {
  private StubMetaData() {}

  static DatabaseMetaData of(Connection connection, String url) {
    return (DatabaseMetaData)
        Proxy.newProxyInstance(
            StubMetaData.class.getClassLoader(),
            new Class<?>[] {DatabaseMetaData.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "getURL":
                  return url;
                case "getConnection":
                  return connection;
                case "getDatabaseProductName":
                  return "stub";
                case "toString":
                  return "StubMetaData[" + url + "]";
                case "hashCode":
                  return System.identityHashCode(proxy);
                case "equals":
                  return proxy == args[0];
                default:
                  throw new SQLFeatureNotSupportedException("stub: " + method.getName());
              }
            });
  }
}
