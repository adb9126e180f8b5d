package dev.nplusone.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.nplusone.NPlusOne;
import dev.nplusone.NPlusOneProperty;
import dev.nplusone.internal.ProxyDataSource;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

class NPlusOneAutoConfigurationTest {
  private static final AutoConfigurations OURS =
      AutoConfigurations.of(
          NPlusOneAutoConfiguration.class, NPlusOneEndpointAutoConfiguration.class);

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(OURS)
          .withPropertyValues("management.endpoints.web.exposure.include=nplusone")
          .withUserConfiguration(OneDataSource.class);

  @Configuration(proxyBeanMethods = false)
  static class OneDataSource {
    @Bean
    HikariDataSource dataSource() {
      HikariDataSource ds = new HikariDataSource();
      ds.setJdbcUrl("jdbc:h2:mem:autoconfig;DB_CLOSE_DELAY=-1");
      return ds;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class TwoDataSources {
    @Bean
    DataSource main() {
      return H2.dataSource("main");
    }

    @Bean
    DataSource reporting() {
      return H2.dataSource("reporting");
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class AlreadyWrapped {
    static final DataSource WRAPPED = NPlusOne.wrap(H2.dataSource("already"));

    @Bean
    DataSource dataSource() {
      return WRAPPED;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Delegating {
    @Bean
    DataSource dataSource() {
      return H2.dataSource("delegating");
    }

    @Bean
    LazyConnectionDataSourceProxy lazyDataSource(DataSource dataSource) {
      return new LazyConnectionDataSourceProxy(dataSource);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class ThroughTheDriver {
    @Bean
    HikariDataSource pool() {
      HikariDataSource ds = new HikariDataSource();
      ds.setJdbcUrl("jdbc:nplusone:h2:mem:driver;DB_CLOSE_DELAY=-1");
      return ds;
    }

    @Bean
    DriverManagerDataSource simple() {
      return new DriverManagerDataSource("JDBC:NPLUSONE:h2:mem:driver2");
    }
  }

  @Test
  void wrapsTheDataSourceKeepingUnwrapToThePoolAndAddsEndpointAndMeters() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          DataSource ds = context.getBean(DataSource.class);
          assertThat(ds).isInstanceOf(ProxyDataSource.class);
          assertThat(ds.unwrap(HikariDataSource.class)).isInstanceOf(HikariDataSource.class);
          assertThat(ds.isWrapperFor(HikariDataSource.class)).isTrue();
          assertThat(context)
              .hasSingleBean(NPlusOneProperties.class)
              .hasSingleBean(NPlusOneEndpoint.class)
              .hasSingleBean(FindingMeters.class)
              .doesNotHaveBean(RequestScopeFilter.class);
        });
  }

  @Test
  void wrapsTheDataSourceOfBootsAutoConfiguration() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
        .withConfiguration(OURS)
        .withPropertyValues("spring.datasource.url=jdbc:h2:mem:boot;DB_CLOSE_DELAY=-1")
        .run(
            context -> {
              DataSource ds = context.getBean(DataSource.class);
              assertThat(ds).isInstanceOf(ProxyDataSource.class);
              assertThat(ds.unwrap(HikariDataSource.class).getJdbcUrl()).contains("mem:boot");
            });
  }

  @Test
  void enabledFalseLeavesTheDataSourceUntouchedAndAddsNothing() {
    runner
        .withPropertyValues("nplusone.enabled=false")
        .run(
            context -> {
              assertThat(context.getBean(DataSource.class))
                  .isExactlyInstanceOf(HikariDataSource.class);
              assertThat(context)
                  .doesNotHaveBean(DataSourceWrapper.class)
                  .doesNotHaveBean(NPlusOneProperties.class)
                  .doesNotHaveBean(NPlusOneEndpoint.class)
                  .doesNotHaveBean(FindingMeters.class);
            });
  }

  @Test
  void excludedBeansAreLeftAsTheyAre() {
    new ApplicationContextRunner()
        .withConfiguration(OURS)
        .withUserConfiguration(TwoDataSources.class)
        .withPropertyValues("nplusone.spring.exclude-beans=reporting")
        .run(
            context -> {
              assertThat(context.getBean("main")).isInstanceOf(ProxyDataSource.class);
              assertThat(context.getBean("reporting")).isNotInstanceOf(ProxyDataSource.class);
            });
  }

  @Test
  void anAlreadyWrappedDataSourceIsNotWrappedAgain() {
    new ApplicationContextRunner()
        .withConfiguration(OURS)
        .withUserConfiguration(AlreadyWrapped.class)
        .run(
            context -> {
              DataSource ds = context.getBean(DataSource.class);
              assertThat(ds).isSameAs(AlreadyWrapped.WRAPPED);
              assertThat(((ProxyDataSource) ds).delegate()).isNotInstanceOf(ProxyDataSource.class);
            });
  }

  @Test
  void aWrapperDelegatingToAWrappedDataSourceIsLeftAsItIs() {
    new ApplicationContextRunner()
        .withConfiguration(OURS)
        .withUserConfiguration(Delegating.class)
        .run(
            context -> {
              assertThat(context.getBean("dataSource")).isInstanceOf(ProxyDataSource.class);
              Object lazy = context.getBean("lazyDataSource");
              assertThat(lazy).isExactlyInstanceOf(LazyConnectionDataSourceProxy.class);
              // One statement is counted once, though it goes through two DataSource beans.
              assertThat(H2.nPlusOne((DataSource) lazy, "lazy"))
                  .singleElement()
                  .satisfies(f -> assertThat(f.executions()).isEqualTo(3));
            });
  }

  @Test
  void poolsOverTheNplusoneDriverAreLeftAsTheyAre() {
    new ApplicationContextRunner()
        .withConfiguration(OURS)
        .withUserConfiguration(ThroughTheDriver.class)
        .run(
            context -> {
              assertThat(context.getBean("pool")).isExactlyInstanceOf(HikariDataSource.class);
              assertThat(context.getBean("simple"))
                  .isExactlyInstanceOf(DriverManagerDataSource.class);
            });
  }

  /** A DataSource that fails every question nplusone asks before wrapping it. */
  static class Grumpy extends org.springframework.jdbc.datasource.AbstractDataSource {
    private final DataSource h2 = H2.dataSource("grumpy");

    @Override
    public java.sql.Connection getConnection() throws java.sql.SQLException {
      return h2.getConnection();
    }

    @Override
    public java.sql.Connection getConnection(String user, String password)
        throws java.sql.SQLException {
      return h2.getConnection(user, password);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      throw new IllegalStateException("no");
    }

    public String getUrl() {
      throw new IllegalStateException("no");
    }

    public DataSource getTargetDataSource() {
      throw new IllegalStateException("no");
    }
  }

  @Test
  void aDataSourceThatFailsOurQuestionsIsStillWrappedAndTheAppStarts() {
    new ApplicationContextRunner()
        .withConfiguration(OURS)
        .withBean("grumpy", DataSource.class, Grumpy::new)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean("grumpy")).isInstanceOf(ProxyDataSource.class);
            });
  }

  @Test
  void propertiesReachTheDriver() {
    runner
        .withPropertyValues("nplusone.threshold=7", "nplusone.mode=SILENT")
        .run(
            context -> {
              ProxyDataSource ds = (ProxyDataSource) context.getBean(DataSource.class);
              assertThat(ds.config().threshold()).isEqualTo(7);
              assertThat(ds.config().raw(NPlusOneProperty.MODE)).isEqualTo("SILENT");
              assertThat(ds.config().list(NPlusOneProperty.CALL_SITE_EXCLUDE_PACKAGES))
                  .contains(RequestScopeFilter.class.getName(), "org.apache.catalina.");
            });
  }

  /** Every option of the driver has its property: set each to a value other than its default. */
  @Test
  void everyDriverOptionIsAPropertyThatReachesTheDriver() {
    for (NPlusOneProperty p : NPlusOneProperty.values()) {
      String value = sample(p);
      runner
          .withPropertyValues(p.key() + "=" + value)
          .run(
              context -> {
                assertThat(context).as(p.key()).hasNotFailed();
                ProxyDataSource ds = (ProxyDataSource) context.getBean(DataSource.class);
                String expected = String.valueOf(p.parse(value));
                String actual = String.valueOf(ds.config().get(p));
                if (p == NPlusOneProperty.CALL_SITE_EXCLUDE_PACKAGES) {
                  assertThat(actual).as(p.key()).startsWith(expected.replace("]", ","));
                } else {
                  assertThat(actual).as(p.key()).isEqualTo(expected);
                }
                assertThat(actual)
                    .as(p.key())
                    .isNotEqualTo(String.valueOf(p.parse(p.defaultValue())));
              });
    }
  }

  static String sample(NPlusOneProperty p) {
    if (!p.allowedValues().isEmpty()) {
      List<String> allowed = p.allowedValues();
      return allowed.get(
          allowed.get(allowed.size() - 1).equals(p.defaultValue()) ? 0 : allowed.size() - 1);
    }
    String d = p.defaultValue();
    if (d.matches("\\d+")) {
      return String.valueOf(Integer.parseInt(d) + 1);
    }
    if (d.toLowerCase(Locale.ROOT).endsWith("ms")) {
      return "2s";
    }
    return "com.acme.a,com.acme.b";
  }

  @Test
  void badValuesFailAtStartupNamingTheKeyAndTheValue() {
    runner
        .withPropertyValues("nplusone.threshold=1")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("nplusone.threshold")
                    .hasMessageContaining("'1'"));
    runner
        .withPropertyValues("nplusone.mode=loud")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("nplusone.mode")
                    .hasMessageContaining("'loud'"));
    runner
        .withPropertyValues("nplusone.call-site.depth=deep")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(messages(context.getStartupFailure()))
                  .contains("nplusone.call-site.depth")
                  .contains("deep");
            });
  }

  private static String messages(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (; t != null; t = t.getCause()) {
      b.append(t.getMessage()).append('\n');
    }
    return b.toString();
  }

  @Test
  void withoutTheActuatorThereIsNoEndpointButTheDataSourceIsWrapped() {
    runner
        .withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
        .run(
            context -> {
              assertThat(context).hasNotFailed().doesNotHaveBean(NPlusOneEndpoint.class);
              assertThat(context.getBean(DataSource.class)).isInstanceOf(ProxyDataSource.class);
            });
  }

  @Test
  void theEndpointNeedsToBeExposed() {
    new ApplicationContextRunner()
        .withConfiguration(OURS)
        .withUserConfiguration(OneDataSource.class)
        .run(context -> assertThat(context).doesNotHaveBean(NPlusOneEndpoint.class));
  }

  @Test
  void withoutMicrometerThereAreNoMeters() {
    runner
        .withClassLoader(new FilteredClassLoader("io.micrometer"))
        .run(
            context -> {
              assertThat(context).hasNotFailed().doesNotHaveBean(FindingMeters.class);
              assertThat(context.getBean(DataSource.class)).isInstanceOf(ProxyDataSource.class);
            });
  }

  @Test
  void servletWebAppsGetTheRequestScopeFilterUnlessSwitchedOff() {
    WebApplicationContextRunner web =
        new WebApplicationContextRunner()
            .withConfiguration(OURS)
            .withUserConfiguration(OneDataSource.class);
    web.run(
        context ->
            assertThat(context.getBean(RequestScopeFilter.class).getOrder())
                .isEqualTo(RequestScopeFilter.ORDER));
    web.withPropertyValues("nplusone.spring.request-scope=false")
        .run(context -> assertThat(context).doesNotHaveBean(RequestScopeFilter.class));
    web.withClassLoader(new FilteredClassLoader("org.springframework.web.filter"))
        .run(context -> assertThat(context).doesNotHaveBean(RequestScopeFilter.class));
  }

  @Test
  void theStoreListensOnlyWhileItsContextIsOpen() throws Exception {
    AtomicReference<FindingStore> store = new AtomicReference<>();
    AtomicReference<DataSource> ds = new AtomicReference<>();
    runner.run(
        context -> {
          store.set(context.getBean(NPlusOneEndpoint.class).store());
          ds.set(context.getBean(DataSource.class));
          H2.nPlusOne(ds.get(), "open");
          assertThat(store.get().report().findings()).hasSize(1);
        });
    DataSource fresh = NPlusOne.wrap(H2.dataSource("after-close"));
    H2.nPlusOne(fresh, "closed");
    assertThat(store.get().report().findings()).hasSize(1);
  }
}
