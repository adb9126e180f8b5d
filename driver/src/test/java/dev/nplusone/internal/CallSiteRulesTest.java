package dev.nplusone.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CallSiteRulesTest {
  private final CallSite.Rules rules = new CallSite.Rules(List.of(), List.of(), 4);

  @Test
  void hibernateProxiesOfEveryVersionAreNotApplicationCode() {
    // Hibernate 6 and 7: no suffix after the marker; a lazy getter's frame has no line number.
    assertThat(rules.isApplication("com.acme.Organization$HibernateProxy")).isFalse();
    // Hibernate 5.
    assertThat(rules.isApplication("com.acme.Organization$HibernateProxy$Ab12Cd")).isFalse();
    assertThat(rules.isApplication("com.acme.Organization")).isTrue();
    assertThat(rules.isApplication("com.acme.Organization$Builder")).isTrue();
  }
}
