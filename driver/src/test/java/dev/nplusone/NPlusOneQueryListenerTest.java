package dev.nplusone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The datasource-proxy listener finds what the driver finds, and never counts twice. */
class NPlusOneQueryListenerTest {
  private static final String DB = "dsproxy";

  @BeforeAll
  static void schema() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:" + DB + ";DB_CLOSE_DELAY=-1");
        Statement s = c.createStatement()) {
      s.execute("drop table if exists dp_author");
      s.execute("drop table if exists dp_book");
      s.execute("create table dp_author (id int primary key, name varchar(50))");
      s.execute("create table dp_book (id int primary key, author_id int, title varchar(50))");
      for (int i = 1; i <= 6; i++) {
        s.execute("insert into dp_author values (" + i + ", 'author " + i + "')");
        s.execute("insert into dp_book values (" + i + ", " + i + ", 'book " + i + "')");
      }
    }
  }

  private static DataSource h2(String url) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(url);
    return ds;
  }

  /** The classic loop: the books, then each book's author. */
  private static void loop(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement books = c.prepareStatement("select id, author_id from dp_book");
        ResultSet rs = books.executeQuery()) {
      while (rs.next()) {
        try (PreparedStatement author =
            c.prepareStatement("select id, name from dp_author where id = ?")) {
          author.setInt(1, rs.getInt(2));
          try (ResultSet a = author.executeQuery()) {
            assertThat(a.next()).isTrue();
          }
        }
      }
    }
  }

  private static List<Finding> findings(DataSource ds) throws SQLException {
    Scope scope;
    try (Scope s = NPlusOne.scope("dsproxy")) {
      scope = s;
      loop(ds);
    }
    return scope.findings();
  }

  @Test
  void listener_findsWhatTheDriverFinds() throws SQLException {
    DataSource viaListener =
        ProxyDataSourceBuilder.create(h2("jdbc:h2:mem:" + DB))
            .listener(new NPlusOneQueryListener(Map.of("mode", "silent")))
            .build();
    DataSource viaDriver = NPlusOne.wrap(h2("jdbc:h2:mem:" + DB), Map.of("mode", "silent"));

    List<Finding> fromListener = findings(viaListener);
    List<Finding> fromDriver = findings(viaDriver);

    assertThat(fromListener)
        .extracting(
            Finding::kind, Finding::sql, Finding::executions, Finding::distinctParameterSets)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Finding.Kind.N_PLUS_ONE, "select id, name from dp_author where id = ?", 6, 6));
    assertThat(fromListener)
        .extracting(
            Finding::kind, Finding::sql, Finding::executions, Finding::distinctParameterSets)
        .isEqualTo(
            fromDriver.stream()
                .map(
                    f ->
                        org.assertj.core.groups.Tuple.tuple(
                            f.kind(), f.sql(), f.executions(), f.distinctParameterSets()))
                .collect(java.util.stream.Collectors.toList()));
    assertThat(fromListener.get(0).callSite().get(0).getMethodName()).isEqualTo("loop");
    assertThat(fromDriver.get(0).callSite().get(0).getMethodName()).isEqualTo("loop");
  }

  @Test
  void listenerOverOurDriver_neverCountsTwice() throws SQLException {
    com.zaxxer.hikari.HikariConfig cfg = new com.zaxxer.hikari.HikariConfig();
    cfg.setJdbcUrl("jdbc:nplusone[mode=silent]:h2:mem:" + DB);
    try (com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource(cfg)) {
      DataSource chained =
          ProxyDataSourceBuilder.create(pool)
              .listener(new NPlusOneQueryListener(Map.of("mode", "silent")))
              .build();
      assertThat(findings(chained))
          .singleElement()
          .satisfies(f -> assertThat(f.executions()).isEqualTo(6));
    }
  }

  @Test
  void badOptions_failNamingTheKeyAndValue() {
    assertThatThrownBy(() -> new NPlusOneQueryListener(Map.of("threshold", "1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid value '1' for option nplusone.threshold");
  }
}
