package dev.nplusone.junit;

import dev.nplusone.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.opentest4j.AssertionFailedError;

/**
 * Fluent assertions over a {@link StatementRecording}, for checks in the middle of a test or finer
 * than {@link ExpectStatements}: {@code assertThat(recording).hasNoNPlusOne().hasSelectCount(1)}.
 * They fail with an opentest4j {@link AssertionFailedError} that lists the statements run.
 */
public final class NPlusOneAssertions {
  private NPlusOneAssertions() {}

  /**
   * Starts assertions on {@code recording}.
   *
   * @throws NullPointerException if {@code recording} is null
   */
  public static RecordingAssert assertThat(StatementRecording recording) {
    return new RecordingAssert(Objects.requireNonNull(recording, "recording"));
  }

  /** Assertions on one recording; each returns this assertion for chaining. */
  public static final class RecordingAssert {
    private final StatementRecording actual;

    RecordingAssert(StatementRecording actual) {
      this.actual = actual;
    }

    /**
     * Asserts that no N+1 was found, ignoring {@link AllowNPlusOne} and the baseline; duplicates
     * and per-row writes are not checked.
     */
    public RecordingAssert hasNoNPlusOne() {
      List<Finding> found = new ArrayList<>();
      for (Finding f : actual.findings()) {
        if (f.kind() == Finding.Kind.N_PLUS_ONE) {
          found.add(f);
        }
      }
      return none(found);
    }

    /** Asserts that no repeated query of any kind was found, ignoring allowances and baseline. */
    public RecordingAssert hasNoFindings() {
      return none(actual.findings());
    }

    private RecordingAssert none(List<Finding> found) {
      if (!found.isEmpty()) {
        throw new AssertionFailedError(
            Reports.findings(actual.testName(), found, actual.baseline()));
      }
      return this;
    }

    /** Asserts exactly {@code expected} SELECT statements ran. */
    public RecordingAssert hasSelectCount(long expected) {
      return hasCount(StatementRecording.Kind.SELECT, expected);
    }

    /** Asserts exactly {@code expected} INSERT statements ran. */
    public RecordingAssert hasInsertCount(long expected) {
      return hasCount(StatementRecording.Kind.INSERT, expected);
    }

    /** Asserts exactly {@code expected} UPDATE statements ran. */
    public RecordingAssert hasUpdateCount(long expected) {
      return hasCount(StatementRecording.Kind.UPDATE, expected);
    }

    /** Asserts exactly {@code expected} DELETE statements ran. */
    public RecordingAssert hasDeleteCount(long expected) {
      return hasCount(StatementRecording.Kind.DELETE, expected);
    }

    /** Asserts exactly {@code expected} statements of every kind ran. */
    public RecordingAssert hasTotalCount(long expected) {
      return check(null, expected, actual.totalCount(), false);
    }

    /**
     * Asserts exactly {@code expected} statements of {@code kind} ran.
     *
     * @throws NullPointerException if {@code kind} is null
     */
    public RecordingAssert hasCount(StatementRecording.Kind kind, long expected) {
      Objects.requireNonNull(kind, "kind");
      return check(kind, expected, actual.count(kind), false);
    }

    /** Asserts at most {@code max} SELECT statements ran. */
    public RecordingAssert hasSelectCountAtMost(long max) {
      return hasCountAtMost(StatementRecording.Kind.SELECT, max);
    }

    /** Asserts at most {@code max} statements of every kind ran. */
    public RecordingAssert hasTotalCountAtMost(long max) {
      return check(null, max, actual.totalCount(), true);
    }

    /**
     * Asserts at most {@code max} statements of {@code kind} ran.
     *
     * @throws NullPointerException if {@code kind} is null
     */
    public RecordingAssert hasCountAtMost(StatementRecording.Kind kind, long max) {
      Objects.requireNonNull(kind, "kind");
      return check(kind, max, actual.count(kind), true);
    }

    private RecordingAssert check(
        StatementRecording.Kind kind, long expected, long count, boolean max) {
      if (expected < 0) {
        throw new IllegalArgumentException(
            "an expected statement count must be at least 0, got " + expected);
      }
      if (max ? count > expected : count != expected) {
        String line = Reports.countLine(kind, expected, count, max);
        throw new AssertionFailedError(
            Reports.budget(actual.testName() + ": " + line, List.of(), actual, null),
            expected,
            count);
      }
      return this;
    }
  }
}
