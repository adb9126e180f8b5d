package dev.nplusone.internal;

/**
 * The scopes open on one thread, innermost last, and its implicit scope. Touched only by its own
 * thread, except {@link #pending}.
 */
final class ThreadState {
  /** The thread this state belongs to. */
  final Thread thread = Thread.currentThread();

  ScopeData[] stack = new ScopeData[4];
  int depth;

  /** Statements outside any scope; null until the first such statement. */
  ScopeData implicit;

  /**
   * Loops under way when the implicit scope reached its statement limit, for the implicit scope of
   * the thread's next statement ({@link ScopeData#continued}); cleared by any other end.
   */
  java.util.Map<Long, ScopeData.Carry> continued;

  /** Ticker reading of the last statement counted in the implicit scope. */
  long implicitLast;

  /**
   * Findings of an implicit scope that ended with nobody to throw to: thrown before the next
   * statement.
   */
  volatile dev.nplusone.NPlusOneException pending;

  /** Connection checkouts charged on this thread so far: numbers them for churn findings. */
  int checkouts;

  /** The context of the current statement's connection, or null (datasource-proxy listener). */
  JdbcContext context;

  /** This thread's value index, once a statement with value correlation ran here. */
  ValueIndex values;

  /** Whether the current statement's connection traces values (its context's option). */
  boolean correlate;

  /** Notes the connection of the statement being recorded and hands it this thread's index. */
  void statement(ProxyConnection connection) {
    if (connection == null) {
      context = null;
      correlate = false;
      return;
    }
    // A reference that did not change is not stored again: on JDK 17, G1's write barrier takes a
    // StoreLoad fence for each store of a reference into a long-lived object from another region.
    JdbcContext c = connection.context;
    if (context != c) {
      context = c;
    }
    correlate = c.valueCorrelation;
    if (c.valueCorrelation) {
      ValueIndex v = values;
      if (v == null) {
        v = ValueIndex.current();
        values = v;
      }
      if (connection.valueIndex != v) {
        connection.valueIndex = v;
      }
    }
  }

  /** The current statement's call site, taken at most once per statement. */
  private CallSite site;

  /** Hash of the shape of the thread's previous statement, then of the current one; 0 before. */
  long predecessor;

  private long lastShape;

  /**
   * A run's first executions timed each, after which one in {@link #TIME_EVERY} is: see {@link
   * #estimates}.
   */
  static final int TIMED_RUN = 16;

  /** In a run past {@link #TIMED_RUN}, one execution in this many is timed; a power of two. */
  static final int TIME_EVERY = 8;

  /** Statements of the shape {@link #lastShape} that ran back to back on this thread, so far. */
  private long run;

  /** The timed executions of that run, their time, and its mean. */
  private long runTimed;

  private long runNanos;
  private long runMean;

  /** Whether the current statement's time is {@link #runMean}, not read off the clock. */
  private boolean estimated;

  /**
   * Whether the statement of the shape hashed {@code shape} that just ran on this thread takes
   * {@link #runMean} as its time instead of a second clock read: when it continues a run of that
   * shape back to back past its first {@value #TIMED_RUN} executions, except every {@value
   * #TIME_EVERY}th. So a long loop of one statement reads the clock once per execution (at its
   * start, which the implicit scope's idle gap needs), and its time is the mean of the timed ones,
   * sampled at an even stride across the loop.
   */
  boolean estimates(long shape) {
    long n = run;
    if (shape == lastShape
        && n >= TIMED_RUN
        && (n & (TIME_EVERY - 1)) != 0
        && thread == Thread.currentThread()) {
      estimated = true;
      return true;
    }
    return false;
  }

  /** The time taken as the current statement's when {@link #estimates} said so. */
  long runMean() {
    return runMean;
  }

  /**
   * Times the next statements each again, as at the start of a run: a scope began or ended, and
   * each scope's times are its own.
   */
  void restartRun() {
    run = 0;
    runTimed = 0;
    runNanos = 0;
  }

  /** Starts recording a statement of the shape hashed {@code shape} that took {@code nanos}. */
  void newStatement(long shape, long nanos) {
    site = null;
    predecessor = lastShape;
    if (shape != lastShape) {
      lastShape = shape;
      restartRun();
    }
    run++;
    if (estimated) {
      estimated = false;
    } else {
      runNanos += nanos;
      runTimed++;
      // Only estimates read the mean, and only past a run's first TIMED_RUN executions: the
      // division is left to the timed executions from there.
      if (run >= TIMED_RUN) {
        runMean = runNanos / runTimed;
      }
    }
  }

  /** The current statement's call site if a scope already took it, else null. */
  CallSite siteIfTaken() {
    return site;
  }

  /** Stack walks taken on this thread: tests count them to check the sampling policy. */
  int walks;

  /**
   * How long the thread's last stack walk took, in nanoseconds: what a walk costs on this thread's
   * call paths, weighed against the queries' time before confirming a run's call site.
   */
  long walkNanos;

  /** This thread's confirming walk function, made on its first confirmation. */
  private CallSite.Confirmation confirmation;

  /**
   * The current statement's call site, walked at most once per statement; {@code expected}, when
   * given, is the site the caller expects (a run's), confirmed without reading method names.
   */
  CallSite callSite(CallSite.Rules rules, CallSite expected) {
    CallSite s = site;
    if (s == null) {
      long start = Detector.walkClock();
      if (expected == null) {
        s = CallSite.capture(rules);
      } else {
        CallSite.Confirmation c = confirmation;
        if (c == null) {
          c = new CallSite.Confirmation();
          confirmation = c;
        }
        s = CallSite.confirm(rules, expected, c);
      }
      walkNanos = Detector.walkClock() - start;
      site = s;
      walks++;
    }
    return s;
  }

  void push(ScopeData s) {
    restartRun();
    compact();
    if (depth == stack.length) {
      stack = java.util.Arrays.copyOf(stack, depth * 2);
    }
    stack[depth++] = s;
  }

  boolean contains(ScopeData s) {
    for (int i = 0; i < depth; i++) {
      if (stack[i] == s) {
        return true;
      }
    }
    return false;
  }

  /** Removes {@code s}, wherever it is; returns its index, or -1. */
  int remove(ScopeData s) {
    for (int i = depth - 1; i >= 0; i--) {
      if (stack[i] == s) {
        if (thread == Thread.currentThread()) {
          restartRun();
        }
        System.arraycopy(stack, i + 1, stack, i, depth - i - 1);
        stack[--depth] = null;
        return i;
      }
    }
    return -1;
  }

  /** Drops scopes closed from another thread. */
  private void compact() {
    int j = 0;
    for (int i = 0; i < depth; i++) {
      if (!stack[i].closed) {
        stack[j++] = stack[i];
      }
    }
    for (int i = j; i < depth; i++) {
      stack[i] = null;
    }
    depth = j;
  }
}
