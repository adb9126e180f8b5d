package dev.nplusone.internal;

import dev.nplusone.Finding;
import dev.nplusone.NPlusOneException;
import dev.nplusone.PoolFigures;
import java.util.List;

/**
 * Lets the detector make public API objects whose constructors are not public. {@link Finding}
 * installs the only implementation when it loads.
 */
public abstract class Bridge {
  private static volatile Bridge instance;

  /** For {@link Finding} only. */
  protected Bridge() {}

  /** Called once by {@link Finding}'s static initializer. */
  public static void install(Bridge bridge) {
    instance = bridge;
  }

  static Bridge get() {
    Bridge b = instance;
    if (b == null) {
      try {
        Class.forName("dev.nplusone.Finding", true, Bridge.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("dev.nplusone.Finding is missing", e);
      }
      b = instance;
    }
    return b;
  }

  /** A new finding. */
  public abstract Finding finding(
      Finding.Kind kind,
      String sql,
      String exampleSql,
      int executions,
      int distinctParameterSets,
      boolean distinctCapped,
      long totalNanos,
      List<StackTraceElement> callSite,
      String scopeName);

  /** A copy of {@code f} carrying {@code pool}, with {@code line} appended to its message. */
  public abstract Finding withPool(Finding f, PoolFigures pool, String line);

  /** A new pool finding ({@code SLOW_ACQUIRE}, {@code CONNECTION_CHURN}, …). */
  public abstract Finding poolFinding(
      Finding.Kind kind,
      String sql,
      int executions,
      long totalNanos,
      List<StackTraceElement> callSite,
      String scopeName,
      PoolFigures pool,
      String message);

  /** New pool figures of a scope. */
  public abstract PoolFigures poolFigures(
      long acquires,
      long timeouts,
      long totalWaitNanos,
      long maxWaitNanos,
      long totalHoldNanos,
      int queryCheckouts);

  /** {@code finding} with {@code suggestion} added. */
  public abstract Finding withSuggestion(Finding finding, dev.nplusone.Suggestion suggestion);

  /** A new suggestion; see {@link dev.nplusone.Suggestion} for what each part means. */
  public abstract dev.nplusone.Suggestion suggestion(
      String parentSql,
      dev.nplusone.Suggestion.Evidence evidence,
      String joinColumns,
      String joinRewrite,
      String batchRewrite,
      List<String> ormHints,
      List<String> indexes,
      List<String> notes);

  /** A new exception carrying {@code findings}. */
  public abstract NPlusOneException exception(String scopeName, List<Finding> findings);
}
