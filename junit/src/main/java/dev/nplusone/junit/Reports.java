package dev.nplusone.junit;

import dev.nplusone.Finding;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The failure messages of the extension and the assertions. */
final class Reports {
  private Reports() {}

  /**
   * One count check: {@code expected 1 SELECT but 51 ran (+50)}, or {@code expected at most ...};
   * {@code what} is a kind, or null for all statements.
   */
  static String countLine(StatementRecording.Kind what, long expected, long actual, boolean max) {
    long diff = actual - expected;
    return "expected "
        + (max ? "at most " : "")
        + expected
        + " "
        + (what == null ? (expected == 1 ? "statement" : "statements") : what.name())
        + " but "
        + actual
        + " ran ("
        + (diff > 0 ? "+" : "")
        + diff
        + ")";
  }

  /** The statements run, one line per normalized SQL with its count, most first. */
  static String statements(StatementRecording r) {
    Map<String, Long> counts = r.statementCounts();
    long total = 0;
    int width = 1;
    for (long c : counts.values()) {
      total += c;
      width = Math.max(width, Long.toString(c).length());
    }
    StringBuilder b = new StringBuilder();
    b.append("Statements run (").append(total).append(")").append(counts.isEmpty() ? "." : ":");
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      String c = Long.toString(e.getValue());
      b.append("\n  ").append(" ".repeat(width - c.length())).append(c).append(" × ");
      b.append(e.getKey());
    }
    return b.toString();
  }

  /** The message for count checks that failed: the diffs, then the statements run. */
  static String budget(String header, List<String> failed, StatementRecording r, String advice) {
    StringBuilder b = new StringBuilder(header);
    for (String f : failed) {
      b.append("\n  ").append(f);
    }
    b.append('\n').append(statements(r));
    if (advice != null) {
      b.append('\n').append(advice);
    }
    return b.toString();
  }

  /**
   * The message for findings that fail a test: each finding as the detector describes it (SQL,
   * counts, call site and, once the detector writes them, parent query and rewrite) with its
   * baseline line, then what to change per kind and how to suppress it.
   */
  static String findings(String testName, List<Finding> findings, Path baseline) {
    StringBuilder b = new StringBuilder();
    b.append(testName)
        .append(" ran ")
        .append(findings.size())
        .append(findings.size() == 1 ? " repeated query:" : " repeated queries:");
    Set<Finding.Kind> kinds = EnumSet.noneOf(Finding.Kind.class);
    int i = 1;
    for (Finding f : findings) {
      kinds.add(f.kind());
      b.append("\n\n").append(i++).append(") ").append(f.message());
      b.append("\n    baseline: ").append(Baseline.line(f));
    }
    b.append("\n\nTo fix:");
    if (kinds.contains(Finding.Kind.N_PLUS_ONE)) {
      b.append(
          "\n  N+1: load the related rows with the first query (a JOIN) or in one more query"
              + " (IN (…) over the keys, a batch fetch), not one query per row.");
    }
    if (kinds.contains(Finding.Kind.DUPLICATE)) {
      b.append("\n  Duplicate: run the query once and reuse its result.");
    }
    if (kinds.contains(Finding.Kind.PER_ROW_WRITE)) {
      b.append(
          "\n  Per-row write: send the rows as one JDBC batch (addBatch, executeBatch) or one"
              + " multi-row statement.");
    }
    b.append("\nTo accept it: annotate the test or its class with @AllowNPlusOne(reason = \"…\"),")
        .append(" or add its baseline line to ")
        .append(baseline)
        .append(" (-Dnplusone.baseline.write=true adds every current finding).");
    return b.toString();
  }
}
