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
 * on in the implicit scope that takes over at the limit. Its value correlation there is a
 * continuation: {@link Correlation#MAX_SAMPLES} samples, without the longer search for parent
 * values pushed out of the index that only the start of a loop needs. Over real H2, through the
 * proxy connection.
 */
class CorrelationContinuationTest {
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
                String.valueOf(CHUNK)),
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
  void aLoopWithNoParentSearchesInFullOnlyInTheScopeItStartedIn() throws SQLException {
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
      assertThat(childSamples(c)).isEqualTo(Correlation.MAX_SAMPLES);
    }
    assertThat(reported).hasSize(1);
    assertThat(reported.get(0).executions()).isEqualTo(CHUNK);
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
      assertThat(childSamples(c)).isLessThanOrEqualTo(Correlation.MAX_SAMPLES);
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
