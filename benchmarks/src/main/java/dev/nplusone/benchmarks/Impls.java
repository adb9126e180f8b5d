package dev.nplusone.benchmarks;

import com.p6spy.engine.spy.P6DataSource;
import dev.nplusone.NPlusOne;
import dev.nplusone.NPlusOneQueryListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

/** The implementations compared: each wraps a target DataSource, or leaves it ({@code raw}). */
final class Impls {
  private Impls() {}

  /** The value of {@code @Param("impl")} that measures the target alone. */
  static final String RAW = "raw";

  /**
   * {@code dataSource} wrapped by {@code impl}.
   *
   * <ul>
   *   <li>{@code nplusone-off}: {@code NPlusOne.wrap} with mode {@code off}: interception only.
   *   <li>{@code nplusone-detect}: mode {@code silent}: fingerprinting, timing and the detector,
   *       with value correlation off ({@code nplusone.value-correlation=false}), nothing logged.
   *   <li>{@code nplusone-correlate}: the same with value correlation on, its default: result-set
   *       getters trace key-like values for fix suggestions.
   *   <li>{@code nplusone-dsproxy}: datasource-proxy with nplusone's {@code NPlusOneQueryListener}
   *       (mode {@code silent}) as its only listener: detection through an existing proxy chain.
   *   <li>{@code datasource-proxy}: {@code ProxyDataSourceBuilder} with one no-op listener.
   *   <li>{@code p6spy}: {@code P6DataSource}, configured by {@code spy.properties} to load no
   *       logging module.
   * </ul>
   */
  static DataSource wrap(String impl, DataSource dataSource) {
    switch (impl) {
      case RAW:
        return dataSource;
      case "nplusone-off":
        return NPlusOne.wrap(dataSource, Map.of("mode", "off"));
      case "nplusone-detect":
        return NPlusOne.wrap(dataSource, Map.of("mode", "silent", "value-correlation", "false"));
      case "nplusone-correlate":
        return NPlusOne.wrap(dataSource, Map.of("mode", "silent", "value-correlation", "true"));
      case "nplusone-dsproxy":
        return ProxyDataSourceBuilder.create(dataSource)
            .name("bench")
            .listener(new NPlusOneQueryListener(Map.of("mode", "silent")))
            .build();
      case "datasource-proxy":
        return ProxyDataSourceBuilder.create(dataSource)
            .name("bench")
            .listener(new NoopListener())
            .build();
      case "p6spy":
        return new P6DataSource(dataSource);
      default:
        throw new IllegalArgumentException("unknown impl: " + impl);
    }
  }

  /**
   * Fails fast when {@code impl} did not wrap: a connection of {@code raw} must be of the target's
   * class, any other must not.
   */
  static void checkWrapped(String impl, Connection connection, Class<?> targetConnectionClass) {
    boolean wrapped = connection.getClass() != targetConnectionClass;
    if (wrapped == RAW.equals(impl)) {
      throw new IllegalStateException(
          impl + " gave a " + connection.getClass().getName() + " over " + targetConnectionClass);
    }
  }

  /** A datasource-proxy listener that does nothing, to measure the proxy alone. */
  static final class NoopListener implements QueryExecutionListener {
    @Override
    public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {}

    @Override
    public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {}
  }

  static Class<?> connectionClass(DataSource target) throws SQLException {
    try (Connection c = target.getConnection()) {
      return c.getClass();
    }
  }
}
