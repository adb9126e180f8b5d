package dev.nplusone;

import static dev.nplusone.DetectDatabaseTest.connect;
import static dev.nplusone.DetectDatabaseTest.countEvents;
import static dev.nplusone.DetectDatabaseTest.loadAuthor;
import static dev.nplusone.DetectDatabaseTest.loadPublisher;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.nplusone.DetectDatabaseTest.Access;
import dev.nplusone.internal.Detector;
import dev.nplusone.testing.TestDatabases.Kind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Scopes, modes, options and the public API, on H2 through the driver. */
@SuppressWarnings("try") // scopes opened only for their effect on the statements inside
class DetectScopeTest {
  private final List<Finding> reported = new CopyOnWriteArrayList<>();
  private final NPlusOneListener listener = reported::add;
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private ListAppender<ILoggingEvent> log;

  @BeforeEach
  void setUp() {
    NPlusOne.flush();
    Detector.ticker(now::get);
    NPlusOne.addListener(listener);
    log = new ListAppender<>();
    log.start();
    ((Logger) LoggerFactory.getLogger("nplusone")).addAppender(log);
  }

  @AfterEach
  void tearDown() {
    ((Logger) LoggerFactory.getLogger("nplusone")).detachAppender(log);
    NPlusOne.removeListener(listener);
    try {
      NPlusOne.flush();
    } finally {
      Detector.ticker(null);
    }
  }

  static Connection h2() throws SQLException {
    return connect(Kind.H2, Access.DRIVER);
  }

  static Connection h2(Map<String, String> options) throws SQLException {
    return connect(Kind.H2, Access.DRIVER, options);
  }

  private List<ILoggingEvent> warnings(String containing) {
    return log.list.stream()
        .filter(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().contains(containing))
        .toList();
  }

  @Test
  void logModeWritesOneWarnWithKeyValues() throws Exception {
    try (Scope s = NPlusOne.scope("logged");
        Connection c = h2()) {
      for (int id = 1; id <= 4; id++) {
        loadAuthor(c, id);
      }
    }
    List<ILoggingEvent> warns = warnings("N+1");
    assertThat(warns).hasSize(1);
    ILoggingEvent e = warns.get(0);
    assertThat(e.getFormattedMessage())
        .contains("ran 4 times")
        .contains("4 different value sets")
        .contains("scope 'logged'")
        .contains("where id = ?")
        .contains("loadAuthor");
    assertThat(e.getKeyValuePairs())
        .anySatisfy(
            kv -> {
              assertThat(kv.key).isEqualTo("kind");
              assertThat(kv.value).isEqualTo(Finding.Kind.N_PLUS_ONE);
            })
        .anySatisfy(
            kv -> {
              assertThat(kv.key).isEqualTo("executions");
              assertThat(kv.value).isEqualTo(4);
            })
        .anySatisfy(kv -> assertThat(kv.key).isEqualTo("sql"));
  }

  @Test
  void silentModeRecordsWithoutLogging() throws Exception {
    try (Connection c = h2(Map.of("mode", "silent"))) {
      for (int id = 1; id <= 4; id++) {
        loadAuthor(c, id);
      }
    }
    assertThat(NPlusOne.flush()).hasSize(1);
    assertThat(reported).hasSize(1);
    assertThat(warnings("N+1")).isEmpty();
  }

  @Test
  void parametersAppearOnlyWhenOptedIn() throws Exception {
    try (Connection c = h2()) {
      for (int id = 1; id <= 3; id++) {
        loadAuthor(c, id);
      }
    }
    Finding hidden = NPlusOne.flush().get(0);
    assertThat(hidden.exampleSql()).contains("id = ?");
    assertThat(log.list.get(0).getFormattedMessage()).doesNotContain("id = 1");
    try (Connection c = h2(Map.of("log-parameters", "true"))) {
      for (int id = 1; id <= 3; id++) {
        loadAuthor(c, id);
      }
    }
    Finding shown = NPlusOne.flush().get(0);
    assertThat(shown.exampleSql()).endsWith("where id = 1");
    assertThat(shown.sql()).contains("id = ?");
  }

  @Test
  void idleGapEndsTheImplicitScopeBeforeTheNextStatement() throws Exception {
    try (Connection c = h2()) {
      for (int id = 1; id <= 4; id++) {
        loadAuthor(c, id);
        now.addAndGet(1_000_000L); // 1 ms between statements
      }
      assertThat(reported).isEmpty();
      now.addAndGet(2_000_000_000L);
      loadPublisher(c, 1);
      assertThat(reported).hasSize(1);
      assertThat(reported.get(0).executions()).isEqualTo(4);
      assertThat(reported.get(0).scopeName()).isEqualTo("implicit");
    }
    assertThat(NPlusOne.flush()).isEmpty();
  }

  @Test
  void burstsSeparatedByIdleGapsAreNotMerged() throws Exception {
    try (Connection c = h2()) {
      loadAuthor(c, 1);
      loadAuthor(c, 2);
      now.addAndGet(600_000_000L); // more than the default 500ms
      loadAuthor(c, 3);
      loadAuthor(c, 4);
    }
    assertThat(NPlusOne.flush()).isEmpty();
    // The control: the same four without the gap are one finding.
    try (Connection c = h2()) {
      for (int id = 1; id <= 4; id++) {
        loadAuthor(c, id);
        now.addAndGet(100_000_000L);
      }
    }
    assertThat(NPlusOne.flush()).hasSize(1);
  }

  @Test
  void implicitScopeEndsAtItsStatementCap() throws Exception {
    try (Connection c = h2(Map.of("implicit-scope.max-statements", "4"))) {
      for (int id = 1; id <= 4; id++) {
        loadAuthor(c, id);
      }
      assertThat(reported).hasSize(1);
      for (int id = 1; id <= 3; id++) {
        loadAuthor(c, id);
      }
    }
    // The next implicit scope started empty: its three statements are one finding of three.
    List<Finding> rest = NPlusOne.flush();
    assertThat(rest).hasSize(1);
    assertThat(rest.get(0).executions()).isEqualTo(3);
  }

  @Test
  void throwModeImplicitScopeThrowsBeforeTheNextStatementRuns() throws Exception {
    try (Connection c = h2(Map.of("mode", "throw"))) {
      DetectDatabaseTest.clearEvents(c);
      for (int id = 1; id <= 4; id++) {
        loadAuthor(c, id);
      }
      now.addAndGet(1_000_000_000L);
      assertThatThrownBy(
              () -> {
                try (PreparedStatement ps =
                    c.prepareStatement("insert into det_event values (1, 'x')")) {
                  ps.executeUpdate();
                }
              })
          .isInstanceOf(NPlusOneException.class)
          .hasMessageContaining("implicit");
      assertThat(countEvents(c)).isZero();
    }
    assertThat(NPlusOne.flush()).isEmpty();
  }

  @Test
  void throwModeTransactionEndedByRollbackOrCloseOnlyReports() throws Exception {
    try (Connection c = h2(Map.of("mode", "throw"))) {
      c.setAutoCommit(false);
      for (int id = 1; id <= 4; id++) {
        loadAuthor(c, id);
      }
      c.rollback();
      assertThat(reported)
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.scopeName()).isEqualTo("transaction");
                assertThat(f.executions()).isEqualTo(4);
              });
      for (int id = 1; id <= 3; id++) {
        loadAuthor(c, id);
      }
    }
    // Closed with its second transaction open: reported, not thrown.
    assertThat(reported).hasSize(2);
    assertThat(reported.get(1).executions()).isEqualTo(3);
  }

  @Test
  void throwModeFlushThrows() throws Exception {
    try (Connection c = h2(Map.of("mode", "throw"))) {
      for (int id = 1; id <= 4; id++) {
        loadAuthor(c, id);
      }
    }
    assertThatThrownBy(NPlusOne::flush)
        .isInstanceOfSatisfying(NPlusOneException.class, e -> assertThat(e.findings()).hasSize(1));
  }

  @Test
  void throwModeExplicitScopeThrowsFromClose() throws Exception {
    System.setProperty("nplusone.mode", "throw");
    try {
      assertThatThrownBy(
              () -> {
                try (Scope s = NPlusOne.scope("strict");
                    Connection c = h2()) {
                  for (int id = 1; id <= 5; id++) {
                    loadAuthor(c, id);
                  }
                }
              })
          .isInstanceOfSatisfying(
              NPlusOneException.class,
              e -> {
                assertThat(e.findings()).hasSize(1);
                assertThat(e.findings().get(0).executions()).isEqualTo(5);
                assertThat(e.getMessage()).contains("strict");
              });
      // Without findings, close does not throw.
      try (Scope s = NPlusOne.scope("strict-clean");
          Connection c = h2()) {
        loadAuthor(c, 1);
      }
    } finally {
      System.clearProperty("nplusone.mode");
    }
  }

  @Test
  void throwingListenerIsContainedAndLoggedOnce() throws Exception {
    NPlusOneListener bad =
        f -> {
          throw new IllegalStateException("listener bug");
        };
    NPlusOne.addListener(bad);
    Scope scope;
    try {
      try (Scope s = NPlusOne.scope("bad-listener");
          Connection c = h2()) {
        scope = s;
        for (int id = 1; id <= 3; id++) {
          loadAuthor(c, id);
          DetectDatabaseTest.loadBookTitle(c, id);
        }
      }
    } finally {
      NPlusOne.removeListener(bad);
    }
    assertThat(scope.findings()).hasSize(2);
    assertThat(reported).hasSize(2);
    assertThat(warnings("failed while calling the listener")).hasSize(1);
  }

  @Test
  void consecutiveScopesDoNotShareState() throws Exception {
    try (Connection c = h2()) {
      for (int round = 0; round < 3; round++) {
        Scope scope;
        try (Scope s = NPlusOne.scope("round-" + round)) {
          scope = s;
          loadAuthor(c, 1 + round);
          loadAuthor(c, 4 + round);
        }
        assertThat(scope.findings()).isEmpty();
      }
      Scope control;
      try (Scope s = NPlusOne.scope("control")) {
        control = s;
        for (int id = 1; id <= 3; id++) {
          loadAuthor(c, id);
        }
      }
      assertThat(control.findings()).hasSize(1);
    }
  }

  @Test
  void threadsDoNotShareScopes() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch bothInside = new CountDownLatch(2);
      Future<List<Finding>> a = pool.submit(() -> loopInScope("thread-a", 3, bothInside));
      Future<List<Finding>> b = pool.submit(() -> loopInScope("thread-b", 7, bothInside));
      assertThat(a.get(30, TimeUnit.SECONDS))
          .singleElement()
          .satisfies(f -> assertThat(f.executions()).isEqualTo(3));
      assertThat(b.get(30, TimeUnit.SECONDS))
          .singleElement()
          .satisfies(f -> assertThat(f.executions()).isEqualTo(7));
      // A thread without a scope does not count in this thread's scope.
      Scope mine;
      try (Scope s = NPlusOne.scope("main")) {
        mine = s;
        pool.submit(
                () -> {
                  try (Connection c = h2()) {
                    for (int id = 1; id <= 5; id++) {
                      loadAuthor(c, id);
                    }
                  }
                  return NPlusOne.flush();
                })
            .get(30, TimeUnit.SECONDS);
      }
      assertThat(mine.findings()).isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<Finding> loopInScope(String name, int n, CountDownLatch latch)
      throws Exception {
    Scope scope;
    try (Scope s = NPlusOne.scope(name);
        Connection c = h2()) {
      scope = s;
      latch.countDown();
      latch.await(10, TimeUnit.SECONDS);
      for (int id = 1; id <= n; id++) {
        loadAuthor(c, id);
      }
    }
    return scope.findings();
  }

  @Test
  void attachedScopeCountsWorkOfAnotherThread() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Scope scope;
      try (Scope s = NPlusOne.scope("async")) {
        scope = s;
        pool.submit(s.wrap(DetectScopeTest::fourAuthorsUnchecked)).get(30, TimeUnit.SECONDS);
      }
      assertThat(scope.findings())
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.executions()).isEqualTo(4);
                assertThat(f.scopeName()).isEqualTo("async");
              });
      // After its wrap ended, the worker's statements no longer count anywhere but its own
      // implicit scope.
      List<Finding> workerImplicit =
          pool.submit(
                  () -> {
                    try (Connection c = h2()) {
                      loadAuthor(c, 1);
                    }
                    return NPlusOne.flush();
                  })
              .get(30, TimeUnit.SECONDS);
      assertThat(workerImplicit).isEmpty();
      assertThatThrownBy(scope::attach)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("async");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void metadataLookupsNeverCount() throws Exception {
    Scope scope;
    try (Scope s = NPlusOne.scope("metadata");
        Connection c = h2()) {
      scope = s;
      for (int i = 0; i < 5; i++) {
        try (ResultSet rs = c.getMetaData().getTables(null, null, "DET_AUTHOR", null)) {
          assertThat(rs.next()).isTrue();
        }
        try (ResultSet rs = c.getMetaData().getColumns(null, null, "DET_AUTHOR", null)) {
          assertThat(rs.next()).isTrue();
        }
      }
    }
    assertThat(scope.findings()).isEmpty();
  }

  @Test
  void ignoreOptionsAndMinimumDurationSuppressFindings() throws Exception {
    for (Map<String, String> options :
        List.of(
            Map.of("ignore-sql", "det_auth"),
            Map.of("ignore-call-sites", "DetectDatabaseTest\\.loadAuthor"),
            Map.of("min-total-duration", "60m"))) {
      try (Connection c = h2(options)) {
        for (int id = 1; id <= 4; id++) {
          loadAuthor(c, id);
        }
      }
      assertThat(NPlusOne.flush()).as(options.toString()).isEmpty();
    }
  }

  /** Stands for a framework proxy in front of a DAO, seen on the first (cold) calls only. */
  interface AuthorDao {
    String find(Connection c, int id) throws SQLException;
  }

  static final class RealDao implements AuthorDao {
    @Override
    public String find(Connection c, int id) throws SQLException {
      return loadAuthor(c, id);
    }
  }

  static final class ColdPathProxy implements AuthorDao {
    private final AuthorDao target;

    ColdPathProxy(AuthorDao target) {
      this.target = target;
    }

    @Override
    public String find(Connection c, int id) throws SQLException {
      return target.find(c, id);
    }
  }

  @Test
  void coldAndWarmCallsOfOneLoopDoNotSplit() throws Exception {
    AuthorDao real = new RealDao();
    AuthorDao cold = new ColdPathProxy(real);
    String proxyClass = ColdPathProxy.class.getName();
    for (boolean excluded : new boolean[] {true, false}) {
      Map<String, String> options =
          excluded ? Map.of("call-site.exclude-packages", proxyClass) : Map.of();
      try (Connection c = h2(options)) {
        for (int id = 1; id <= 6; id++) {
          (id <= 2 ? cold : real).find(c, id);
        }
      }
      List<Finding> findings = NPlusOne.flush();
      assertThat(findings).as("excluded=" + excluded).hasSize(1);
      // Filtered, the proxy frame vanishes and all six are one call site; unfiltered, the first
      // two are a call site of their own, below the threshold.
      assertThat(findings.get(0).executions()).isEqualTo(excluded ? 6 : 4);
      assertThat(findings.get(0).callSite())
          .noneSatisfy(e -> assertThat(e.getClassName()).isEqualTo(proxyClass));
    }
  }

  @Test
  void longLoopsAtTwoCallSitesStaySeparateDespiteStackSampling() throws Exception {
    int n = 400; // longer than the streak after which stacks are only sampled
    Scope scope;
    // Walks cost nothing by the walk clock, so each confirmation is taken when it is due: the
    // bound below is the doubling schedule's. (Dear walks wait for the queries to pay for them, and
    // then the bound is in time, not executions: see WalkPolicyTest.)
    Detector.walkClock(() -> 0L);
    try (Scope s = NPlusOne.scope("long-loops");
        Connection c = h2()) {
      scope = s;
      for (int i = 0; i < n; i++) {
        loadAuthor(c, 1 + i % 10);
      }
      for (int i = 0; i < n; i++) {
        loadAuthor(c, 1 + i % 10);
      }
    } finally {
      Detector.walkClock(null);
    }
    List<Finding> findings = scope.findings();
    assertThat(findings).hasSize(2);
    // The first site's run is counted from the second execution (the first has no stack), so it
    // stands at n - 2 when the second loop starts; the next walk comes when the run reaches 512
    // (the next power of two), so at most 512 - (n - 2) executions of the second loop count with
    // the first.
    int misattributed = 512 - (n - 2);
    assertThat(findings.get(0).executions() + findings.get(1).executions()).isEqualTo(2 * n);
    assertThat(findings.get(1).executions()).isBetween(n - misattributed, n);
    assertThat(findings.get(0).callSite().get(1).getLineNumber())
        .isNotEqualTo(findings.get(1).callSite().get(1).getLineNumber());
  }

  @Test
  void scopeNamesAreValidated() {
    assertThatThrownBy(() -> NPlusOne.scope(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank");
    assertThatThrownBy(() -> NPlusOne.scope(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> NPlusOne.addListener(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void renamedScopeReportsAndThrowsUnderItsNewName() throws Exception {
    assertThatThrownBy(
            () -> {
              try (Scope s = NPlusOne.scope("request", Map.of("mode", "throw"));
                  Connection c = h2()) {
                for (int id = 1; id <= 4; id++) {
                  loadAuthor(c, id);
                }
                s.rename("GET /authors/{id}");
                assertThat(s.name()).isEqualTo("GET /authors/{id}");
              }
            })
        .isInstanceOfSatisfying(
            NPlusOneException.class,
            e -> {
              assertThat(e.getMessage()).contains("'GET /authors/{id}'");
              assertThat(e.findings().get(0).scopeName()).isEqualTo("GET /authors/{id}");
            });
    assertThat(reported)
        .singleElement()
        .extracting(Finding::scopeName)
        .isEqualTo("GET /authors/{id}");
    try (Scope s = NPlusOne.scope("x")) {
      assertThatThrownBy(() -> s.rename(" ")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> s.rename(null)).isInstanceOf(NullPointerException.class);
    }
  }

  @Test
  void scopeOptionsTakeThePlaceOfConnectionProperties() throws Exception {
    Scope scope;
    try (Scope s = NPlusOne.scope("options", Map.of("nplusone.threshold", "5"));
        Connection c = h2()) {
      scope = s;
      for (int id = 1; id <= 4; id++) {
        loadAuthor(c, id);
      }
    }
    assertThat(scope.findings()).isEmpty();
    assertThatThrownBy(() -> NPlusOne.scope("bad", Map.of("threshold", "1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nplusone.threshold")
        .hasMessageContaining("'1'");
    assertThatThrownBy(() -> NPlusOne.scope("bad", Map.of("no-such", "1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nplusone.no-such");
  }

  @Test
  void statementCountsCountEveryExecutionPerShapeMostFirst() throws Exception {
    Scope scope;
    try (Scope s = NPlusOne.scope("counts");
        Connection c = h2()) {
      scope = s;
      assertThat(s.statementCounts()).isEmpty();
      loadPublisher(c, 1);
      for (int id = 1; id <= 5; id++) {
        loadAuthor(c, id);
      }
      try (Statement st = c.createStatement()) {
        st.executeQuery("select count(*) from det_book").close();
        st.executeQuery("select count(*) from det_book").close();
      }
      try (PreparedStatement ps =
          c.prepareStatement("update det_book set title = ? where id = ?")) {
        for (int id = 1; id <= 3; id++) {
          ps.setString(1, "t" + id);
          ps.setInt(2, id);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      assertThat(s.statementCounts())
          .containsExactly(
              entry("select name from det_author where id = ?", 5L),
              entry("select count(*) from det_book", 2L),
              entry("select name from det_publisher where id = ?", 1L),
              entry("update det_book set title = ? where id = ?", 1L));
    }
    // Still readable after close, and closed scopes count nothing more.
    try (Connection c = h2()) {
      loadAuthor(c, 1);
    }
    assertThat(scope.statementCounts())
        .containsEntry("select name from det_author where id = ?", 5L);
  }

  @Test
  void allThreadsAttachmentCountsStatementsOfThreadsThatNeverAttached() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    Callable<List<Finding>> server =
        () -> {
          try (Connection c = h2()) {
            for (int id = 1; id <= 4; id++) {
              loadAuthor(c, id);
            }
          }
          return NPlusOne.flush();
        };
    try {
      Scope notAsked;
      try (Scope s = NPlusOne.scope("current-thread-only")) {
        notAsked = s;
        pool.submit(server).get(30, TimeUnit.SECONDS);
      }
      assertThat(notAsked.statementCounts()).isEmpty();
      assertThat(notAsked.findings()).isEmpty();

      Scope asked;
      try (Scope s = NPlusOne.scope("all-threads");
          Scope.Attachment a = s.attachAllThreads();
          Connection c = h2()) {
        asked = s;
        loadPublisher(c, 1);
        // The server thread's own implicit scope still sees its statements too.
        assertThat(pool.submit(server).get(30, TimeUnit.SECONDS)).hasSize(1);
        // A thread that attached the scope as well counts each statement once.
        pool.submit(s.wrap(() -> loadAuthorUnchecked(5))).get(30, TimeUnit.SECONDS);
      }
      assertThat(asked.statementCounts())
          .containsExactly(
              entry("select name from det_author where id = ?", 5L),
              entry("select name from det_publisher where id = ?", 1L));
      assertThat(asked.findings())
          .singleElement()
          .satisfies(
              f -> {
                // The fifth ran from another call site: counted, but not part of the loop.
                assertThat(f.executions()).isEqualTo(4);
                assertThat(f.scopeName()).isEqualTo("all-threads");
              });

      // Closing the scope detached it: later statements of other threads count nowhere in it.
      pool.submit(server).get(30, TimeUnit.SECONDS);
      assertThat(asked.statementCounts())
          .containsEntry("select name from det_author where id = ?", 5L);
      Scope closed = asked;
      assertThatThrownBy(closed::attachAllThreads)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("scope 'all-threads' is closed; attach it before");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aScopeForAllThreadsSeesTheConnectionOfAThreadsFirstStatement() throws Exception {
    Scope scope;
    try (Scope s = NPlusOne.scope("all-threads-first");
        Scope.Attachment a = s.attachAllThreads()) {
      scope = s;
      // A new thread whose very first statements are the loop: the scope must see their
      // connection's context (H2's dialect), not whatever the thread ran before (nothing).
      Thread t = new Thread(DetectScopeTest::fourAuthorsUnchecked);
      t.start();
      t.join(30_000);
    }
    assertThat(scope.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.executions()).isEqualTo(4);
              // H2 takes one array for all the values; without the dialect it would be IN (...).
              assertThat(f.suggestion().batchRewrite()).containsIgnoringCase("any(?)");
            });
  }

  /** Authors 1 to 4, one query each, on a new connection: a loop of four. */
  private static void fourAuthorsUnchecked() {
    try (Connection c = h2()) {
      for (int id = 1; id <= 4; id++) {
        loadAuthor(c, id);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void loadAuthorUnchecked(int id) {
    try (Connection c = h2()) {
      loadAuthor(c, id);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
