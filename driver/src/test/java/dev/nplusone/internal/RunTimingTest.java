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
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the statements of a run of one prepared statement back to back are timed ({@link
 * ThreadState#estimates}): the first {@value ThreadState#TIMED_RUN} each, then one in {@value
 * ThreadState#TIME_EVERY}, the others taking the mean of the timed ones; and that value correlation
 * still ties a later loop to such a run's rows. Over real H2 through the driver, with a SQL
 * function that sleeps for as long as its argument says, so that the test decides which executions
 * are slow.
 */
// Public, as H2 calls its pause function by reflection.
public class RunTimingTest {
  private static final String URL = "jdbc:h2:mem:runtiming;DB_CLOSE_DELAY=-1";
  private static final String LOOP = "select ?, rt_pause(?)";
  private static final int RUN = 48;
  private static final long SLOW_MS = 20;

  @BeforeAll
  static void createFunction() throws SQLException {
    try (Connection c = DriverManager.getConnection(URL);
        Statement s = c.createStatement()) {
      // Names that suggest no link, and no foreign key: only value correlation can tie rs_child's
      // lookups to rs_parent's rows.
      s.execute("create table if not exists rs_parent(id int primary key, code int)");
      s.execute("create table if not exists rs_child(num int primary key, label varchar(20))");
      s.execute("delete from rs_parent");
      s.execute("delete from rs_child");
      s.execute("insert into rs_parent select x, 1000 + x from system_range(1, " + RUN + ")");
      s.execute("insert into rs_child select 1000 + x, 'c' || x from system_range(1, " + RUN + ")");
      s.execute(
          "create alias if not exists rt_pause for \""
              + RunTimingTest.class.getName()
              + ".pause\"");
    }
  }

  /** The SQL function {@code rt_pause}: sleeps {@code millis}, returns it. */
  public static long pause(long millis) throws InterruptedException {
    if (millis > 0) {
      Thread.sleep(millis);
    }
    return millis;
  }

  @AfterEach
  void tearDown() {
    NPlusOne.flush();
  }

  private static Connection connect() throws SQLException {
    Properties p = new Properties();
    p.setProperty("nplusone.mode", "silent");
    // This class sits in nplusone's own package, which call sites leave out.
    p.setProperty("nplusone.call-site.include-packages", RunTimingTest.class.getName());
    return DriverManager.getConnection("jdbc:nplusone:" + URL.substring("jdbc:".length()), p);
  }

  /** Whether the {@code k}-th execution (from 1) of a run back to back reads the clock twice. */
  private static boolean timed(int k) {
    int before = k - 1;
    return before < ThreadState.TIMED_RUN || before % ThreadState.TIME_EVERY == 0;
  }

  /**
   * Runs {@link #RUN} executions of {@link #LOOP} in a new scope, the {@code k}-th (from 1) pausing
   * {@code millis.applyAsLong(k)}, each followed by another statement when {@code interleaved};
   * returns the scope's finding for the loop.
   */
  private static Finding loop(Connection c, IntToLongFunction millis, boolean interleaved)
      throws SQLException {
    Scope scope = NPlusOne.scope("run-timing");
    try (scope) {
      for (int k = 1; k <= RUN; k++) {
        try (PreparedStatement ps = c.prepareStatement(LOOP)) {
          ps.setInt(1, k);
          ps.setLong(2, millis.applyAsLong(k));
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
          }
        }
        if (interleaved) {
          try (PreparedStatement other = c.prepareStatement("select ?")) {
            other.setInt(1, k);
            other.executeQuery().close();
          }
        }
      }
    }
    return loopFinding(scope.findings());
  }

  private static Finding loopFinding(List<Finding> findings) {
    return findings.stream()
        .filter(f -> f.kind() == Finding.Kind.N_PLUS_ONE && f.sql().contains("rt_pause"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no N+1 of the loop in " + findings));
  }

  private static long untimedCount() {
    long n = 0;
    for (int k = 1; k <= RUN; k++) {
      if (!timed(k)) {
        n++;
      }
    }
    return n;
  }

  @Test
  void executionsPastTheFirstOnesAreTimedOneInEightAndTheOthersTakeTheirMean() throws Exception {
    Finding f;
    try (Connection c = connect()) {
      // Only the executions whose time is not read off the clock are slow.
      f = loop(c, k -> timed(k) ? 0 : SLOW_MS, false);
    }
    assertThat(f.executions()).isEqualTo(RUN);
    // The slow executions took untimedCount() * SLOW_MS in all; their estimate is the mean of
    // the fast ones, so the total is far below that (half of it leaves room for a slow machine).
    long slowMillis = untimedCount() * SLOW_MS;
    assertThat(untimedCount()).isEqualTo(RUN - ThreadState.TIMED_RUN - 4);
    assertThat(f.totalTime()).isPositive().isLessThan(Duration.ofMillis(slowMillis / 2));
  }

  @Test
  void anEstimateIsTheMeanOfTheTimedExecutions() throws Exception {
    long each = 5;
    try (Connection c = connect()) {
      // Every timed execution took at least `each`, so their mean, which the others take, did.
      assertThat(loop(c, k -> each, false).totalTime())
          .isGreaterThanOrEqualTo(Duration.ofMillis(RUN * each));
    }
  }

  @Test
  void eachScopeTimesItsOwnRun() throws Exception {
    long each = 5;
    try (Connection c = connect()) {
      loop(c, k -> 0, false);
      // The same statement goes on back to back in the next scope, now slow: its estimates are
      // not the fast scope's mean.
      assertThat(loop(c, k -> each, false).totalTime())
          .isGreaterThanOrEqualTo(Duration.ofMillis(RUN * each));
    }
  }

  @Test
  void anotherStatementInBetweenKeepsEveryExecutionTimed() throws Exception {
    try (Connection c = connect()) {
      // No run back to back: each slow execution was timed.
      assertThat(loop(c, k -> timed(k) ? 0 : SLOW_MS, true).totalTime())
          .isGreaterThanOrEqualTo(Duration.ofMillis(untimedCount() * SLOW_MS));
    }
  }

  /**
   * Reads rs_parent's code for ids 1 to {@link #RUN}, one query each, back to back; then looks up
   * rs_child by those codes, in one scope. Returns the child loop's finding.
   */
  private static Finding twoLoops(Connection c) throws SQLException {
    int[] codes = new int[RUN + 1];
    Scope scope = NPlusOne.scope("run-tracing");
    try (scope) {
      for (int k = 1; k <= RUN; k++) {
        try (PreparedStatement ps = c.prepareStatement("select code from rs_parent where id = ?")) {
          ps.setInt(1, k);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            codes[k] = rs.getInt(1);
          }
        }
      }
      for (int k = 1; k <= RUN; k++) {
        try (PreparedStatement ps =
            c.prepareStatement("select label from rs_child where num = ?")) {
          ps.setInt(1, codes[k]);
          ps.executeQuery().close();
        }
      }
    }
    return scope.findings().stream()
        .filter(f -> f.kind() == Finding.Kind.N_PLUS_ONE && f.sql().contains("rs_child"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no N+1 on rs_child in " + scope.findings()));
  }

  @Test
  void aLoopOverTheRowsOfAnEarlierRunStillNamesItsQuery() throws Exception {
    try (Connection c = connect()) {
      Finding f = twoLoops(c);
      assertThat(f.suggestion().evidence()).isEqualTo(Suggestion.Evidence.VALUE_CORRELATION);
      assertThat(f.suggestion().parentSql()).contains("rs_parent");
    }
  }

  @Test
  void aStateIsOnlyEstimatedOnItsOwnThread() throws Exception {
    ThreadState ts = new ThreadState();
    long shape = 42;
    for (int k = 0; k < ThreadState.TIMED_RUN + 1; k++) {
      ts.newStatement(shape, 1_000);
    }
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      Future<Boolean> there = other.submit(() -> ts.estimates(shape));
      assertThat(there.get()).isFalse();
    } finally {
      other.shutdownNow();
    }
    assertThat(ts.estimates(shape + 1)).isFalse();
    assertThat(ts.estimates(shape)).isTrue();
    assertThat(ts.runMean()).isEqualTo(1_000);
  }
}
