package dev.nplusone.junit;

import dev.nplusone.Finding;
import dev.nplusone.Scope;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The statements one test body ran so far, live while it runs and final after it: counts per kind
 * and per normalized SQL, and the repeated queries found. Inject it as a test method parameter and
 * check it with {@link NPlusOneAssertions#assertThat(StatementRecording)}.
 */
public final class StatementRecording {
  /** The kind of a statement, from its first keyword. */
  public enum Kind {
    /** {@code SELECT}, or a query starting with {@code WITH}. */
    SELECT,
    /** {@code INSERT}. */
    INSERT,
    /** {@code UPDATE}. */
    UPDATE,
    /** {@code DELETE}. */
    DELETE,
    /** Anything else: {@code MERGE}, {@code CALL}, DDL, {@code SET}. */
    OTHER;

    /** The kind of a normalized statement. */
    static Kind of(String sql) {
      int i = 0;
      int n = sql.length();
      while (i < n && (Character.isWhitespace(sql.charAt(i)) || sql.charAt(i) == '(')) {
        i++;
      }
      int j = i;
      while (j < n && Character.isLetter(sql.charAt(j))) {
        j++;
      }
      switch (sql.substring(i, j).toUpperCase(Locale.ROOT)) {
        case "SELECT":
        case "WITH":
        case "VALUES":
        case "TABLE":
          return SELECT;
        case "INSERT":
          return INSERT;
        case "UPDATE":
          return UPDATE;
        case "DELETE":
          return DELETE;
        default:
          return OTHER;
      }
    }
  }

  private final String testName;
  private final Scope scope;
  private final Path baseline;

  StatementRecording(String testName, Scope scope, Path baseline) {
    this.testName = testName;
    this.scope = scope;
    this.baseline = baseline;
  }

  /** The baseline file of the test, named in failure messages. */
  Path baseline() {
    return baseline;
  }

  /** The recorded test, as {@code ClassName.method()}. */
  public String testName() {
    return testName;
  }

  /**
   * The number of statements per normalized SQL, most first: a JDBC batch counts once, and so does
   * a statement of a shape beyond {@code nplusone.scope.max-fingerprints} (not at all).
   */
  public Map<String, Long> statementCounts() {
    return scope.statementCounts();
  }

  /** The number of statements of {@code kind}. */
  public long count(Kind kind) {
    long n = 0;
    for (Map.Entry<String, Long> e : statementCounts().entrySet()) {
      if (Kind.of(e.getKey()) == kind) {
        n += e.getValue();
      }
    }
    return n;
  }

  /** The number of statements of every kind. */
  public long totalCount() {
    long n = 0;
    for (long c : statementCounts().values()) {
      n += c;
    }
    return n;
  }

  /**
   * The repeated queries found, most executions first, whether or not they are allowed or in the
   * baseline.
   */
  public List<Finding> findings() {
    return scope.findings();
  }

  @Override
  public String toString() {
    return "StatementRecording[" + testName + ": " + totalCount() + " statements]";
  }
}
