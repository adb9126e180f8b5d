package dev.nplusone.spring;

import dev.nplusone.NPlusOne;
import dev.nplusone.internal.ProxyDataSource;
import java.lang.reflect.Method;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

/**
 * Wraps every {@link DataSource} bean with {@link NPlusOne#wrap(DataSource, Map)}, whose {@code
 * unwrap} still reaches the pool (so Boot's pool metrics and metadata keep working), except beans
 * excluded by name, DataSources already wrapped, wrappers that delegate to a wrapped one, and pools
 * whose URL already starts with {@code jdbc:nplusone:}: a statement is counted once.
 */
final class DataSourceWrapper implements BeanPostProcessor, Ordered {
  private static final Logger LOG = LoggerFactory.getLogger("nplusone.spring");
  static final String DRIVER_PREFIX = "jdbc:nplusone:";

  private final Map<String, String> options;
  private final Set<String> excludedBeans;

  DataSourceWrapper(Map<String, String> options, Set<String> excludedBeans) {
    this.options = options;
    this.excludedBeans = excludedBeans;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (!(bean instanceof DataSource) || excludedBeans.contains(beanName)) {
      return bean;
    }
    DataSource dataSource = (DataSource) bean;
    try {
      String reason = alreadyChecked(dataSource);
      if (reason != null) {
        LOG.debug("DataSource bean '{}' left as is: {}", beanName, reason);
        return bean;
      }
      DataSource wrapped = NPlusOne.wrap(dataSource, options);
      LOG.debug("DataSource bean '{}' wrapped by nplusone", beanName);
      return wrapped;
    } catch (RuntimeException e) {
      Failures.log("wrapping the DataSource bean '" + beanName + "'", e);
      return bean;
    }
  }

  /** Why {@code dataSource} must not be wrapped, or null. */
  static String alreadyChecked(DataSource dataSource) {
    if (dataSource instanceof ProxyDataSource) {
      return "already an nplusone DataSource";
    }
    try {
      if (dataSource.isWrapperFor(ProxyDataSource.class)) {
        return "it delegates to an nplusone DataSource";
      }
    } catch (SQLException | RuntimeException e) {
      // Not answerable: look at the URL.
    }
    String url = jdbcUrl(dataSource, 0);
    if (url != null && url.regionMatches(true, 0, DRIVER_PREFIX, 0, DRIVER_PREFIX.length())) {
      return "its URL " + url + " already goes through the nplusone driver";
    }
    return null;
  }

  /**
   * The JDBC URL of a pool or simple DataSource, read by name ({@code getJdbcUrl} of Hikari, {@code
   * getUrl} of most others), through Spring's {@code DelegatingDataSource}s; null when unknown.
   */
  private static String jdbcUrl(DataSource dataSource, int depth) {
    if (dataSource == null || depth > 8) {
      return null;
    }
    for (String name : new String[] {"getJdbcUrl", "getUrl"}) {
      try {
        Method m = dataSource.getClass().getMethod(name);
        if (m.getReturnType() == String.class) {
          return (String) m.invoke(dataSource);
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        // No such accessor: try the next.
      }
    }
    try {
      // Spring's DelegatingDataSource, looked up by name so spring-jdbc stays optional.
      Method m = dataSource.getClass().getMethod("getTargetDataSource");
      Object target = m.invoke(dataSource);
      return target instanceof DataSource ? jdbcUrl((DataSource) target, depth + 1) : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
