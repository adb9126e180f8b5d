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
 * When the detector walks the stack: every repeat until a call site's run passes the threshold,
 * then at doubling intervals, and whenever counting without a walk would turn a duplicate into a
 * per-row pattern. Over a real H2 connection through the driver.
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
  void everyRunUpToTheThresholdWalksThenOnlyPowersOfTwo() {
    for (int threshold = 1; threshold <= 20; threshold++) {
      for (int run = 0; run <= threshold; run++) {
        assertThat(ScopeData.walkAt(run, threshold)).isTrue();
      }
      int last = threshold;
      for (int run = threshold + 1; run < 5 * ScopeData.MAX_GAP; run++) {
        if (ScopeData.walkAt(run, threshold)) {
          assertThat(run - last).isLessThanOrEqualTo(Math.max(last, 1));
          assertThat(run - last).isLessThanOrEqualTo(ScopeData.MAX_GAP);
          last = run;
        }
      }
    }
    assertThat(ScopeData.walkAt(1 << 9, 3)).isTrue();
    assertThat(ScopeData.walkAt((1 << 9) + 1, 3)).isFalse();
    assertThat(ScopeData.walkAt(7 * ScopeData.MAX_GAP, 3)).isTrue();
  }

  @Test
  void aOnePlusFiftyLoopWalksOnlyAtTheSampledRepeats() throws SQLException {
    Scope scope;
    int before;
    int after;
    try (Connection c = DriverManager.getConnection(URL, props("silent"));
        Scope s = NPlusOne.scope("walks")) {
      scope = s;
      before = Detector.walks();
      for (int id = 1; id <= 50; id++) {
        load(c, id);
      }
      after = Detector.walks();
    }
    // The first execution takes no stack; the second starts the run; the run of the 48 after
    // it walks where walkAt says.
    int expected = 1;
    for (int run = 0; run < 48; run++) {
      expected += ScopeData.walkAt(run, 3) ? 1 : 0;
    }
    assertThat(after - before).isEqualTo(expected).isLessThan(12);
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
  void aLoopAfterALongDuplicateIsNotCountedWithTheDuplicate() throws SQLException {
    Scope scope;
    int dupLine;
    int loopLine;
    try (Connection c = DriverManager.getConnection(URL, props("silent"));
        Scope s = NPlusOne.scope("duplicate-then-loop")) {
      scope = s;
      // Twelve reads of one row from one line: past the walked start of the run, so without the
      // guard the loop's first executions below would be counted with this line.
      dupLine = line() + 2;
      for (int i = 0; i < 12; i++) {
        load(c, 7);
      }
      loopLine = line() + 2;
      for (int id = 1; id <= 5; id++) {
        load(c, id);
      }
    }
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
