package dev.nplusone;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.nplusone.testing.TestDatabases;
import dev.nplusone.testing.TestDatabases.Kind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 5 end to end on H2, PostgreSQL and MariaDB, through the driver and a wrapped HikariCP pool:
 * each N+1 loop's finding names its parent, and the join and batch rewrites taken from {@code
 * finding.suggestion()} are executed against the same data and must return what the loop read.
 */
class SuggestDatabaseTest {
  enum Access {
    DRIVER,
    HIKARI
  }

  private static final Set<Kind> PREPARED = ConcurrentHashMap.newKeySet();
  private static final Map<String, HikariDataSource> POOLS = new ConcurrentHashMap<>();
  private static final Map<String, DataSource> WRAPPED = new ConcurrentHashMap<>();

  static Stream<Arguments> targets() {
    List<Arguments> list = new ArrayList<>();
    for (Kind k : Kind.values()) {
      for (Access a : Access.values()) {
        list.add(Arguments.of(k, a));
      }
    }
    return list.stream();
  }

  @BeforeEach
  void flushBefore() {
    NPlusOne.flush();
  }

  @AfterEach
  void flushAfter() {
    NPlusOne.flush();
  }

  @AfterAll
  static void closePools() {
    POOLS.values().forEach(HikariDataSource::close);
    POOLS.clear();
    WRAPPED.clear();
  }

  // ------------------------------------------------------------------ schema and data

  static final int USERS = 12;
  static final int ORGS = 4;

  static void prepare(Kind kind) throws SQLException {
    if (!PREPARED.add(kind)) {
      return;
    }
    try (Connection c = TestDatabases.rawConnection(kind, "sg");
        Statement s = c.createStatement()) {
      for (String t :
          List.of(
              "sg_users",
              "sg_organizations",
              "sg_items",
              "sg_orders",
              "sg_products",
              "sg_books",
              "sg_authors",
              "sg_publishers",
              "sg_shipments",
              "sg_order_lines")) {
        s.execute("drop table if exists " + t);
      }
      s.execute("create table sg_organizations (id int primary key, name varchar(50))");
      s.execute(
          "create table sg_users (id int primary key, email varchar(50), organization_id int,"
              + " deleted_at timestamp null)");
      for (int o = 1; o <= ORGS; o++) {
        s.execute("insert into sg_organizations values (" + o + ", 'org " + o + "')");
      }
      for (int u = 1; u <= USERS; u++) {
        // Every fourth user has no organization; user 5 is deleted.
        String org = u % 4 == 0 ? "null" : String.valueOf(u % 3 + 1);
        String deleted = u == 5 ? "timestamp '2020-01-01 00:00:00'" : "null";
        s.execute(
            "insert into sg_users values ("
                + u
                + ", 'user"
                + u
                + "@example.com', "
                + org
                + ", "
                + deleted
                + ")");
      }
    }
  }

  static Connection connect(Kind kind, Access access) throws SQLException {
    prepare(kind);
    if (access == Access.DRIVER) {
      return DriverManager.getConnection(TestDatabases.nplusoneUrl(kind, "sg"));
    }
    DataSource ds =
        WRAPPED.computeIfAbsent(
            kind.name(),
            k -> {
              HikariConfig cfg = new HikariConfig();
              cfg.setJdbcUrl(TestDatabases.vendorUrl(kind, "sg"));
              cfg.setMaximumPoolSize(2);
              cfg.setPoolName("sg-" + kind);
              HikariDataSource pool = new HikariDataSource(cfg);
              POOLS.put(k, pool);
              return NPlusOne.wrap(pool, Map.of());
            });
    return ds.getConnection();
  }

  // ------------------------------------------------------------------ helpers

  static Finding onlyNPlusOne(Scope scope) {
    List<Finding> n =
        scope.findings().stream().filter(f -> f.kind() == Finding.Kind.N_PLUS_ONE).toList();
    assertThat(n).hasSize(1);
    return n.get(0);
  }

  /** Runs a join rewrite: parent key (column 1) → the child's {@code childColumn} values. */
  static Map<Integer, List<String>> runJoin(
      Kind kind, String sql, List<Object> parentBinds, String childColumn) throws SQLException {
    assertThat(sql).as("join rewrite").isNotNull();
    Map<Integer, List<String>> out = new TreeMap<>();
    try (Connection c = TestDatabases.rawConnection(kind, "sg");
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < parentBinds.size(); i++) {
        ps.setObject(i + 1, parentBinds.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        int childIndex = -1;
        for (int i = md.getColumnCount(); i >= 2 && childIndex < 0; i--) {
          if (md.getColumnLabel(i).toLowerCase(Locale.ROOT).endsWith("_" + childColumn)) {
            childIndex = i;
          }
        }
        assertThat(childIndex).as("child column in " + sql).isPositive();
        while (rs.next()) {
          int key = rs.getInt(1);
          List<String> values = out.computeIfAbsent(key, k -> new ArrayList<>());
          String v = rs.getString(childIndex);
          if (v != null) {
            values.add(v);
          }
        }
      }
    }
    out.values().forEach(Collections::sort);
    return out;
  }

  /**
   * Runs a batch rewrite for {@code keys}: an array on PostgreSQL and H2, one marker per value in
   * {@code in (?)} on MariaDB; returns key → the {@code valueColumn} values.
   */
  static Map<Integer, List<String>> runBatch(
      Kind kind, String sql, List<Integer> keys, String keyColumn, String valueColumn)
      throws SQLException {
    assertThat(sql).as("batch rewrite").isNotNull();
    Map<Integer, List<String>> out = new TreeMap<>();
    try (Connection c = TestDatabases.rawConnection(kind, "sg")) {
      String text = sql;
      if (kind == Kind.MARIADB) {
        assertThat(text).containsIgnoringCase("in (?)");
        String markers = String.join(", ", Collections.nCopies(keys.size(), "?"));
        text = text.replaceFirst("(?i)in \\(\\?\\)", "IN (" + markers + ")");
      } else {
        assertThat(text).containsIgnoringCase("any(?)");
      }
      try (PreparedStatement ps = c.prepareStatement(text)) {
        if (kind == Kind.MARIADB) {
          for (int i = 0; i < keys.size(); i++) {
            ps.setInt(i + 1, keys.get(i));
          }
        } else {
          ps.setArray(1, c.createArrayOf("integer", keys.toArray()));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.computeIfAbsent(rs.getInt(keyColumn), k -> new ArrayList<>())
                .add(rs.getString(valueColumn));
          }
        }
      }
    }
    out.values().forEach(Collections::sort);
    return out;
  }

  static String orgName(Connection c, int id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("select id, name from sg_organizations where id = ?")) {
      ps.setInt(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString("name") : null;
      }
    }
  }

  // ------------------------------------------------------------------ scenarios

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void toOne_usersToOrganizations_withNullForeignKeys(Kind kind, Access access) throws Exception {
    Map<Integer, List<String>> loop = new TreeMap<>();
    Map<Integer, List<String>> children = new TreeMap<>();
    Scope scope;
    try (Scope s = NPlusOne.scope("to-one");
        Connection c = connect(kind, access);
        PreparedStatement ps =
            c.prepareStatement("select id, email, organization_id from sg_users order by id");
        ResultSet rs = ps.executeQuery()) {
      scope = s;
      while (rs.next()) {
        int id = rs.getInt(1);
        rs.getString(2);
        int org = rs.getInt(3);
        List<String> names = new ArrayList<>();
        if (!rs.wasNull()) {
          String name = orgName(c, org);
          names.add(name);
          children.put(org, List.of(name));
        }
        loop.put(id, names);
      }
    }
    Finding f = onlyNPlusOne(scope);
    Suggestion sg = f.suggestion();
    assertThat(sg).isNotNull();
    assertThat(sg.evidence()).isEqualTo(Suggestion.Evidence.VALUE_CORRELATION);
    assertThat(sg.parentSql()).contains("sg_users");
    assertThat(sg.joinColumns()).isEqualTo("sg_users.organization_id = sg_organizations.id");
    assertThat(runJoin(kind, sg.joinRewrite(), List.of(), "name")).isEqualTo(loop);
    assertThat(runBatch(kind, sg.batchRewrite(), new ArrayList<>(children.keySet()), "id", "name"))
        .isEqualTo(children);
    assertThat(f.message())
        .contains("parent query: ")
        .contains("fix (join): ")
        .contains("fix (batch): ");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void toMany_organizationsToUsers_withExtraPredicate(Kind kind, Access access) throws Exception {
    Map<Integer, List<String>> loop = new TreeMap<>();
    Scope scope;
    try (Scope s = NPlusOne.scope("to-many");
        Connection c = connect(kind, access)) {
      scope = s;
      List<Integer> orgs = new ArrayList<>();
      try (PreparedStatement ps =
              c.prepareStatement("select id, name from sg_organizations order by name");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          orgs.add(rs.getInt("id"));
          rs.getString("name");
        }
      }
      for (int org : orgs) {
        List<String> emails = new ArrayList<>();
        try (PreparedStatement ps =
            c.prepareStatement(
                "select id, email from sg_users where organization_id = ? and deleted_at is null")) {
          ps.setInt(1, org);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              rs.getInt("id");
              emails.add(rs.getString("email"));
            }
          }
        }
        Collections.sort(emails);
        loop.put(org, emails);
      }
    }
    Finding f = onlyNPlusOne(scope);
    Suggestion sg = f.suggestion();
    assertThat(sg.evidence()).isEqualTo(Suggestion.Evidence.VALUE_CORRELATION);
    assertThat(sg.joinColumns()).isEqualTo("sg_organizations.id = sg_users.organization_id");
    assertThat(sg.notes()).anyMatch(n -> n.contains("repeats once per sg_users row"));
    assertThat(runJoin(kind, sg.joinRewrite(), List.of(), "email")).isEqualTo(loop);
    Map<Integer, List<String>> nonEmpty = new TreeMap<>(loop);
    nonEmpty.values().removeIf(List::isEmpty);
    assertThat(
            runBatch(
                kind,
                sg.batchRewrite(),
                new ArrayList<>(loop.keySet()),
                "organization_id",
                "email"))
        .isEqualTo(nonEmpty);
  }
}
