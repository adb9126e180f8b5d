package dev.nplusone.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nplusone.Finding;
import dev.nplusone.NPlusOne;
import dev.nplusone.Scope;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When the detector walks the stack: every repeat until a call site's run reaches the threshold;
 * then at doubling points once the queries have paid for the walk; whenever another query ran
 * before an execution than before the previous one; and whenever counting without a walk would turn
 * a duplicate into a per-row pattern. Over a real H2 connection through the driver, with the clock
 * that measures walks replaced, so that how much a walk costs is the test's choice.
 */
class WalkPolicyTest {
  private static final String URL = "jdbc:nplusone:h2:mem:walk_policy;DB_CLOSE_DELAY=-1";

  @BeforeAll
  static void schema() throws SQLException {
    try (Connection c = DriverManager.getConnection(URL, props("off"));
        Statement s = c.createStatement()) {
      s.execute("create table if not exists walk_item (id int primary key, name varchar(20))");
      s.execute("delete from walk_item");
      for (int i = 1; i <= 60; i++) {
        s.execute("insert into walk_item values (" + i + ", 'item " + i + "')");
      }
    }
  }

  private static java.util.Properties props(String mode) {
    java.util.Properties p = new java.util.Properties();
    p.setProperty("nplusone.mode", mode);
    // This class sits in nplusone's own package, which call sites leave out unless included.
    p.setProperty("nplusone.call-site.include-packages", WalkPolicyTest.class.getName());
    return p;
  }

  @BeforeEach
  @AfterEach
  void flush() {
    NPlusOne.flush();
    Detector.walkClock(null);
  }

  /** Walks cost nothing: every due confirmation is taken. */
  private static void freeWalks() {
    Detector.walkClock(() -> 0L);
  }

  /** Each walk takes a second by the walk clock: far more than any query here pays for. */
  private static void dearWalks() {
    long[] now = {0};
    Detector.walkClock(() -> now[0] += 500_000_000L);
  }

  private static String load(Connection c, int id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select name from walk_item where id = ?")) {
      ps.setInt(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  @Test
  void confirmationsAreDueAtDoublingPointsAtMostMaxGapApart() {
    assertThat(ScopeData.confirmAfter(0)).isEqualTo(1);
    assertThat(ScopeData.confirmAfter(3)).isEqualTo(4);
    assertThat(ScopeData.confirmAfter(4)).isEqualTo(8);
    assertThat(ScopeData.confirmAfter(5)).isEqualTo(8);
    assertThat(ScopeData.confirmAfter(1 << 9)).isEqualTo(1 << 10);
    assertThat(ScopeData.confirmAfter(ScopeData.MAX_GAP - 1)).isEqualTo(ScopeData.MAX_GAP);
    assertThat(ScopeData.confirmAfter(7 * ScopeData.MAX_GAP)).isEqualTo(8 * ScopeData.MAX_GAP);
    assertThat(ScopeData.confirmAfter(7 * ScopeData.MAX_GAP + 5)).isEqualTo(8 * ScopeData.MAX_GAP);
    for (int run = 1; run < 5 * ScopeData.MAX_GAP; run++) {
      int due = ScopeData.confirmAfter(run);
      assertThat(due).isGreaterThan(run);
      assertThat(due - run).isLessThanOrEqualTo(Math.min(run, ScopeData.MAX_GAP));
    }
  }

  /** Walks a 1+50 loop takes when every due confirmation is taken: see ScopeData.confirmAfter. */
  private static int walksOfAFiftyLoopWithFreeWalks(int threshold) {
    // The first execution takes no stack; the second starts the run; then the run of 48.
    int walks = 1;
    int due = ScopeData.confirmAfter(0);
    for (int run = 0; run < 48; run++) {
      if (run < threshold || run >= due) {
        walks++;
        due = ScopeData.confirmAfter(run + 1);
      }
    }
    return walks;
  }

  /** What a test body did in its scope: the scope, and the stack walks it took. */
  private static final class Walked {
    final Scope scope;
    final int walks;

    Walked(Scope scope, int walks) {
      this.scope = scope;
      this.walks = walks;
    }
  }

  private interface Body {
    void run(Connection c) throws SQLException;
  }

  /** Runs {@code body} on a new connection in a scope named {@code name}, counting walks. */
  private static Walked walked(String name, Body body) throws SQLException {
    try (Connection c = DriverManager.getConnection(URL, props("silent"));
        Scope s = NPlusOne.scope(name)) {
      int before = Detector.walks();
      body.run(c);
      return new Walked(s, Detector.walks() - before);
    }
  }

  /** Loads rows 1 to 50, one query each. */
  private static void fiftyLoads(Connection c) throws SQLException {
    for (int id = 1; id <= 50; id++) {
      load(c, id);
    }
  }

  @Test
  void aOnePlusFiftyLoopWalksOnlyAtTheSampledRepeats() throws SQLException {
    freeWalks();
    Walked w = walked("walks", WalkPolicyTest::fiftyLoads);
    // 1 + 3 below the threshold + confirmations at runs 4, 8, 16 and 32.
    assertThat(walksOfAFiftyLoopWithFreeWalks(3)).isEqualTo(8);
    assertThat(w.walks).isEqualTo(8);
    assertFiftyLoop(w.scope);
  }

  @Test
  void confirmationsWaitUntilTheQueriesHavePaidForTheWalk() throws SQLException {
    dearWalks();
    Walked w = walked("dear-walks", WalkPolicyTest::fiftyLoads);
    // Only the walks that make the threshold exact: the run's start and its first three repeats.
    assertThat(w.walks).isEqualTo(4);
    assertFiftyLoop(w.scope);
  }

  private static void assertFiftyLoop(Scope scope) {
    assertThat(scope.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(Finding.Kind.N_PLUS_ONE);
              assertThat(f.executions()).isEqualTo(50);
              assertThat(f.distinctParameterSets()).isEqualTo(50);
            });
  }

  @Test
  void aLoopOverAnotherParentIsWalkedAtItsFirstExecutionHoweverDearTheWalk() throws SQLException {
    dearWalks();
    int[] lines = new int[2];
    Walked w =
        walked(
            "two-parents",
            c -> {
              // Two lists, each read by its own query and then walked row by row from its own
              // line: the second loop's first execution follows another query than the first
              // loop's executions did.
              lines[0] = line() + 2;
              for (int id : parentIds(c, 1, 10)) {
                load(c, id);
              }
              lines[1] = line() + 2;
              for (int id : parentIds(c, 11, 16)) {
                load(c, id);
              }
            });
    Scope scope = w.scope;
    assertThat(scope.findings()).hasSize(2);
    Finding first =
        scope.findings().stream().filter(f -> f.executions() == 10).findFirst().orElseThrow();
    Finding second =
        scope.findings().stream().filter(f -> f.executions() == 6).findFirst().orElseThrow();
    assertThat(first.callSite().get(1).getLineNumber()).isEqualTo(lines[0]);
    assertThat(second.callSite().get(1).getLineNumber()).isEqualTo(lines[1]);
    assertThat(second.distinctParameterSets()).isEqualTo(6);
  }

  @Test
  void aLoopWhoseRowsSometimesRunAnotherQueryWalksLogarithmicallyForIt() throws SQLException {
    dearWalks();
    Walked w =
        walked(
            "irregular",
            c -> {
              for (int id = 1; id <= 50; id++) {
                load(c, id);
                if (id % 2 == 0) {
                  // Every other row runs another query: the next load follows it.
                  parentIds(c, id, id);
                }
              }
            });
    // What comes before the load changes at every row from the third on. The load walks 4 times
    // to reach the threshold; each of those followed a change and found the loop's own site, so
    // the wait before the next such walk grew to 8; then it walks at runs 7, 16 and 33: 7 in all,
    // not 49. The other query, always after a load, walks 4 times for its own run.
    assertThat(w.walks).isEqualTo(7 + 4);
    Finding loop =
        w.scope.findings().stream()
            .filter(f -> f.sql().contains("name from walk_item"))
            .findFirst()
            .orElseThrow();
    assertThat(loop.executions()).isEqualTo(50);
    assertThat(loop.distinctParameterSets()).isEqualTo(50);
  }

  @Test
  void twoCallSitesTakingTurnsSkipTheThresholdWalksOnceBothReachedIt() throws SQLException {
    freeWalks();
    int[] lines = new int[2];
    Walked w =
        walked(
            "taking-turns",
            c -> {
              // Four runs of 16 loads with no other query between: lines A, B, A, B.
              for (int round = 0; round < 4; round++) {
                for (int i = 1; i <= 16; i++) {
                  int id = round * 16 + i;
                  if (round % 2 == 0) {
                    lines[0] = line() + 1;
                    load(c, id);
                  } else {
                    lines[1] = line() + 1;
                    load(c, id);
                  }
                }
              }
            });
    // Executions 1 to 64. Round 1 (A, new): the first takes no stack; walks at executions 2 to 5
    // (the run's start and the three below the threshold) and confirmations at runs 4 and 8
    // (executions 7 and 11): 6. Round 2 (B, new): executions 17 and 18 are counted with A; the
    // confirmation at run 16 (execution 19) finds B and starts its run, which walks at 20, 21 and
    // 22 below the threshold and at runs 4 and 8 (24, 28): 6. Round 3 (A, which already has 18):
    // 33 to 35 are counted with B; the walk at 36 finds A and its run goes on from the threshold,
    // confirmed at runs 4 and 8 (38, 42): 3, where starting over from 0 would walk 6. Round 4 (B,
    // which already has 17): 49 is counted with A; 50 finds B, then runs 4, 8 and 16 (52, 56,
    // 64): 4. 19 walks in all; without the shortcut, 24.
    assertThat(w.walks).isEqualTo(6 + 6 + 3 + 4);
    Finding a = siteFinding(w.scope, lines[0]);
    Finding b = siteFinding(w.scope, lines[1]);
    assertThat(a.kind()).isEqualTo(Finding.Kind.N_PLUS_ONE);
    assertThat(b.kind()).isEqualTo(Finding.Kind.N_PLUS_ONE);
    // A: 16 + 2 + 13 + 1; B: 14 + 3 + 15.
    assertThat(a.executions()).isEqualTo(32);
    assertThat(b.executions()).isEqualTo(32);
  }

  private static Finding siteFinding(Scope scope, int line) {
    return scope.findings().stream()
        .filter(f -> f.callSite().get(1).getLineNumber() == line)
        .findFirst()
        .orElseThrow();
  }

  private static java.util.List<Integer> parentIds(Connection c, int from, int to)
      throws SQLException {
    java.util.List<Integer> ids = new java.util.ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement("select id from walk_item where id between ? and ? order by id")) {
      ps.setInt(1, from);
      ps.setInt(2, to);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getInt(1));
        }
      }
    }
    return ids;
  }

  @Test
  void aLoopAfterALongDuplicateIsNotCountedWithTheDuplicate() throws SQLException {
    int[] lines = new int[2];
    Walked w =
        walked(
            "duplicate-then-loop",
            c -> {
              // Twelve reads of one row from one line: past the walked start of the run, so
              // without the guard the loop's first executions below would be counted with this
              // line.
              lines[0] = line() + 2;
              for (int i = 0; i < 12; i++) {
                load(c, 7);
              }
              lines[1] = line() + 2;
              for (int id = 1; id <= 5; id++) {
                load(c, id);
              }
            });
    Scope scope = w.scope;
    int dupLine = lines[0];
    int loopLine = lines[1];
    assertThat(scope.findings()).hasSize(2);
    Finding dup = find(scope, Finding.Kind.DUPLICATE);
    Finding loop = find(scope, Finding.Kind.N_PLUS_ONE);
    assertThat(dup.executions()).isEqualTo(12);
    assertThat(dup.distinctParameterSets()).isEqualTo(1);
    assertThat(dup.callSite().get(1).getLineNumber()).isEqualTo(dupLine);
    assertThat(loop.executions()).isEqualTo(5);
    assertThat(loop.distinctParameterSets()).isEqualTo(5);
    assertThat(loop.callSite().get(1).getLineNumber()).isEqualTo(loopLine);
  }

  private static Finding find(Scope scope, Finding.Kind kind) {
    return scope.findings().stream().filter(f -> f.kind() == kind).findFirst().orElseThrow();
  }

  private static int line() {
    return new Throwable().getStackTrace()[1].getLineNumber();
  }
}
