package dev.nplusone.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nplusone.Finding;
import dev.nplusone.NPlusOne;
import dev.nplusone.NPlusOneListener;
import dev.nplusone.Scope;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A loop longer than {@code nplusone.implicit-scope.max-statements} on a thread with no scope goes
 * on in the implicit scope that takes over at the limit ({@link ScopeData.Carry}): its run from one
 * call site is confirmed by one walk and counted on, and its value correlation takes {@link
 * Correlation#MAX_SAMPLES} samples, without the longer search for parent values pushed out of the
 * index that only the start of a loop needs, or none if its samples found no candidate. Any other
 * end of the implicit scope starts afresh. Over real H2, through the proxy connection.
 */
class ImplicitContinuationTest {
  /** Statements per implicit scope: more than the longest search, so one chunk can finish it. */
  private static final int CHUNK = 2 * Correlation.MAX_SEARCH;

  private static final String CHILD = "select name from cc_author where id = ?";

  private final List<Finding> reported = new CopyOnWriteArrayList<>();
  private final NPlusOneListener listener = reported::add;
  private final AtomicLong now = new AtomicLong();

  @BeforeEach
  void setUp() throws SQLException {
    NPlusOne.flush();
    Detector.ticker(now::get);
    NPlusOne.addListener(listener);
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:cc;DB_CLOSE_DELAY=-1");
        Statement s = c.createStatement()) {
      s.execute("create table if not exists cc_author(id bigint primary key, name varchar(40))");
      s.execute("delete from cc_author");
      s.execute("insert into cc_author select x, 'author ' || x from system_range(1, 10000)");
    }
  }

  @AfterEach
  void tearDown() {
    Detector.walkClock(null);
    NPlusOne.removeListener(listener);
    NPlusOne.flush();
    Detector.ticker(null);
  }

  private static ProxyConnection connect() throws SQLException {
    Config config =
        Config.resolve(
            Map.of(
                "mode",
                "silent",
                "value-correlation",
                "true",
                "implicit-scope.max-statements",
                String.valueOf(CHUNK),
                // This class sits in nplusone's own package, which call sites leave out.
                "call-site.include-packages",
                ImplicitContinuationTest.class.getName()),
            null,
            Config.Sources.system());
    JdbcContext ctx = new JdbcContext(config, "jdbc:h2:mem:cc", Detector.recorder(config));
    return new ProxyConnection(
        DriverManager.getConnection("jdbc:h2:mem:cc;DB_CLOSE_DELAY=-1"), ctx, null);
  }

  /**
   * Ids the loops without a parent look up: above any id a result set read in these tests (the
   * thread's value index outlives a test), so no sample finds a candidate.
   */
  private static final int UNREAD = 5_000;

  /** One child lookup by {@code id}, reading its row as an application would. */
  private static void child(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(CHILD)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        rs.getString(1);
      }
    }
  }

  /** Samples the child's correlation has taken in the current implicit scope. */
  private static int childSamples(ProxyConnection c) {
    ScopeData.Entry e = Detector.implicitScope().entry(c.shape(CHILD).hash());
    return e.correlation.samples;
  }

  @Test
  void aLoopWithNoParentSearchesOnlyInTheScopeItStartedIn() throws SQLException {
    try (ProxyConnection c = connect()) {
      for (int i = 1; i < CHUNK; i++) {
        child(c, UNREAD + i);
      }
      assertThat(childSamples(c)).isEqualTo(Correlation.MAX_SEARCH);
      child(c, UNREAD + CHUNK); // the limit: the scope ends and reports
      assertThat(Detector.implicitScope()).isNull();
      for (int i = 1; i < CHUNK; i++) {
        child(c, UNREAD + CHUNK + i);
      }
      // No sample found a candidate before the limit: the loop goes on without sampling.
      assertThat(childSamples(c)).isZero();
      // And so on past the next limit.
      for (int i = 0; i < CHUNK; i++) {
        child(c, UNREAD + CHUNK + i);
      }
      assertThat(childSamples(c)).isZero();
    }
    assertThat(reported).hasSize(2);
    assertThat(reported).allSatisfy(f -> assertThat(f.executions()).isEqualTo(CHUNK));
  }

  /**
   * Runs a loop up to the limit, then {@code between}, then the loop again for a chunk less one
   * statement; returns the samples its correlation took in that last implicit scope.
   */
  private static int samplesAfter(ProxyConnection c, Runnable between) throws SQLException {
    for (int i = 1; i <= CHUNK; i++) {
      child(c, UNREAD + i);
    }
    assertThat(Detector.implicitScope()).isNull();
    between.run();
    for (int i = 1; i < CHUNK; i++) {
      child(c, UNREAD + i);
    }
    return childSamples(c);
  }

  @Test
  void anIdleGapAfterTheLimitStartsALoopAgain() throws SQLException {
    try (ProxyConnection c = connect()) {
      int samples = samplesAfter(c, () -> now.addAndGet(Duration.ofHours(1).toNanos()));
      assertThat(samples).isEqualTo(Correlation.MAX_SEARCH);
    }
  }

  @Test
  void aScopeOpenedAfterTheLimitStartsALoopAgain() throws SQLException {
    try (ProxyConnection c = connect()) {
      int samples =
          samplesAfter(
              c,
              () -> {
                Scope between = NPlusOne.scope("between");
                try {
                  child(c, UNREAD);
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                } finally {
                  between.close();
                }
              });
      assertThat(samples).isEqualTo(Correlation.MAX_SEARCH);
    }
  }

  /** The same lookup as {@link #child}, from another call site. */
  private static void otherChild(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(CHILD)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
      }
    }
  }

  @Test
  void aRunGoesOnInTheScopeThatTookOverAfterOneWalk() throws SQLException {
    Detector.walkClock(() -> 0L); // walks are free: every due confirmation is taken
    int first;
    int second;
    try (ProxyConnection c = connect()) {
      // One loop, so one call site, across the limit.
      int start = Detector.walks();
      int atLimit = 0;
      for (int i = 1; i < 2 * CHUNK; i++) {
        child(c, UNREAD + i);
        if (i == CHUNK) {
          assertThat(Detector.implicitScope()).isNull();
          atLimit = Detector.walks();
        }
      }
      first = atLimit - start;
      second = Detector.walks() - atLimit;
      NPlusOne.flush();
    }
    // A fresh scope: execution n >= 3 starts with a run of n - 3. Executions 2 to 5 walk (the first
    // repeat, then runs 0 to 2, below the threshold); then runs 4, 8, ..., 1,024 (9 walks); the
    // next doubling point, 2,048, is past the last run, 2,045: 13 walks. The scope that takes over
    // carries the run of 2,046: its first repeat walks (2,046), then the doubling points 2,048 and
    // 3,072 are crossed by runs up to 4,091: 3 walks.
    assertThat(first).isEqualTo(13);
    assertThat(second).isEqualTo(3);
    assertThat(reported).hasSize(2);
    assertThat(reported.get(1).executions()).isEqualTo(CHUNK - 1);
    assertThat(reported.get(1).callSite()).isEqualTo(reported.get(0).callSite());
  }

  @Test
  void aLoopFromAnotherCallSiteRightAfterTheLimitIsCountedAtItsOwnSite() throws SQLException {
    try (ProxyConnection c = connect()) {
      for (int i = 1; i <= CHUNK; i++) {
        child(c, UNREAD + i);
      }
      for (int i = 1; i <= 50; i++) {
        otherChild(c, UNREAD + i);
      }
      NPlusOne.flush();
    }
    assertThat(reported).hasSize(2);
    assertThat(reported.get(0).callSite().get(0).getMethodName()).isEqualTo("child");
    assertThat(reported.get(1).executions()).isEqualTo(50);
    assertThat(reported.get(1).callSite().get(0).getMethodName()).isEqualTo("otherChild");
  }

  @Test
  void aLoopOverAParentStillNamesItsParentInTheScopeThatTookOver() throws SQLException {
    try (ProxyConnection c = connect()) {
      // A row-by-row loop over the parent: each child's id was read just before it runs.
      try (PreparedStatement parent =
          c.prepareStatement("select id from cc_author where id > ? order by id limit 1")) {
        long last = 0;
        // Two statements a row: the limit falls in the middle of the loop, 300 rows before its end.
        for (int i = 0; i < CHUNK / 2 + 300; i++) {
          parent.setLong(1, last);
          try (ResultSet rs = parent.executeQuery()) {
            assertThat(rs.next()).isTrue();
            last = rs.getLong(1);
          }
          child(c, last);
        }
      }
      // Its samples found the parent before the limit: 64 samples here, not up to 1,024.
      assertThat(childSamples(c)).isEqualTo(Correlation.MAX_SAMPLES);
      NPlusOne.flush();
    }
    Finding second =
        reported.stream()
            .filter(f -> f.sql().contains("name") && f.executions() == 300)
            .findFirst()
            .orElseThrow();
    assertThat(second.suggestion().parentSql()).contains("where id > ?");
  }
}
