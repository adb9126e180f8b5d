package dev.nplusone;

import dev.nplusone.internal.Bridge;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One repeated query that a scope saw: which query, how often, with how many different values, how
 * long in total, and from where. Immutable.
 *
 * <p>A finding reports what was observed, not a verdict: "the same query ran 50 times with 50
 * different value sets". Executions are grouped per query shape and call site; the first execution
 * of a shape in a scope carries no stack trace (stacks are only taken once a shape repeats), so it
 * is counted with the call site of the second.
 */
public final class Finding {
  /** What kind of repetition a finding is. */
  public enum Kind {
    /**
     * One query shape ran at least {@code nplusone.threshold} times from one call site with at
     * least two different value sets, one value set per execution: the classic 1+N loop.
     */
    N_PLUS_ONE,
    /** One query shape ran repeatedly from one call site with the very same values each time. */
    DUPLICATE,
    /**
     * One INSERT, UPDATE, DELETE or MERGE ran once per row from one call site instead of in a JDBC
     * batch.
     */
    PER_ROW_WRITE,
    /**
     * A scope waited at least {@code nplusone.pool.slow-acquire} for one pooled connection while
     * the pool was busy (other threads waiting, or every connection in use), so the slow connect of
     * an idle pool warming up is not one. {@link #executions()} is the scope's checkouts, {@link
     * #totalTime()} their summed wait, {@link #sql()} is empty.
     */
    SLOW_ACQUIRE,
    /**
     * A checkout of the scope timed out: the pool had no connection to give within its connection
     * timeout. {@link #executions()} is the number of timeouts, {@link #sql()} is empty.
     */
    POOL_EXHAUSTED,
    /**
     * The pool's peak of connections in use reached {@code nplusone.pool.utilization-limit} percent
     * of its maximum size; reported once per pool, by the first scope that used it afterwards.
     */
    POOL_UTILIZATION,
    /**
     * A repeated query of the scope ran on at least {@code nplusone.threshold} separate connection
     * checkouts: one pool checkout per row, as a loop over a JdbcTemplate without a transaction
     * does. {@link #executions()} is the number of checkouts.
     */
    CONNECTION_CHURN
  }

  static {
    Bridge.install(
        new Bridge() {
          @Override
          public Finding finding(
              Kind kind,
              String sql,
              String exampleSql,
              int executions,
              int distinctParameterSets,
              boolean distinctCapped,
              long totalNanos,
              List<StackTraceElement> callSite,
              String scopeName) {
            return new Finding(
                kind,
                sql,
                exampleSql,
                executions,
                distinctParameterSets,
                distinctCapped,
                Duration.ofNanos(totalNanos),
                callSite,
                scopeName);
          }

          @Override
          public Finding withPool(Finding f, PoolFigures pool, String line) {
            return new Finding(
                f.kind,
                f.sql,
                f.exampleSql,
                f.executions,
                f.distinctParameterSets,
                f.distinctCapped,
                f.totalTime,
                f.callSite,
                f.scopeName,
                f.suggestion,
                pool,
                f.givenMessage,
                f.messageLines + line);
          }

          @Override
          public Finding poolFinding(
              Kind kind,
              String sql,
              int executions,
              long totalNanos,
              List<StackTraceElement> callSite,
              String scopeName,
              PoolFigures pool,
              String message) {
            return new Finding(
                kind,
                sql,
                sql,
                executions,
                0,
                false,
                Duration.ofNanos(totalNanos),
                callSite,
                scopeName,
                null,
                pool,
                message,
                "");
          }

          @Override
          public PoolFigures poolFigures(
              long acquires,
              long timeouts,
              long totalWaitNanos,
              long maxWaitNanos,
              long totalHoldNanos,
              int queryCheckouts) {
            return new PoolFigures(
                acquires, timeouts, totalWaitNanos, maxWaitNanos, totalHoldNanos, queryCheckouts);
          }

          @Override
          public Finding withSuggestion(Finding f, Suggestion suggestion) {
            return new Finding(f, suggestion);
          }

          @Override
          public Suggestion suggestion(
              String parentSql,
              Suggestion.Evidence evidence,
              String joinColumns,
              String joinRewrite,
              String batchRewrite,
              List<String> ormHints,
              List<String> indexes,
              List<String> notes) {
            return new Suggestion(
                parentSql,
                evidence,
                joinColumns,
                joinRewrite,
                batchRewrite,
                ormHints,
                indexes,
                notes);
          }

          @Override
          public NPlusOneException exception(String scopeName, List<Finding> findings) {
            return new NPlusOneException(scopeName, findings);
          }
        });
  }

  private final Kind kind;
  private final String sql;
  private final String exampleSql;
  private final int executions;
  private final int distinctParameterSets;
  private final boolean distinctCapped;
  private final Duration totalTime;
  private final List<StackTraceElement> callSite;
  private final String scopeName;
  private final Suggestion suggestion;
  private final PoolFigures pool;

  /** The message given by pool findings, or null to build it from the rest. */
  private final String givenMessage;

  /** Lines appended to the message (pool figures). */
  private final String messageLines;

  /**
   * The message, built on first read: a scope that is not logged and whose findings nobody reads
   * (mode silent) never formats one. Racy but safe: a String is immutable, any thread builds the
   * same one.
   */
  private String message;

  private Finding(
      Kind kind,
      String sql,
      String exampleSql,
      int executions,
      int distinctParameterSets,
      boolean distinctCapped,
      Duration totalTime,
      List<StackTraceElement> callSite,
      String scopeName) {
    this(
        kind,
        sql,
        exampleSql,
        executions,
        distinctParameterSets,
        distinctCapped,
        totalTime,
        callSite,
        scopeName,
        null,
        null,
        null,
        "");
  }

  /** {@code base} with {@code suggestion} added; suggestions are added before pool figures. */
  private Finding(Finding base, Suggestion suggestion) {
    this(
        base.kind,
        base.sql,
        base.exampleSql,
        base.executions,
        base.distinctParameterSets,
        base.distinctCapped,
        base.totalTime,
        base.callSite,
        base.scopeName,
        suggestion,
        base.pool,
        null,
        "");
  }

  /**
   * A finding with everything; {@code givenMessage} null builds the message from the rest when it
   * is first read (pool findings bring their own), {@code messageLines} is appended to it.
   */
  private Finding(
      Kind kind,
      String sql,
      String exampleSql,
      int executions,
      int distinctParameterSets,
      boolean distinctCapped,
      Duration totalTime,
      List<StackTraceElement> callSite,
      String scopeName,
      Suggestion suggestion,
      PoolFigures pool,
      String givenMessage,
      String messageLines) {
    this.kind = kind;
    this.sql = sql;
    this.exampleSql = exampleSql;
    this.executions = executions;
    this.distinctParameterSets = distinctParameterSets;
    this.distinctCapped = distinctCapped;
    this.totalTime = totalTime;
    this.callSite = List.copyOf(callSite);
    this.scopeName = scopeName;
    this.suggestion = suggestion;
    this.pool = pool;
    this.givenMessage = givenMessage;
    this.messageLines = messageLines;
  }

  /** The kind of repetition seen. */
  public Kind kind() {
    return kind;
  }

  /** The normalized SQL of the repeated query: literals replaced by {@code ?}, no values. */
  public String sql() {
    return sql;
  }

  /**
   * One of the statements as it ran: the SQL with {@code ?} markers, or with the bind values of one
   * execution put in their place when {@code nplusone.log-parameters=true}.
   */
  public String exampleSql() {
    return exampleSql;
  }

  /**
   * How many times the query ran from this call site in the scope carrying one value set each: JDBC
   * batches and executions binding a list or an array are not counted.
   */
  public int executions() {
    return executions;
  }

  /**
   * How many different sets of bind values (and inlined literals) those executions used; counting
   * stops at {@code nplusone.scope.max-value-sets}, so the true number may be higher then.
   */
  public int distinctParameterSets() {
    return distinctParameterSets;
  }

  /**
   * The time the database took for every execution of the query from this call site, summed. In a
   * run of one prepared statement back to back on a thread, past the run's first 16 executions in a
   * scope, one execution in 8 is timed and the others count at the mean of the run's timed ones: an
   * estimate that spares each of them a clock read.
   */
  public Duration totalTime() {
    return totalTime;
  }

  /**
   * The application frames the query ran from, innermost first: frames of the JDK, JDBC drivers,
   * pools, Spring, Hibernate, generated proxies and nplusone itself are left out, and at most
   * {@code nplusone.call-site.depth} frames are kept. Empty when no application frame was found.
   */
  public List<StackTraceElement> callSite() {
    return callSite;
  }

  /**
   * The name of the scope the finding was made in: the explicit scope's name, {@code transaction}
   * or {@code implicit}.
   */
  public String scopeName() {
    return scopeName;
  }

  /**
   * How to fix an {@link Kind#N_PLUS_ONE} finding: the parent query, a join and a batch rewrite,
   * ORM hints and missing indexes; null for other kinds and when suggestions failed.
   */
  public Suggestion suggestion() {
    return suggestion;
  }

  /** A description for people: what ran, how often, with how many values, and from where. */
  public String message() {
    String m = message;
    if (m == null) {
      m = (givenMessage != null ? givenMessage : buildMessage()) + messageLines;
      message = m;
    }
    return m;
  }

  /**
   * What the finding's scope took from the connection pool (checkouts, waits, hold time, timeouts),
   * or null when the scope's connections did not come through a tracked pool.
   */
  public PoolFigures pool() {
    return pool;
  }

  @Override
  public String toString() {
    return message();
  }

  private String buildMessage() {
    StringBuilder b = new StringBuilder(256);
    String values =
        (distinctCapped ? "at least " : "")
            + distinctParameterSets
            + (distinctParameterSets == 1 ? " value set" : " different value sets");
    long ms = totalTime.toMillis();
    String time =
        ms > 0 ? ms + " ms" : String.format(Locale.ROOT, "%.3f ms", totalTime.toNanos() / 1e6);
    switch (kind) {
      case N_PLUS_ONE:
        b.append("N+1 query: the same query ran ")
            .append(executions)
            .append(" times from one call site with ")
            .append(values)
            .append(", one per execution");
        break;
      case DUPLICATE:
        b.append("Duplicate query: the same query with the same values ran ")
            .append(executions)
            .append(" times from one call site");
        break;
      case PER_ROW_WRITE:
        b.append("Per-row write: the same statement ran ")
            .append(executions)
            .append(" times from one call site with ")
            .append(values)
            .append(", one statement per row rather than one JDBC batch");
        break;
      default:
        throw new AssertionError(kind);
    }
    b.append(" (").append(time).append(" in total) in scope '").append(scopeName).append("'");
    b.append("\n    sql:   ").append(sql);
    if (!exampleSql.equals(sql)) {
      b.append("\n    e.g.:  ").append(exampleSql);
    }
    if (callSite.isEmpty()) {
      b.append("\n    where: no application frame on the stack");
    } else {
      String prefix = "\n    where: ";
      for (StackTraceElement e : callSite) {
        b.append(prefix).append(e);
        prefix = "\n           ";
      }
    }
    if (suggestion != null) {
      b.append(suggestion.describe());
    }
    return b.toString();
  }
}
