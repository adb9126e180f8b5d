package dev.nplusone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.nplusone.internal.Detector;
import dev.nplusone.testing.TestDatabases;
import dev.nplusone.testing.TestDatabases.Kind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Detection end to end on H2, PostgreSQL and MariaDB, through the {@code jdbc:nplusone:} driver and
 * through a wrapped HikariCP pool.
 */
class DetectDatabaseTest {
  enum Access {
    DRIVER,
    HIKARI
  }

  static final int AUTHORS = 10;
  private static final Set<Kind> PREPARED = ConcurrentHashMap.newKeySet();
  private static final Map<String, HikariDataSource> POOLS = new ConcurrentHashMap<>();
  private static final Map<String, DataSource> WRAPPED = new ConcurrentHashMap<>();

  private final List<Finding> reported = new CopyOnWriteArrayList<>();
  private final NPlusOneListener listener = reported::add;

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
  void listen() {
    NPlusOne.flush();
    NPlusOne.addListener(listener);
  }

  @AfterEach
  void unlisten() {
    NPlusOne.removeListener(listener);
    NPlusOne.flush();
  }

  @AfterAll
  static void closePools() {
    POOLS.values().forEach(HikariDataSource::close);
    POOLS.clear();
    WRAPPED.clear();
  }

  /** Creates the det_ tables once per database kind. */
  static void prepare(Kind kind) throws SQLException {
    if (!PREPARED.add(kind)) {
      return;
    }
    try (Connection c = TestDatabases.rawConnection(kind, "det");
        Statement s = c.createStatement()) {
      for (String t : List.of("det_book", "det_author", "det_publisher", "det_event")) {
        s.execute("drop table if exists " + t);
      }
      s.execute("create table det_publisher (id int primary key, name varchar(50))");
      s.execute("create table det_author (id int primary key, name varchar(50), publisher_id int)");
      s.execute("create table det_book (id int primary key, author_id int, title varchar(50))");
      s.execute("create table det_event (id int primary key, note varchar(50))");
      for (int p = 1; p <= 3; p++) {
        s.execute("insert into det_publisher values (" + p + ", 'publisher " + p + "')");
      }
      for (int a = 1; a <= AUTHORS; a++) {
        s.execute(
            "insert into det_author values (" + a + ", 'author " + a + "', " + (a % 3 + 1) + ")");
        s.execute("insert into det_book values (" + a + ", " + a + ", 'book " + a + "')");
      }
    }
  }

  static Connection connect(Kind kind, Access access) throws SQLException {
    return connect(kind, access, Map.of());
  }

  static Connection connect(Kind kind, Access access, Map<String, String> options)
      throws SQLException {
    prepare(kind);
    if (access == Access.DRIVER) {
      Properties p = new Properties();
      options.forEach((k, v) -> p.setProperty("nplusone." + k, v));
      return DriverManager.getConnection(TestDatabases.nplusoneUrl(kind, "det"), p);
    }
    String key = kind + "|" + options;
    DataSource ds =
        WRAPPED.computeIfAbsent(
            key,
            k -> {
              HikariConfig cfg = new HikariConfig();
              cfg.setJdbcUrl(TestDatabases.vendorUrl(kind, "det"));
              cfg.setMaximumPoolSize(2);
              cfg.setPoolName("det-" + kind + "-" + POOLS.size());
              HikariDataSource pool = new HikariDataSource(cfg);
              POOLS.put(k, pool);
              return NPlusOne.wrap(pool, options);
            });
    Connection c = ds.getConnection();
    assertThat(c.isWrapperFor(com.zaxxer.hikari.pool.HikariProxyConnection.class)).isTrue();
    return c;
  }

  static int execLine;

  /** Loads one author by id: the DAO method of the loops below. */
  static String loadAuthor(Connection c, int id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select name from det_author where id = ?")) {
      ps.setInt(1, id);
      execLine = new Throwable().getStackTrace()[0].getLineNumber() + 1;
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  static List<Integer> authorIds(Connection c) throws SQLException {
    List<Integer> ids = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("select id from det_author order by id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getInt(1));
      }
    }
    return ids;
  }

  static int line() {
    return new Throwable().getStackTrace()[1].getLineNumber();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void classicLoopIsFoundOnceWithCountAndCallSite(Kind kind, Access access) throws Exception {
    int loopLine;
    Scope scope;
    try (Scope s = NPlusOne.scope("classic");
        Connection c = connect(kind, access)) {
      scope = s;
      List<Integer> ids = authorIds(c);
      loopLine = line() + 2;
      for (int id : ids) {
        assertThat(loadAuthor(c, id)).isEqualTo("author " + id);
      }
    }
    List<Finding> findings = scope.findings();
    assertThat(findings).hasSize(1);
    Finding f = findings.get(0);
    assertThat(f.kind()).isEqualTo(Finding.Kind.N_PLUS_ONE);
    assertThat(f.executions()).isEqualTo(AUTHORS);
    assertThat(f.distinctParameterSets()).isEqualTo(AUTHORS);
    assertThat(f.sql()).contains("det_author").contains("?");
    assertThat(f.exampleSql()).doesNotContain("= 1");
    assertThat(f.scopeName()).isEqualTo("classic");
    assertThat(f.totalTime()).isPositive();
    assertThat(f.callSite()).hasSizeGreaterThanOrEqualTo(2);
    StackTraceElement top = f.callSite().get(0);
    assertThat(top.getClassName()).isEqualTo(DetectDatabaseTest.class.getName());
    assertThat(top.getMethodName()).isEqualTo("loadAuthor");
    assertThat(top.getLineNumber()).isEqualTo(execLine);
    StackTraceElement caller = f.callSite().get(1);
    assertThat(caller.getMethodName()).isEqualTo("classicLoopIsFoundOnceWithCountAndCallSite");
    assertThat(caller.getLineNumber()).isEqualTo(loopLine);
    assertThat(f.message()).contains("ran " + AUTHORS + " times").contains("loadAuthor");
    assertThat(reported).containsExactly(f);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void belowThresholdIsSilent(Kind kind, Access access) throws Exception {
    Scope scope;
    try (Scope s = NPlusOne.scope("below");
        Connection c = connect(kind, access)) {
      scope = s;
      loadAuthor(c, 1);
      loadAuthor(c, 2);
    }
    assertThat(scope.findings()).isEmpty();
    assertThat(reported).isEmpty();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void sameValuesAreDuplicateNotNPlusOne(Kind kind, Access access) throws Exception {
    Scope scope;
    try (Scope s = NPlusOne.scope("dup");
        Connection c = connect(kind, access)) {
      scope = s;
      for (int i = 0; i < 5; i++) {
        loadAuthor(c, 3);
      }
    }
    assertThat(scope.findings()).hasSize(1);
    Finding f = scope.findings().get(0);
    assertThat(f.kind()).isEqualTo(Finding.Kind.DUPLICATE);
    assertThat(f.executions()).isEqualTo(5);
    assertThat(f.distinctParameterSets()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void jdbcBatchIsSilent(Kind kind, Access access) throws Exception {
    Scope scope;
    try (Scope s = NPlusOne.scope("batch");
        Connection c = connect(kind, access)) {
      scope = s;
      clearEvents(c);
      try (PreparedStatement ps = c.prepareStatement("insert into det_event values (?, ?)")) {
        for (int i = 1; i <= 20; i++) {
          ps.setInt(1, i);
          ps.setString(2, "event " + i);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      assertThat(countEvents(c)).isEqualTo(20);
    }
    assertThat(scope.findings()).isEmpty();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void arrayBatchFetchIsSilent(Kind kind, Access access) throws Exception {
    Assumptions.assumeTrue(
        kind != Kind.MARIADB, "MariaDB has no array parameters; see inListBatchFetchIsSilent");
    Scope scope;
    try (Scope s = NPlusOne.scope("batch-fetch");
        Connection c = connect(kind, access)) {
      scope = s;
      for (int from = 1; from <= AUTHORS; from += 3) {
        Integer[] ids = {from, from + 1, from + 2};
        try (PreparedStatement ps =
            c.prepareStatement("select id, name from det_author where id = ANY(?)")) {
          if (kind == Kind.POSTGRESQL) {
            ps.setArray(1, c.createArrayOf("integer", ids));
          } else {
            ps.setObject(1, ids);
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              assertThat(rs.getInt(1)).isBetween(from, from + 2);
            }
          }
        }
      }
    }
    assertThat(scope.findings()).isEmpty();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void inListBatchFetchIsSilent(Kind kind, Access access) throws Exception {
    Scope scope;
    try (Scope s = NPlusOne.scope("in-list");
        Connection c = connect(kind, access)) {
      scope = s;
      for (int from = 1; from <= AUTHORS - 2; from += 3) {
        try (PreparedStatement ps =
            c.prepareStatement("select id, name from det_author where id in (?, ?, ?)")) {
          ps.setInt(1, from);
          ps.setInt(2, from + 1);
          ps.setInt(3, from + 2);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              assertThat(rs.getInt(1)).isBetween(from, from + 2);
            }
          }
        }
      }
    }
    assertThat(scope.findings()).isEmpty();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void oneElementInListPerRowIsAnNPlusOne(Kind kind, Access access) throws Exception {
    Scope scope;
    try (Scope s = NPlusOne.scope("in-one");
        Connection c = connect(kind, access)) {
      scope = s;
      for (int id = 1; id <= 5; id++) {
        try (PreparedStatement ps =
            c.prepareStatement("select id, name from det_author where id in (?)")) {
          ps.setInt(1, id);
          try (ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
          }
        }
      }
    }
    assertThat(scope.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(Finding.Kind.N_PLUS_ONE);
              assertThat(f.sql()).isEqualTo("select id, name from det_author where id in (?)");
              assertThat(f.executions()).isEqualTo(5);
              assertThat(f.distinctParameterSets()).isEqualTo(5);
            });
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void inlinedLiteralsPerRowAreAnNPlusOne(Kind kind, Access access) throws Exception {
    Scope scope;
    try (Scope s = NPlusOne.scope("literals");
        Connection c = connect(kind, access);
        Statement st = c.createStatement()) {
      scope = s;
      for (int id = 1; id <= 4; id++) {
        try (ResultSet rs = st.executeQuery("select id, name from det_author where id = " + id)) {
          assertThat(rs.next()).isTrue();
        }
      }
      for (int i = 0; i < 3; i++) {
        try (ResultSet rs = st.executeQuery("select count(*) from det_author where id > 2")) {
          assertThat(rs.next()).isTrue();
        }
      }
    }
    assertThat(scope.findings())
        .extracting(
            Finding::kind, Finding::sql, Finding::executions, Finding::distinctParameterSets)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                Finding.Kind.N_PLUS_ONE, "select id, name from det_author where id = ?", 4, 4),
            org.assertj.core.groups.Tuple.tuple(
                Finding.Kind.DUPLICATE, "select count(*) from det_author where id > ?", 3, 1));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void twoLoopsAtTwoCallSitesAreTwoFindings(Kind kind, Access access) throws Exception {
    Scope scope;
    try (Scope s = NPlusOne.scope("two-loops");
        Connection c = connect(kind, access)) {
      scope = s;
      for (int id = 1; id <= 4; id++) {
        loadAuthor(c, id);
      }
      for (int id = 5; id <= 10; id++) {
        loadAuthor(c, id);
      }
    }
    List<Finding> findings = scope.findings();
    assertThat(findings).hasSize(2);
    // Most executions first; the first execution counts with the first loop's call site.
    assertThat(findings.get(0).executions()).isEqualTo(6);
    assertThat(findings.get(1).executions()).isEqualTo(4);
    assertThat(findings.get(0).callSite().get(1).getLineNumber())
        .isNotEqualTo(findings.get(1).callSite().get(1).getLineNumber());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void helperCalledFromFourPlacesOnceEachIsSilent(Kind kind, Access access) throws Exception {
    Scope scope;
    try (Scope s = NPlusOne.scope("four-places");
        Connection c = connect(kind, access)) {
      scope = s;
      loadAuthor(c, 1);
      loadAuthor(c, 2);
      loadAuthor(c, 3);
      loadAuthor(c, 4);
    }
    assertThat(scope.findings()).isEmpty();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void loopOfOnePooledConnectionPerRowIsFoundInTheImplicitScope(Kind kind, Access access)
      throws Exception {
    // A stopped clock: however slow a connect is, no idle gap splits the loop.
    Detector.ticker(() -> 42L);
    List<Finding> findings;
    try {
      for (int id = 1; id <= 6; id++) {
        try (Connection c = connect(kind, access)) {
          loadAuthor(c, id);
        }
      }
      findings = NPlusOne.flush();
    } finally {
      Detector.ticker(null);
    }
    assertThat(findings).hasSize(access == Access.HIKARI ? 2 : 1);
    assertThat(findings.get(0).kind()).isEqualTo(Finding.Kind.N_PLUS_ONE);
    assertThat(findings.get(0).executions()).isEqualTo(6);
    assertThat(findings.get(0).scopeName()).isEqualTo("implicit");
    if (access == Access.HIKARI) {
      // Through a pool, one checkout per row is also connection churn (issue 6).
      assertThat(findings.get(1).kind()).isEqualTo(Finding.Kind.CONNECTION_CHURN);
      assertThat(findings.get(1).executions()).isEqualTo(6);
    }
    assertThat(reported).containsExactlyElementsOf(findings);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void oneTransactionPerRowIsFoundByTheScopeAroundIt(Kind kind, Access access) throws Exception {
    Scope scope;
    try (Scope s = NPlusOne.scope("tx-per-row")) {
      scope = s;
      for (int id = 1; id <= 5; id++) {
        try (Connection c = connect(kind, access)) {
          c.setAutoCommit(false);
          loadAuthor(c, id);
          c.commit();
          c.setAutoCommit(true);
        }
      }
    }
    // Through a pool, one checkout per row is also connection churn (issue 6).
    int expected = access == Access.HIKARI ? 2 : 1;
    assertThat(scope.findings()).hasSize(expected);
    assertThat(scope.findings().get(0).executions()).isEqualTo(5);
    assertThat(scope.findings().get(0).scopeName()).isEqualTo("tx-per-row");
    if (access == Access.HIKARI) {
      assertThat(scope.findings().get(1).kind()).isEqualTo(Finding.Kind.CONNECTION_CHURN);
    }
    assertThat(reported).hasSize(expected);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void transactionScopeFindsTheLoopInside(Kind kind, Access access) throws Exception {
    try (Connection c = connect(kind, access)) {
      c.setAutoCommit(false);
      for (int id = 1; id <= 4; id++) {
        loadAuthor(c, id);
      }
      c.commit();
      c.setAutoCommit(true);
    }
    assertThat(reported).hasSize(1);
    assertThat(reported.get(0).scopeName()).isEqualTo("transaction");
    assertThat(reported.get(0).executions()).isEqualTo(4);
    assertThat(NPlusOne.flush()).isEmpty();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void nestedScopesReportOnceAndTheOuterListsIt(Kind kind, Access access) throws Exception {
    Scope outer;
    Scope inner;
    try (Scope o = NPlusOne.scope("outer");
        Connection c = connect(kind, access)) {
      outer = o;
      try (Scope i = NPlusOne.scope("inner")) {
        inner = i;
        for (int id = 1; id <= 5; id++) {
          loadAuthor(c, id);
        }
      }
      assertThat(inner.findings()).hasSize(1);
      // Outside the inner scope, still in the outer one: a second loop only the outer sees.
      for (int id = 1; id <= 3; id++) {
        loadBookTitle(c, id);
      }
    }
    assertThat(inner.findings().get(0).scopeName()).isEqualTo("inner");
    assertThat(outer.findings()).hasSize(2);
    assertThat(outer.findings()).contains(inner.findings().get(0));
    assertThat(outer.findings())
        .anySatisfy(f -> assertThat(f.scopeName()).isEqualTo("outer"))
        .anySatisfy(f -> assertThat(f.sql()).contains("det_book"));
    assertThat(reported).hasSize(2);
  }

  static String loadBookTitle(Connection c, int authorId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("select title from det_book where author_id = ?")) {
      ps.setInt(1, authorId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  static String loadPublisher(Connection c, int id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select name from det_publisher where id = ?")) {
      ps.setInt(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void interleavedChildrenAreEachFound(Kind kind, Access access) throws Exception {
    Scope scope;
    try (Scope s = NPlusOne.scope("interleaved");
        Connection c = connect(kind, access)) {
      scope = s;
      for (int id = 1; id <= 6; id++) {
        loadBookTitle(c, id);
        loadAuthor(c, id);
        loadPublisher(c, id % 3 + 1);
      }
    }
    List<Finding> findings = scope.findings();
    assertThat(findings).hasSize(3);
    assertThat(findings).allSatisfy(f -> assertThat(f.executions()).isEqualTo(6));
    assertThat(findings).allSatisfy(f -> assertThat(f.kind()).isEqualTo(Finding.Kind.N_PLUS_ONE));
    assertThat(findings)
        .filteredOn(f -> f.sql().contains("det_publisher"))
        .singleElement()
        .satisfies(f -> assertThat(f.distinctParameterSets()).isEqualTo(3));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void perRowUpdatesAreTheirOwnKind(Kind kind, Access access) throws Exception {
    Scope scope;
    try (Scope s = NPlusOne.scope("per-row-update");
        Connection c = connect(kind, access)) {
      scope = s;
      for (int id = 1; id <= 5; id++) {
        try (PreparedStatement ps =
            c.prepareStatement("update det_book set title = ? where id = ?")) {
          ps.setString(1, "book " + id);
          ps.setInt(2, id);
          assertThat(ps.executeUpdate()).isEqualTo(1);
        }
      }
    }
    assertThat(scope.findings()).hasSize(1);
    Finding f = scope.findings().get(0);
    assertThat(f.kind()).isEqualTo(Finding.Kind.PER_ROW_WRITE);
    assertThat(f.executions()).isEqualTo(5);
    assertThat(f.message()).contains("batch");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void throwModeRollsTheWholeTransactionBack(Kind kind, Access access) throws Exception {
    try (Connection c = connect(kind, access)) {
      clearEvents(c);
    }
    try (Connection c = connect(kind, access, Map.of("mode", "throw"))) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("insert into det_event values (?, ?)")) {
        ps.setInt(1, 100);
        ps.setString(2, "written before the loop");
        ps.executeUpdate();
      }
      for (int id = 1; id <= 4; id++) {
        loadAuthor(c, id);
      }
      assertThatThrownBy(c::commit)
          .isInstanceOfSatisfying(
              NPlusOneException.class,
              e -> {
                assertThat(e.findings()).hasSize(1);
                assertThat(e.findings().get(0).executions()).isEqualTo(4);
                assertThat(e.getMessage()).contains("transaction");
              });
      c.setAutoCommit(true);
    }
    try (Connection raw = TestDatabases.rawConnection(kind, "det")) {
      assertThat(countEvents(raw)).isZero();
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void throwModeCommitsCleanTransactions(Kind kind, Access access) throws Exception {
    try (Connection c = connect(kind, access, Map.of("mode", "throw"))) {
      clearEvents(c);
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("insert into det_event values (?, ?)")) {
        ps.setInt(1, 7);
        ps.setString(2, "clean");
        ps.executeUpdate();
      }
      loadAuthor(c, 1);
      loadAuthor(c, 2);
      c.commit();
      c.setAutoCommit(true);
    }
    try (Connection raw = TestDatabases.rawConnection(kind, "det")) {
      assertThat(countEvents(raw)).isEqualTo(1);
    }
  }

  static void clearEvents(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("delete from det_event");
    }
  }

  static int countEvents(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from det_event")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
