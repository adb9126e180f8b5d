package dev.nplusone;

import static dev.nplusone.DetectDatabaseTest.loadAuthor;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Call sites are compared by class, method and line, whatever the bytecode index the walk keys its
 * frames by; and remembered scope options follow system properties and the caller's map.
 */
class CallSiteIdentityTest {
  private static int next;
  private static final List<Integer> callerBcis = new ArrayList<>();

  @BeforeEach
  @AfterEach
  void reset() {
    NPlusOne.flush();
    System.clearProperty("nplusone.threshold");
  }

  @Test
  void twoCallsOnOneLineAreOneCallSite() throws Exception {
    Scope scope;
    try (Scope s = NPlusOne.scope("one-line", Map.of("mode", "silent"));
        Connection c = DetectScopeTest.h2()) {
      scope = s;
      for (int i = 1; i <= 3; i++) {
        String pair = loadAuthor(c, i) + loadAuthor(c, i + 3);
        assertThat(pair).isNotEmpty();
      }
    }
    // Two invoke instructions, two bytecode indexes, one line: one call site, as before.
    assertThat(scope.findings()).singleElement().extracting(Finding::executions).isEqualTo(6);
  }

  @Test
  void overloadsCallingAtTheSameBytecodeIndexAreTwoCallSites() throws Exception {
    callerBcis.clear();
    Scope scope;
    try (Scope s = NPlusOne.scope("overloads", Map.of("mode", "silent", "call-site.depth", "3"));
        Connection c = DetectScopeTest.h2()) {
      scope = s;
      for (int i = 0; i < 4; i++) {
        viaOverload(c, "tag");
      }
      for (int i = 0; i < 4; i++) {
        viaOverload(c, (Object) "tag");
      }
    }
    // The precondition that makes this test mean something: same method name, same index.
    assertThat(callerBcis).hasSize(8).containsOnly(callerBcis.get(0));
    List<Finding> findings = scope.findings();
    assertThat(findings).hasSize(2);
    assertThat(findings.get(0).callSite().get(2).getLineNumber())
        .isNotEqualTo(findings.get(1).callSite().get(2).getLineNumber());
    assertThat(findings).extracting(Finding::executions).containsExactly(4, 4);
  }

  static void viaOverload(Connection c, String tag) throws SQLException {
    loadNext(c);
  }

  static void viaOverload(Connection c, Object tag) throws SQLException {
    loadNext(c);
  }

  private static void loadNext(Connection c) throws SQLException {
    callerBcis.add(
        StackWalker.getInstance()
            .walk(s -> s.skip(1).findFirst().orElseThrow().getByteCodeIndex()));
    loadAuthor(c, 1 + next++ % 10);
  }

  @Test
  void rememberedScopeOptionsFollowSystemPropertiesAndTheCallersMap() throws Exception {
    Map<String, String> options = new HashMap<>(Map.of("mode", "silent"));
    assertThat(loopFindings(options)).isEqualTo(1);
    System.setProperty("nplusone.threshold", "50");
    assertThat(loopFindings(options)).as("system property set after first use").isZero();
    System.clearProperty("nplusone.threshold");
    assertThat(loopFindings(options)).as("system property cleared").isEqualTo(1);
    options.put("threshold", "50");
    assertThat(loopFindings(options)).as("the caller's map changed").isZero();
    options.put("threshold", "3");
    assertThat(loopFindings(options)).isEqualTo(1);
  }

  private static int loopFindings(Map<String, String> options) throws SQLException {
    Scope scope;
    try (Scope s = NPlusOne.scope("remembered", options);
        Connection c = DetectScopeTest.h2()) {
      scope = s;
      for (int id = 1; id <= 4; id++) {
        loadAuthor(c, id);
      }
    }
    return scope.findings().size();
  }
}
