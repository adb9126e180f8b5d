package dev.nplusone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nplusone.internal.ConfigTestAccess;
import dev.nplusone.internal.ProxyConnection;
import dev.nplusone.internal.ProxyDataSource;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options from each real source, end to end through the driver and NPlusOne.wrap. */
class OptionSourcesTest {
  private static final String URL = "jdbc:nplusone:h2:mem:options";

  @AfterEach
  void clear() {
    System.clearProperty("nplusone.threshold");
    System.clearProperty("nplusone.mode");
    ConfigTestAccess.reloadClasspathFile();
  }

  private static int threshold(Connection c) {
    return ((ProxyConnection) c).context().config().threshold();
  }

  @Test
  void systemProperty_isReadAtConnect_andBeatsTheUrl() throws SQLException {
    System.setProperty("nplusone.threshold", "5");
    try (Connection c = DriverManager.getConnection("jdbc:nplusone[threshold=9]:h2:mem:options")) {
      assertThat(threshold(c)).isEqualTo(5);
    }
  }

  @Test
  void urlOption_beatsConnectionProperties() throws SQLException {
    Properties info = new Properties();
    info.setProperty("nplusone.threshold", "4");
    try (Connection c =
            DriverManager.getConnection("jdbc:nplusone[threshold=6]:h2:mem:options", info);
        Connection d = DriverManager.getConnection(URL, info)) {
      assertThat(threshold(c)).isEqualTo(6);
      assertThat(threshold(d)).isEqualTo(4);
    }
  }

  @Test
  void classpathFile_isTheLowestSourceBeforeDefaults(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("nplusone.properties"), "nplusone.threshold=7\n", StandardCharsets.UTF_8);
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, previous)) {
      Thread.currentThread().setContextClassLoader(loader);
      ConfigTestAccess.reloadClasspathFile();
      try (Connection c = DriverManager.getConnection(URL)) {
        assertThat(threshold(c)).isEqualTo(7);
      }
      Properties info = new Properties();
      info.setProperty("nplusone.threshold", "8");
      try (Connection c = DriverManager.getConnection(URL, info)) {
        assertThat(threshold(c)).isEqualTo(8);
      }
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  @Test
  void wrap_takesOptionsWithOrWithoutPrefix_andRejectsBadOnesNamingThem() throws SQLException {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:options");
    ProxyDataSource ds =
        (ProxyDataSource) NPlusOne.wrap(h2, Map.of("threshold", "11", "nplusone.mode", "silent"));
    assertThat(ds.config().threshold()).isEqualTo(11);
    try (Connection c = ds.getConnection()) {
      assertThat(threshold(c)).isEqualTo(11);
    }
    assertThatThrownBy(() -> NPlusOne.wrap(h2, Map.of("mode", "loud")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid value 'loud' for option nplusone.mode");
    assertThatThrownBy(() -> NPlusOne.wrap(h2, Map.of("treshold", "4")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown nplusone option 'nplusone.treshold'");
    assertThatThrownBy(() -> NPlusOne.wrap(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("dataSource");
  }

  @Test
  void modeOff_isPureDelegation_butStillOurWrappers() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:nplusone[mode=off]:h2:mem:options")) {
      assertThat(c).isInstanceOf(ProxyConnection.class);
      assertThat(((ProxyConnection) c).context().enabled()).isFalse();
      assertThat(c.createStatement().executeQuery("select 1").next()).isTrue();
    }
  }

  @Test
  void deregister_thenRegister_restoresTheDriver() throws SQLException {
    NPlusOneDriver.deregister();
    try {
      assertThat(NPlusOneDriver.isRegistered()).isFalse();
      assertThatThrownBy(() -> DriverManager.getDriver(URL)).isInstanceOf(SQLException.class);
    } finally {
      NPlusOneDriver.register();
    }
    assertThat(DriverManager.getDriver(URL)).isInstanceOf(NPlusOneDriver.class);
  }
}
