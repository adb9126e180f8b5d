package dev.nplusone.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nplusone.NPlusOneProperty;
import dev.nplusone.SqlDialect;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigTest {
  private final Map<String, String> sys = new HashMap<>();
  private final Map<String, String> env = new HashMap<>();
  private final Properties file = new Properties();

  private Config resolve(Map<String, String> url, Properties props) throws SQLException {
    return Config.resolve(url, props, new Config.Sources(sys::get, env::get, file));
  }

  private static Properties props(String key, String value) {
    Properties p = new Properties();
    p.setProperty(key, value);
    return p;
  }

  @Test
  void defaults_comeFromTheEnum() throws SQLException {
    Config c = resolve(Map.of(), null);
    assertThat(c.mode()).isEqualTo(Config.Mode.LOG);
    assertThat(c.threshold()).isEqualTo(3);
    assertThat(c.logParameters()).isFalse();
    assertThat(c.duration(NPlusOneProperty.MIN_TOTAL_DURATION)).isEqualTo(Duration.ZERO);
    for (NPlusOneProperty p : NPlusOneProperty.values()) {
      assertThat(c.raw(p)).isEqualTo(p.defaultValue());
    }
  }

  @Test
  void precedence_systemThenEnvironmentThenUrlThenPropertiesThenFile() throws SQLException {
    file.setProperty("nplusone.threshold", "10");
    assertThat(resolve(Map.of(), null).threshold()).isEqualTo(10);

    Properties props = props("nplusone.threshold", "9");
    assertThat(resolve(Map.of(), props).threshold()).isEqualTo(9);

    Map<String, String> url = Map.of("threshold", "8");
    assertThat(resolve(url, props).threshold()).isEqualTo(8);

    env.put("NPLUSONE_THRESHOLD", "7");
    assertThat(resolve(url, props).threshold()).isEqualTo(7);

    sys.put("nplusone.threshold", "6");
    assertThat(resolve(url, props).threshold()).isEqualTo(6);
  }

  @Test
  void urlKeys_mayBeShortOrFull() throws SQLException {
    assertThat(resolve(Map.of("nplusone.mode", "throw"), null).mode()).isEqualTo(Config.Mode.THROW);
    assertThat(resolve(Map.of("MODE", "Silent"), null).mode()).isEqualTo(Config.Mode.SILENT);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "mode                 | loud  | invalid value 'loud' for option nplusone.mode: expected one of log, throw, silent, off",
        "threshold            | 1     | invalid value '1' for option nplusone.threshold: expected an integer of at least 2",
        "threshold            | three | invalid value 'three' for option nplusone.threshold: expected an integer of at least 2",
        "log-parameters       | yes   | invalid value 'yes' for option nplusone.log-parameters: expected true or false",
        "min-total-duration   | -5ms  | invalid value '-5ms' for option nplusone.min-total-duration",
        "min-total-duration   | soon  | invalid value 'soon' for option nplusone.min-total-duration",
        "ignore-sql           | (a    | invalid value '(a' for option nplusone.ignore-sql",
        "dialect              | oracle| invalid value 'oracle' for option nplusone.dialect",
      })
  void badValues_failWith22023NamingKeyAndValue(String key, String value, String message) {
    assertThatThrownBy(() -> resolve(Map.of(key, value), null))
        .isInstanceOf(SQLException.class)
        .hasMessageStartingWith(message)
        .hasMessageContaining("(set in the JDBC URL)")
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("22023");
  }

  @Test
  void badValueFromAnEnvironmentVariable_namesTheVariable() {
    env.put("NPLUSONE_MODE", "verbose");
    assertThatThrownBy(() -> resolve(Map.of(), null))
        .hasMessageContaining("'verbose'")
        .hasMessageContaining("environment variable NPLUSONE_MODE");
  }

  @Test
  void unknownKeys_failInUrlPropertiesAndFile() {
    assertThatThrownBy(() -> resolve(Map.of("mdoe", "log"), null))
        .isInstanceOf(SQLException.class)
        .hasMessageStartingWith("unknown nplusone option 'mdoe' in the JDBC URL");
    assertThatThrownBy(() -> resolve(Map.of(), props("nplusone.treshold", "4")))
        .hasMessageStartingWith(
            "unknown nplusone option 'nplusone.treshold' in connection properties");
    file.setProperty("nplusone.nope", "1");
    assertThatThrownBy(() -> resolve(Map.of(), null))
        .hasMessageStartingWith(
            "unknown nplusone option 'nplusone.nope' in classpath nplusone.properties");
  }

  @Test
  void unrelatedEnvironmentVariables_areIgnored() throws SQLException {
    env.put("NPLUSONE_TEST_POSTGRES_URL", "jdbc:postgresql://x");
    assertThat(resolve(Map.of(), null).mode()).isEqualTo(Config.Mode.LOG);
  }

  @Test
  void withoutOurKeys_removesOnlyOurs() {
    Properties p = props("nplusone.mode", "off");
    p.setProperty("user", "app");
    assertThat(Config.withoutOurKeys(p)).containsOnlyKeys("user");
    assertThat(p).containsKey("nplusone.mode");
  }

  @Test
  void dialect_autoFollowsTheUrlAndCanBeForced() throws SQLException {
    assertThat(resolve(Map.of(), null).dialect("jdbc:postgresql://h/db"))
        .isEqualTo(SqlDialect.POSTGRESQL);
    assertThat(resolve(Map.of(), null).dialect("jdbc:mariadb://h/db")).isEqualTo(SqlDialect.MYSQL);
    assertThat(resolve(Map.of("dialect", "h2"), null).dialect("jdbc:postgresql://h/db"))
        .isEqualTo(SqlDialect.H2);
  }

  @Test
  void durations_acceptUnitsAndIso() throws SQLException {
    assertThat(
            resolve(Map.of("min-total-duration", "250ms"), null)
                .duration(NPlusOneProperty.MIN_TOTAL_DURATION))
        .isEqualTo(Duration.ofMillis(250));
    assertThat(
            resolve(Map.of("min-total-duration", "PT2S"), null)
                .duration(NPlusOneProperty.MIN_TOTAL_DURATION))
        .isEqualTo(Duration.ofSeconds(2));
  }
}
