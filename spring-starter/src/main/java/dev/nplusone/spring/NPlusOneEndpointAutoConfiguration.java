package dev.nplusone.spring;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The actuator endpoint {@code nplusone}, when the actuator is there and the endpoint is available
 * (enabled and exposed); findings are aggregated only then.
 */
@AutoConfiguration(after = NPlusOneAutoConfiguration.class)
@ConditionalOnClass(
    name = {
      "org.springframework.boot.actuate.endpoint.annotation.Endpoint",
      "org.springframework.boot.actuate.autoconfigure.endpoint.condition"
          + ".ConditionalOnAvailableEndpoint"
    })
@ConditionalOnProperty(
    prefix = "nplusone",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
public class NPlusOneEndpointAutoConfiguration {
  // On the method, not the class: a class-level condition is resolved even when the class
  // conditions above fail, and this one's class is missing without the actuator.
  @Bean
  @ConditionalOnAvailableEndpoint(endpoint = NPlusOneEndpoint.class)
  NPlusOneEndpoint nplusoneEndpoint() {
    return new NPlusOneEndpoint(new FindingStore());
  }
}
