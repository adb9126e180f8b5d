package dev.nplusone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nplusone.internal.ProxyConnection;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NPlusOneDriverTest {
  /** A vendor driver for {@code jdbc:stubdb:} that records what it was given. */
  static final class StubDriver implements Driver {
    static final SQLException REFUSED = new SQLException("password authentication failed", "28P01");
    final List<String> urls = new ArrayList<>();
    final List<Properties> infos = new ArrayList<>();

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
      if (!acceptsURL(url)) {
        return null;
      }
      if (url.contains("refuse")) {
        throw REFUSED;
      }
      urls.add(url);
      infos.add(info);
      return (Connection)
          Proxy.newProxyInstance(
              getClass().getClassLoader(),
              new Class<?>[] {Connection.class},
              (p, m, a) -> m.getName().equals("toString") ? "stub" : null);
    }

    @Override
    public boolean acceptsURL(String url) throws SQLException {
      if (url.startsWith("jdbc:explode:")) {
        throw new SQLException("stub driver cannot read " + url);
      }
      return url.startsWith("jdbc:stubdb:");
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
      return new DriverPropertyInfo[] {new DriverPropertyInfo("stubProp", "1")};
    }

    @Override
    public int getMajorVersion() {
      return 1;
    }

    @Override
    public int getMinorVersion() {
      return 0;
    }

    @Override
    public boolean jdbcCompliant() {
      return false;
    }

    @Override
    public Logger getParentLogger() {
      return Logger.getLogger("stub");
    }
  }

  static final StubDriver STUB = new StubDriver();

  @BeforeAll
  static void register() throws SQLException {
    DriverManager.registerDriver(STUB);
    NPlusOneDriver.register();
  }

  @AfterAll
  static void deregister() throws SQLException {
    DriverManager.deregisterDriver(STUB);
  }

  @Test
  void driverManager_findsUsThroughTheServiceFile() throws SQLException {
    assertThat(DriverManager.getDriver("jdbc:nplusone:stubdb:x"))
        .isInstanceOf(NPlusOneDriver.class);
    assertThat(NPlusOneDriver.isRegistered()).isTrue();
  }

  @Test
  void connect_returnsNullForAForeignUrl() throws SQLException {
    assertThat(new NPlusOneDriver().connect("jdbc:stubdb:x", new Properties())).isNull();
  }

  @Test
  void connect_passesTheVendorUrlAndPropertiesWithoutOurs() throws SQLException {
    Properties info = new Properties();
    info.setProperty("user", "app");
    info.setProperty("nplusone.mode", "silent");
    Connection c =
        new NPlusOneDriver().connect("jdbc:nplusone[threshold=4]:stubdb:db;x=[1]?a=b", info);
    assertThat(c).isInstanceOf(ProxyConnection.class);
    assertThat(STUB.urls).last().isEqualTo("jdbc:stubdb:db;x=[1]?a=b");
    assertThat(STUB.infos).last().isEqualTo(Map.of("user", "app"));
    assertThat(((ProxyConnection) c).context().config().threshold()).isEqualTo(4);
    assertThat(info).containsKey("nplusone.mode");
  }

  @Test
  void connect_withoutADelegate_fails08001NamingTheStrippedUrl() {
    assertThatThrownBy(() -> new NPlusOneDriver().connect("jdbc:nplusone:nosuchdb://h/db", null))
        .isInstanceOf(SQLException.class)
        .hasMessageStartingWith("No JDBC driver accepts jdbc:nosuchdb://h/db")
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("08001");
  }

  @Test
  void connect_attachesOtherDriversErrorsAsSuppressed() {
    assertThatThrownBy(() -> new NPlusOneDriver().connect("jdbc:nplusone:explode:x", null))
        .isInstanceOf(SQLException.class)
        .satisfies(
            e ->
                assertThat(e.getSuppressed())
                    .extracting(Throwable::getMessage)
                    .contains("stub driver cannot read jdbc:explode:x"));
  }

  @Test
  void connect_letsTheVendorsExceptionOutUnchanged() {
    assertThatThrownBy(() -> new NPlusOneDriver().connect("jdbc:nplusone:stubdb:refuse", null))
        .isSameAs(StubDriver.REFUSED);
  }

  @Test
  void connect_failsFastOnABadOption() {
    assertThatThrownBy(
            () -> new NPlusOneDriver().connect("jdbc:nplusone[threshold=0]:stubdb:x", null))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("'0'")
        .hasMessageContaining("nplusone.threshold")
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("22023");
    Properties info = new Properties();
    info.setProperty("nplusone.mode", "shout");
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:nplusone:stubdb:x", info))
        .hasMessageContaining("invalid value 'shout' for option nplusone.mode");
  }

  @Test
  void connect_refusesTheDoubledPrefix() {
    assertThatThrownBy(() -> new NPlusOneDriver().connect("jdbc:nplusone:nplusone:stubdb:x", null))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("prefix twice");
  }

  @Test
  void acceptsUrl_isAPrefixCheck() throws SQLException {
    NPlusOneDriver d = new NPlusOneDriver();
    assertThat(d.acceptsURL("jdbc:nplusone:anything")).isTrue();
    assertThat(d.acceptsURL("jdbc:nplusone[mode=off]:anything")).isTrue();
    assertThat(d.acceptsURL("jdbc:stubdb:x")).isFalse();
    assertThatThrownBy(() -> d.acceptsURL(null)).isInstanceOf(SQLException.class);
  }

  @Test
  void propertyInfo_isTheVendorsFollowedByOurs() throws SQLException {
    DriverPropertyInfo[] info =
        new NPlusOneDriver()
            .getPropertyInfo("jdbc:nplusone[mode=throw]:stubdb:x", new Properties());
    List<String> names = Arrays.stream(info).map(i -> i.name).collect(Collectors.toList());
    assertThat(names.get(0)).isEqualTo("stubProp");
    assertThat(names)
        .containsAll(
            Arrays.stream(NPlusOneProperty.values())
                .map(NPlusOneProperty::key)
                .collect(Collectors.toList()));
    DriverPropertyInfo mode =
        Arrays.stream(info).filter(i -> i.name.equals("nplusone.mode")).findFirst().orElseThrow();
    assertThat(mode.value).isEqualTo("throw");
    assertThat(mode.choices).containsExactly("log", "throw", "silent", "off");
    assertThat(new NPlusOneDriver().getPropertyInfo("jdbc:stubdb:x", null)).isEmpty();
  }

  @Test
  void moduleDescriptor_exportsOnlyTheApiAndProvidesTheDriver() throws Exception {
    java.nio.file.Path classes =
        java.nio.file.Path.of(
            NPlusOneDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (InputStream in =
        classes.toString().endsWith(".jar")
            ? new java.util.jar.JarFile(classes.toFile())
                .getInputStream(new java.util.jar.JarEntry("module-info.class"))
            : java.nio.file.Files.newInputStream(classes.resolve("module-info.class"))) {
      assertThat(in).as("module-info.class").isNotNull();
      ModuleDescriptor d = ModuleDescriptor.read(in);
      assertThat(d.name()).isEqualTo("dev.nplusone");
      assertThat(d.exports())
          .extracting(ModuleDescriptor.Exports::source)
          .containsExactly("dev.nplusone");
      assertThat(d.provides())
          .anySatisfy(
              p -> {
                assertThat(p.service()).isEqualTo("java.sql.Driver");
                assertThat(p.providers()).isEqualTo(List.of(NPlusOneDriver.class.getName()));
              });
    }
  }
}
