package dev.nplusone.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nplusone.Finding;
import dev.nplusone.NPlusOne;
import dev.nplusone.Scope;
import dev.nplusone.Suggestion;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Suggestions around metadata: cached per table, contained when unavailable; name helpers. */
class SuggestEngineTest {
  static final String URL = "jdbc:h2:mem:sg_engine;DB_CLOSE_DELAY=-1";

  @BeforeAll
  static void schema() throws SQLException {
    try (Connection c = DriverManager.getConnection(URL);
        Statement s = c.createStatement()) {
      s.execute("drop table if exists sg_e_users");
      s.execute("drop table if exists sg_e_teams");
      s.execute("create table sg_e_teams (id int primary key, name varchar(20))");
      s.execute(
          "create table sg_e_users (id int primary key, team_id int references sg_e_teams (id))");
      for (int i = 1; i <= 4; i++) {
        s.execute("insert into sg_e_teams values (" + i + ", 'team " + i + "')");
      }
      for (int i = 1; i <= 8; i++) {
        s.execute("insert into sg_e_users values (" + i + ", " + (i % 4 + 1) + ")");
      }
    }
  }

  @AfterEach
  void flush() {
    NPlusOne.flush();
  }

  static ProxyConnection connect(Map<String, String> options, JdbcContext.RawConnector connector)
      throws SQLException {
    Config config = Config.resolve(options, null, Config.Sources.system());
    JdbcContext ctx = new JdbcContext(config, "jdbc:h2:mem:sg_engine", Detector.recorder(config));
    ctx.connector(connector);
    return new ProxyConnection(DriverManager.getConnection(URL), ctx, null);
  }

  /** {@code connector}, counting the connections it opens in {@code opened}. */
  static JdbcContext.RawConnector counting(
      AtomicInteger opened, JdbcContext.RawConnector connector) {
    return () -> {
      opened.incrementAndGet();
      return connector.open();
    };
  }

  static Finding loop(Connection c) throws SQLException {
    Scope scope;
    try (Scope s = NPlusOne.scope("engine")) {
      scope = s;
      try (PreparedStatement ps = c.prepareStatement("select id, team_id from sg_e_users");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rs.getInt(1);
          int team = rs.getInt(2);
          try (PreparedStatement child =
              c.prepareStatement("select name from sg_e_teams where id = ?")) {
            child.setInt(1, team);
            try (ResultSet r = child.executeQuery()) {
              r.next();
            }
          }
        }
      }
    }
    List<Finding> f = scope.findings();
    assertThat(f).hasSize(1);
    return f.get(0);
  }

  @Test
  void metadataFailure_isContained_andSaidInTheNotes() throws Exception {
    try (ProxyConnection c =
        connect(
            Map.of("mode", "silent", "value-correlation", "false"),
            () -> {
              throw new SQLException("no connection for you");
            })) {
      Suggestion s = loop(c).suggestion();
      assertThat(s.notes()).anyMatch(n -> n.contains("metadata was unavailable"));
      // Names still link the two queries; weak evidence, so no join.
      assertThat(s.evidence()).isEqualTo(Suggestion.Evidence.NAMING);
      assertThat(s.joinRewrite()).isNull();
      assertThat(s.batchRewrite()).isNotNull();
    }
  }

  @Test
  void metadataIsReadOncePerTable_onTheLibrarysOwnConnection() throws Exception {
    AtomicInteger opened = new AtomicInteger();
    try (ProxyConnection c =
        connect(
            Map.of("mode", "silent", "value-correlation", "false"),
            counting(opened, () -> DriverManager.getConnection(URL)))) {
      Suggestion first = loop(c).suggestion();
      assertThat(first.evidence()).isEqualTo(Suggestion.Evidence.FOREIGN_KEY);
      assertThat(first.joinColumns()).isEqualTo("sg_e_users.team_id = sg_e_teams.id");
      int afterFirst = opened.get();
      assertThat(afterFirst).isPositive();
      loop(c);
      assertThat(opened.get()).isEqualTo(afterFirst);
    }
  }

  @Test
  void theSameLoopReportedAgain_isAnsweredFromWhatWasWorkedOut() throws Exception {
    try (ProxyConnection c =
        connect(
            Map.of("mode", "silent", "value-correlation", "false"),
            () -> DriverManager.getConnection(URL))) {
      Suggestion first = loop(c).suggestion(); // reads the metadata: not kept
      Suggestion second = loop(c).suggestion(); // worked out from cached metadata: kept
      long reused = SuggestionEngine.answersReused();
      Suggestion third = loop(c).suggestion();
      assertThat(SuggestionEngine.answersReused()).isGreaterThanOrEqualTo(reused + 2);
      for (Suggestion s : List.of(second, third)) {
        assertThat(s.evidence())
            .isEqualTo(first.evidence())
            .isEqualTo(Suggestion.Evidence.FOREIGN_KEY);
        assertThat(s.parentSql()).isEqualTo(first.parentSql());
        assertThat(s.joinColumns()).isEqualTo(first.joinColumns());
        assertThat(s.joinRewrite()).isEqualTo(first.joinRewrite()).isNotNull();
        assertThat(s.batchRewrite()).isEqualTo(first.batchRewrite()).isNotNull();
        assertThat(s.ormHints()).isEqualTo(first.ormHints());
        assertThat(s.indexes()).isEqualTo(first.indexes());
        assertThat(s.notes()).isEqualTo(first.notes());
      }
    }
  }

  @Test
  void anAnswerGivenWithoutMetadata_isNotKeptOnceMetadataCanBeRead() throws Exception {
    try (ProxyConnection c =
        connect(Map.of("mode", "silent", "value-correlation", "false"), null)) {
      Suggestion before = loop(c).suggestion();
      assertThat(before.notes()).anyMatch(n -> n.contains("no connection to read it on"));
      assertThat(before.evidence()).isEqualTo(Suggestion.Evidence.NAMING);
      c.context().connector(() -> DriverManager.getConnection(URL));
      Suggestion after = loop(c).suggestion();
      assertThat(after.evidence()).isEqualTo(Suggestion.Evidence.FOREIGN_KEY);
      assertThat(after.notes()).noneMatch(n -> n.contains("no connection to read it on"));
    }
  }

  /** A real H2 connection whose {@code getMetaData()} answers nothing, as some drivers do. */
  private static Connection withoutMetadata(Connection real) {
    java.sql.DatabaseMetaData none =
        (java.sql.DatabaseMetaData)
            java.lang.reflect.Proxy.newProxyInstance(
                SuggestEngineTest.class.getClassLoader(),
                new Class<?>[] {java.sql.DatabaseMetaData.class},
                (proxy, method, args) -> {
                  throw new java.sql.SQLFeatureNotSupportedException(
                      "no " + method.getName() + " here");
                });
    return (Connection)
        java.lang.reflect.Proxy.newProxyInstance(
            SuggestEngineTest.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getMetaData")) {
                return none;
              }
              try {
                return method.invoke(real, args);
              } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Test
  void aDriverWithoutMetadata_isNotAskedAgain_andItsAnswersAreKept() throws Exception {
    AtomicInteger opened = new AtomicInteger();
    try (ProxyConnection c =
        connect(
            Map.of("mode", "silent", "value-correlation", "false"),
            counting(opened, () -> withoutMetadata(DriverManager.getConnection(URL))))) {
      Suggestion first = loop(c).suggestion();
      assertThat(first.notes())
          .anyMatch(
              n ->
                  n.contains("metadata was unavailable")
                      && n.contains("no getDatabaseProductName here"));
      Suggestion second = loop(c).suggestion();
      assertThat(second.notes())
          .anyMatch(n -> n.contains("database metadata is not available from this driver"));
      assertThat(second.evidence()).isEqualTo(Suggestion.Evidence.NAMING);
      long reused = SuggestionEngine.answersReused();
      Suggestion third = loop(c).suggestion();
      assertThat(SuggestionEngine.answersReused()).isGreaterThan(reused);
      assertThat(third.notes()).isEqualTo(second.notes());
      assertThat(third.batchRewrite()).isEqualTo(second.batchRewrite()).isNotNull();
      assertThat(opened.get()).isEqualTo(1);
    }
  }

  @Test
  void metadataSwitchedOff_isNotRead() throws Exception {
    AtomicInteger opened = new AtomicInteger();
    try (ProxyConnection c =
        connect(
            Map.of("mode", "silent", "value-correlation", "false", "suggest.metadata", "false"),
            counting(opened, () -> DriverManager.getConnection(URL)))) {
      Suggestion s = loop(c).suggestion();
      assertThat(opened.get()).isZero();
      assertThat(s.notes()).anyMatch(n -> n.contains("nplusone.suggest.metadata=false"));
    }
  }

  @Test
  void hibernateSqlIsRecognized() {
    assertThat(SuggestionEngine.hibernateSql("select o1_0.id from organizations o1_0")).isTrue();
    assertThat(SuggestionEngine.hibernateSql("/* load com.acme.Org */ select id from orgs"))
        .isTrue();
    assertThat(SuggestionEngine.hibernateSql("select id from organizations where id = ?"))
        .isFalse();
  }

  @Test
  void singularOfTableNames() {
    assertThat(SuggestionEngine.singular("organizations")).isEqualTo("organization");
    assertThat(SuggestionEngine.singular("categories")).isEqualTo("category");
    assertThat(SuggestionEngine.singular("addresses")).isEqualTo("address");
    assertThat(SuggestionEngine.singular("boxes")).isEqualTo("box");
    assertThat(SuggestionEngine.singular("status")).isEqualTo("statu");
  }
}
