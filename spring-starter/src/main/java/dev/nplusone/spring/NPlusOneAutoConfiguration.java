package dev.nplusone.spring;

import java.util.Set;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * nplusone for Spring Boot: wraps every DataSource bean, opens a scope per HTTP request, counts
 * findings in Micrometer. {@code nplusone.enabled=false} turns all of it off.
 */
@AutoConfiguration
@ConditionalOnClass(DataSource.class)
@ConditionalOnProperty(
    prefix = "nplusone",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
@EnableConfigurationProperties(NPlusOneProperties.class)
public class NPlusOneAutoConfiguration {

  /**
   * Static, so it is there before the first DataSource bean; binds the properties itself since
   * beans made this early cannot be injected into it.
   *
   * @throws IllegalArgumentException naming the key and the value of a bad option
   */
  @Bean
  static DataSourceWrapper nplusoneDataSourceWrapper(Environment environment) {
    NPlusOneProperties properties =
        Binder.get(environment)
            .bind("nplusone", NPlusOneProperties.class)
            .orElseGet(NPlusOneProperties::new);
    return new DataSourceWrapper(
        Options.of(properties), Set.copyOf(properties.getSpring().getExcludeBeans()));
  }

  /** The request scope, in servlet web applications. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(name = "org.springframework.web.filter.OncePerRequestFilter")
  @ConditionalOnProperty(
      prefix = "nplusone.spring",
      name = "request-scope",
      havingValue = "true",
      matchIfMissing = true)
  static class RequestScopeConfiguration {
    @Bean
    RequestScopeFilter nplusoneRequestScopeFilter(NPlusOneProperties properties) {
      return new RequestScopeFilter(Options.of(properties), Options.throwMode(properties));
    }
  }

  /** Counters of findings by kind, when Micrometer is there. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
  static class MetricsConfiguration {
    @Bean
    FindingMeters nplusoneFindingMeters() {
      return new FindingMeters();
    }
  }
}
