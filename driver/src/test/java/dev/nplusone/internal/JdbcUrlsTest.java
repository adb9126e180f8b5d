package dev.nplusone.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JdbcUrlsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "jdbc:nplusone:postgresql://localhost:5432/db?user=a     | jdbc:postgresql://localhost:5432/db?user=a",
        "jdbc:nplusone:h2:mem:test;DB_CLOSE_DELAY=-1            | jdbc:h2:mem:test;DB_CLOSE_DELAY=-1",
        "jdbc:nplusone:tc:postgresql:16:///db                   | jdbc:tc:postgresql:16:///db",
        "JDBC:NPLUSONE:mariadb://h/db                           | jdbc:mariadb://h/db",
        "jdbc:nplusone[mode=throw]:mysql://h/db?a=[1]            | jdbc:mysql://h/db?a=[1]",
        "jdbc:nplusone:sqlserver://h;databaseName=x;nplusone=1  | jdbc:sqlserver://h;databaseName=x;nplusone=1",
      })
  void parse_stripsThePrefixOnceAndKeepsTheVendorUrl(String url, String vendor)
      throws SQLException {
    assertThat(JdbcUrls.accepts(url)).isTrue();
    assertThat(JdbcUrls.parse(url).vendorUrl()).isEqualTo(vendor);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jdbc:postgresql://h/db",
        "jdbc:nplusonex:postgresql://h/db",
        "jdbc:nplusone",
        "nplusone:postgresql://h/db",
        "jdbc:p6spy:postgresql://h/db",
        ""
      })
  void accepts_refusesForeignUrls(String url) {
    assertThat(JdbcUrls.accepts(url)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jdbc:nplusone:nplusone:postgresql://h/db",
        "jdbc:nplusone:nplusone[mode=log]:postgresql://h/db",
        "jdbc:nplusone[mode=off]:nplusone:postgresql://h/db"
      })
  void parse_refusesTheDoubledPrefix(String url) {
    assertThatThrownBy(() -> JdbcUrls.parse(url))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("prefix twice")
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("08001");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "jdbc:nplusone[mode=throw:postgresql://h/db | never closed",
        "jdbc:nplusone[mode]:postgresql://h/db      | expected key=value",
        "jdbc:nplusone[mode=log]postgresql://h/db   | expected ':'",
        "jdbc:nplusone:                             | names no database",
        "jdbc:nplusone:jdbc:postgresql://h/db       | repeats 'jdbc:'",
      })
  void parse_explainsMalformedUrls(String url, String message) {
    assertThatThrownBy(() -> JdbcUrls.parse(url))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining(message)
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("08001");
  }

  @org.junit.jupiter.api.Test
  void parse_readsOptionsInOrderAndDecodesPercentEscapes() throws SQLException {
    JdbcUrls.Parsed p =
        JdbcUrls.parse(
            "jdbc:nplusone[mode=throw; threshold=5;ignore-sql=^select 1%3B$,%5Dx%25;x=%E2%82%AC]:h2:mem:a");
    assertThat(p.options())
        .containsExactly(
            Map.entry("mode", "throw"),
            Map.entry("threshold", "5"),
            Map.entry("ignore-sql", "^select 1;$,]x%"),
            Map.entry("x", "€"));
    assertThat(p.vendorUrl()).isEqualTo("jdbc:h2:mem:a");
  }
}
