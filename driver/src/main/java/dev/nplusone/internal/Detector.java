package dev.nplusone.internal;

import dev.nplusone.Finding;
import dev.nplusone.NPlusOneException;
import dev.nplusone.NPlusOneListener;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detector: counts statements per scope and reports repeated queries when a scope ends.
 *
 * <h2>Design</h2>
 *
 * <p><b>Scopes.</b> Each thread has a stack of open scopes ({@link ThreadState}): explicit ones
 * ({@code NPlusOne.scope}) and one per JDBC transaction, opened before the first statement that
 * runs with auto-commit off and ended by {@code commit}, {@code rollback}, {@code
 * setAutoCommit(true)} or {@code close}. A statement counts in every scope on its thread's stack.
 * When a scope ends, the findings it reports are handed to the scopes below it on the stack, which
 * list them in their findings but do not report them again. An explicit scope attached to other
 * threads ({@code Scope.attach}) is on their stacks too, and is then updated under its monitor; the
 * other scopes are touched by one thread only. An explicit scope attached to all threads ({@code
 * Scope.attachAllThreads}) sits in a copy-on-write array read once per statement (empty, and so
 * free, unless a test asks for it) and counts every thread's statements, under its monitor, unless
 * the thread has it on its stack already.
 *
 * <p><b>Implicit scope.</b> A statement on a thread with no scope open counts in the thread's
 * implicit scope. It ends, is analysed and reported: before the next statement of the thread when
 * more than {@code nplusone.implicit-scope.idle} has passed since the previous one (measured with
 * an injectable ticker); after {@code nplusone.implicit-scope.max-statements} statements; when the
 * thread opens an explicit scope or a transaction; and on {@code NPlusOne.flush()}. The one that
 * takes over right after the statement limit goes on with the loops under way ({@link
 * ScopeData.Carry}); an idle gap, a scope or a transaction in between forgets them. So a loop that
 * takes one pooled connection per row is caught, while the unrelated work of a long-lived thread,
 * separated by quiet gaps, is not merged. There is no background sweeper: the last burst of a
 * thread that goes quiet for good is reported only by {@code NPlusOne.flush()}.
 *
 * <p><b>Fingerprints.</b> Per scope, an open-addressing table keyed by the shape's 64-bit hash
 * holds, per shape, its first execution and then, per call site, the executions, batch and
 * multi-valued executions, total time and a bounded set of value hashes. The first execution of a
 * shape takes no stack; each later one walks the stack once ({@link CallSite}) and the first
 * execution is counted with the second's call site. A walk costs microseconds (tens on a loaded
 * machine or under a deep framework stack; {@code DetectBoundsTest} prints it), so a run of
 * executions from one call site walks only: for each repeat until the run reaches the threshold (so
 * whether a site reaches it is exact); for an execution that another query preceded than preceded
 * the shape's previous one (a new loop over another parent; with a doubling wait while such walks
 * find the run's own site); for an execution whose value would turn the run's duplicate (one value
 * repeated) into several values; and to confirm the run at doubling points (the next power of two,
 * up to {@value ScopeData#MAX_GAP}, then every {@value ScopeData#MAX_GAP}), each taken once the
 * run's queries since the last walk took {@value ScopeData#CONFIRM_COST_RATIO} times as long as
 * that walk did. The others are counted with the run's site, and a walk that finds another site
 * starts a new run. A 1+50 loop walks 4 to 8 times, not 49, and confirmation walks cost at most
 * about a quarter of the loop's query time. The price: two runs of one query from two call sites
 * back to back, with no other query between them, are told apart only at the next confirmation, so
 * after a run of n, up to min(n, {@value ScopeData#MAX_GAP}) - 1 executions from the new site, or
 * more while its queries are fast next to a walk, can be counted with the old one (see {@link
 * ScopeData#confirmAfter}). Shapes beyond {@code nplusone.scope.max-fingerprints} are counted as
 * dropped, sites beyond {@value ScopeData#MAX_SITES_PER_SHAPE} per shape too, value hashes beyond
 * {@code nplusone.scope.max-value-sets} make the distinct count a lower bound.
 *
 * <p><b>Thresholds.</b> Per shape and call site, executions that carry one value set and are not
 * JDBC batches are counted: at least {@code nplusone.threshold} of them make a finding —
 * PER_ROW_WRITE for INSERT/UPDATE/DELETE/MERGE, N_PLUS_ONE with two or more distinct value sets,
 * else DUPLICATE — unless ignored by SQL pattern, call-site pattern or minimum total time.
 *
 * <p><b>Throw mode.</b> An explicit scope throws from {@code close()}. A transaction scope is
 * analysed in {@code commit()} before the delegate commits: with findings, the transaction is
 * rolled back on the delegate and {@code commit()} throws, so it is never half committed; a
 * transaction ended by rollback, {@code setAutoCommit(true)} or close only reports. An implicit
 * scope throws from the next statement execution of its thread, before that statement runs (or from
 * {@code NPlusOne.flush()}).
 *
 * <p>Every hook catches its own failures ({@link Failures}); only {@link NPlusOneException} in mode
 * {@code throw} reaches the application.
 */
public final class Detector implements Recorder {
  static final Logger LOG = LoggerFactory.getLogger("nplusone");

  private static final ThreadLocal<ThreadState> STATE = ThreadLocal.withInitial(ThreadState::new);
  private static final CopyOnWriteArrayList<NPlusOneListener> LISTENERS =
      new CopyOnWriteArrayList<>();
  private static volatile LongSupplier ticker = System::nanoTime;
  private static volatile boolean testTicker;

  /** Explicit scopes that count the statements of every thread; copy on write. */
  private static volatile ScopeData[] global = new ScopeData[0];

  private static final Object GLOBAL_LOCK = new Object();

  private final Settings settings;

  // Read by every statement: copied from settings so recording one touches no further object.
  private final CallSite.Rules rules;
  private final boolean logParameters;

  private Detector(Config config) {
    this.settings = new Settings(config);
    this.rules = settings.rules;
    this.logParameters = settings.logParameters;
  }

  /** The recorder for connections made with {@code config}. */
  public static Recorder recorder(Config config) {
    return config.enabled() ? new Detector(config) : Recorder.NONE;
  }

  /** Measures stack walks, unless a test replaced it; see {@link #walkClock(LongSupplier)}. */
  private static volatile LongSupplier walkClock;

  /** A reading of the clock that measures stack walks. */
  static long walkClock() {
    LongSupplier c = walkClock;
    return c == null ? System.nanoTime() : c.getAsLong();
  }

  /**
   * Replaces the nanosecond clock that measures stack walks, whose cost decides when a run's call
   * site is confirmed; null restores it. For tests: a stopped clock makes walks free, so runs are
   * confirmed at every doubling point.
   */
  public static void walkClock(LongSupplier nanos) {
    walkClock = nanos;
  }

  /** Replaces the nanosecond clock that measures implicit-scope idle gaps; for tests. */
  public static void ticker(LongSupplier nanos) {
    ticker = nanos == null ? System::nanoTime : nanos;
    testTicker = nanos != null;
  }

  /** The calling thread's state, found through {@code c} when its last statement ran there. */
  private static ThreadState state(ProxyConnection c) {
    ThreadState ts = c.detectorThread;
    if (ts == null || ts.thread != Thread.currentThread()) {
      ts = STATE.get();
      c.detectorThread = ts;
    }
    return ts;
  }

  // ---------------------------------------------------------------- hot path

  @Override
  public void beforeExecute(ProxyConnection connection) {
    beforeExecute(connection, System.nanoTime());
  }

  /**
   * As {@link #beforeExecute(ProxyConnection)}, given the statement's start time, which also
   * measures the implicit scope's idle gap (unless a test installed a ticker), so the hot path
   * reads the clock once; returns the start time, taken again if this call ended a scope.
   */
  @Override
  public long beforeExecute(ProxyConnection connection, long now) {
    NPlusOneException toThrow = null;
    boolean worked = false;
    try {
      ThreadState ts;
      // No connection on the datasource-proxy listener path: no transaction scope there.
      if (connection == null) {
        ts = STATE.get();
      } else {
        ts = state(connection);
        if (connection.detectorTx == null && !autoCommit(connection)) {
          worked = ts.implicit != null;
          endImplicit(ts, true);
          ScopeData tx = new ScopeData("transaction", ScopeData.TRANSACTION, settings, ts);
          ts.push(tx);
          connection.detectorTx = tx;
          connection.detectorTxThread = ts;
        }
      }
      if (ts.depth == 0) {
        long t = testTicker ? ticker.getAsLong() : now;
        if (ts.implicit != null && t - ts.implicitLast > ts.implicit.idleNanos) {
          endImplicit(ts, true);
          worked = true;
        } else if (ts.continued != null && t - ts.implicitLast > settings.idleNanos) {
          // The thread went idle right after its implicit scope reached the statement limit.
          ts.continued = null;
        }
        ts.implicitLast = t;
      }
      toThrow = ts.pending;
      if (toThrow != null) {
        ts.pending = null;
      }
    } catch (RuntimeException e) {
      Failures.log("preparing to record a statement", e);
    }
    if (toThrow != null) {
      throw toThrow;
    }
    return worked ? System.nanoTime() : now;
  }

  private static boolean autoCommit(ProxyConnection c) {
    try {
      return c.autoCommitTracked();
    } catch (SQLException e) {
      return true;
    }
  }

  @Override
  public long elapsed(ProxyConnection connection, SqlShape shape, long start) {
    ThreadState ts = connection.detectorThread;
    if (shape != null && ts != null && ts.estimates(shape.hash())) {
      return ts.runMean();
    }
    return System.nanoTime() - start;
  }

  @Override
  public void executed(
      ProxyConnection connection,
      SqlShape shape,
      long valuesHash,
      boolean multiValued,
      Object[] params,
      int paramCount,
      long elapsedNanos,
      int batchSize) {
    try {
      ThreadState ts = connection == null ? STATE.get() : state(connection);
      ts.newStatement(shape.hash(), elapsedNanos);
      // Before any scope records it: scopes read the statement's connection context from ts.
      ts.statement(connection);
      ScopeData[] g = global;
      if (g.length != 0) {
        recordGlobal(
            g, ts, shape, valuesHash, multiValued, params, paramCount, elapsedNanos, batchSize);
      }

      int d = ts.depth;
      if (d == 0) {
        ScopeData imp = ts.implicit;
        if (imp == null) {
          imp = new ScopeData("implicit", ScopeData.IMPLICIT, settings, ts);
          imp.continued = ts.continued;
          ts.continued = null;
          ts.implicit = imp;
        }
        imp.record(
            ts,
            rules,
            logParameters,
            shape,
            valuesHash,
            multiValued,
            params,
            paramCount,
            elapsedNanos,
            batchSize);
        if (imp.statements >= imp.maxStatements) {
          Map<Long, ScopeData.Carry> under = imp.loopsUnderWay();
          endImplicit(ts, true);
          // Only the scope that takes over right away continues: any other end forgets this.
          ts.continued = under;
        }
        return;
      }
      ScopeData[] stack = ts.stack;
      for (int i = 0; i < d; i++) {
        ScopeData s = stack[i];
        if (s.shared()) {
          synchronized (s) {
            s.record(
                ts,
                rules,
                logParameters,
                shape,
                valuesHash,
                multiValued,
                params,
                paramCount,
                elapsedNanos,
                batchSize);
          }
        } else {
          s.record(
              ts,
              rules,
              logParameters,
              shape,
              valuesHash,
              multiValued,
              params,
              paramCount,
              elapsedNanos,
              batchSize);
        }
      }
    } catch (RuntimeException e) {
      Failures.log("recording a statement", e);
    }
  }

  /** Records a statement in the all-threads scopes the thread does not have on its stack. */
  private void recordGlobal(
      ScopeData[] g,
      ThreadState ts,
      SqlShape shape,
      long valuesHash,
      boolean multiValued,
      Object[] params,
      int paramCount,
      long elapsedNanos,
      int batchSize) {
    for (ScopeData s : g) {
      if (!ts.contains(s)) {
        synchronized (s) {
          s.record(
              ts,
              rules,
              logParameters,
              shape,
              valuesHash,
              multiValued,
              params,
              paramCount,
              elapsedNanos,
              batchSize);
        }
      }
    }
  }

  // ---------------------------------------------------------------- transactions

  @Override
  public void beforeCommit(ProxyConnection connection) {
    NPlusOneException toThrow = null;
    try {
      ScopeData tx = connection.detectorTx;
      if (tx == null) {
        return;
      }
      connection.detectorTx = null;
      List<Finding> reported = end(tx, connection.detectorTxThread);
      if (!reported.isEmpty() && tx.settings.mode == Config.Mode.THROW) {
        toThrow = Bridge.get().exception(tx.name, reported);
        try {
          connection.delegate().rollback();
        } catch (SQLException | RuntimeException e) {
          toThrow.addSuppressed(e);
        }
      }
    } catch (RuntimeException e) {
      Failures.log("analysing a transaction before commit", e);
    }
    if (toThrow != null) {
      throw toThrow;
    }
  }

  @Override
  public void transactionEnded(ProxyConnection connection, boolean committed) {
    endTransactionQuietly(connection);
  }

  @Override
  public void autoCommitChanged(ProxyConnection connection, boolean autoCommit) {
    if (autoCommit) {
      endTransactionQuietly(connection);
    }
  }

  @Override
  public void connectionClosed(ProxyConnection connection) {
    connection.detectorThread = null;
    endTransactionQuietly(connection);
  }

  /** Ends the connection's transaction scope, reporting but never throwing. */
  private static void endTransactionQuietly(ProxyConnection connection) {
    try {
      ScopeData tx = connection.detectorTx;
      if (tx == null) {
        return;
      }
      connection.detectorTx = null;
      end(tx, connection.detectorTxThread);
    } catch (RuntimeException e) {
      Failures.log("ending a transaction scope", e);
    }
  }

  // ---------------------------------------------------------------- explicit scopes

  /** Opens an explicit scope on the calling thread; ends its implicit scope. */
  public static ScopeData openExplicit(String name) {
    return openExplicit(name, Config.global());
  }

  /** Opens an explicit scope with the options of {@code config}; ends the implicit scope. */
  public static ScopeData openExplicit(String name, Config config) {
    Settings s = config.settings();
    ThreadState ts = STATE.get();
    ScopeData data = new ScopeData(name, ScopeData.EXPLICIT, s, ts);
    if (s.mode == Config.Mode.OFF) {
      data.closed = true;
      data.finalFindings = List.of();
      return data;
    }
    try {
      endImplicit(ts, true);
    } catch (RuntimeException e) {
      Failures.log("ending the implicit scope", e);
    }
    ts.push(data);
    return data;
  }

  /** The findings of {@code data}: final after close, a snapshot before. */
  public static List<Finding> findings(ScopeData data) {
    synchronized (data) {
      if (data.finalFindings != null) {
        return data.finalFindings;
      }
      try {
        List<Finding> all = new ArrayList<>(data.nestedFindings);
        for (ScopeData.Found f : ScopePool.decorate(data, data.analyse(), false)) {
          if (!data.nestedKeys.contains(f.key)) {
            all.add(f.finding);
          }
        }
        return List.copyOf(all);
      } catch (RuntimeException e) {
        Failures.log("analysing a scope", e);
        return List.copyOf(data.nestedFindings);
      }
    }
  }

  /** Executions per normalized SQL in {@code data}, most first; see {@link ScopeData}. */
  public static Map<String, Long> statementCounts(ScopeData data) {
    synchronized (data) {
      return data.statementCounts();
    }
  }

  /** Closes an explicit scope; throws in mode throw when it reported findings. */
  public static void closeExplicit(ScopeData data) {
    NPlusOneException toThrow = null;
    try {
      synchronized (data) {
        if (data.closed) {
          return;
        }
      }
      ThreadState here = STATE.get();
      List<Finding> reported = end(data, data.owner == here ? here : null);
      if (!reported.isEmpty() && data.settings.mode == Config.Mode.THROW) {
        toThrow = Bridge.get().exception(data.name, reported);
      }
    } catch (RuntimeException e) {
      Failures.log("closing a scope", e);
    }
    if (toThrow != null) {
      throw toThrow;
    }
  }

  /** Renames {@code data}; findings made from now on, and a throw at close, carry the new name. */
  public static void rename(ScopeData data, String name) {
    data.name = name;
  }

  /** Attaches {@code data} to the calling thread; returns the action that detaches it. */
  public static Runnable attach(ScopeData data) {
    if (data.closed) {
      if (data.settings.mode == Config.Mode.OFF) {
        return () -> {};
      }
      throw new IllegalStateException("scope '" + data.name + "' is closed; attach it before");
    }
    ThreadState ts = STATE.get();
    if (ts.contains(data)) {
      return () -> {};
    }
    try {
      endImplicit(ts, true);
    } catch (RuntimeException e) {
      Failures.log("ending the implicit scope", e);
    }
    ts.push(data);
    boolean[] done = new boolean[1];
    return () -> {
      if (!done[0]) {
        done[0] = true;
        ts.remove(data);
      }
    };
  }

  /**
   * Makes {@code data} count the statements of every thread until the returned action runs; a
   * thread that has it on its stack counts them there, once.
   */
  public static Runnable attachAllThreads(ScopeData data) {
    if (data.closed) {
      if (data.settings.mode == Config.Mode.OFF) {
        return () -> {};
      }
      throw new IllegalStateException("scope '" + data.name + "' is closed; attach it before");
    }
    synchronized (GLOBAL_LOCK) {
      for (ScopeData s : global) {
        if (s == data) {
          return () -> {};
        }
      }
      ScopeData[] g = Arrays.copyOf(global, global.length + 1);
      g[g.length - 1] = data;
      global = g;
    }
    return () -> detachAllThreads(data);
  }

  private static void detachAllThreads(ScopeData data) {
    synchronized (GLOBAL_LOCK) {
      ScopeData[] g = global;
      for (int i = 0; i < g.length; i++) {
        if (g[i] == data) {
          ScopeData[] n = new ScopeData[g.length - 1];
          System.arraycopy(g, 0, n, 0, i);
          System.arraycopy(g, i + 1, n, i, g.length - i - 1);
          global = n;
          return;
        }
      }
    }
  }

  // ---------------------------------------------------------------- implicit scope

  /** Ends the calling thread's implicit scope and returns what it reported. */
  public static List<Finding> flush() {
    ThreadState ts = STATE.get();
    ScopeData imp = ts.implicit;
    List<Finding> reported = List.of();
    NPlusOneException toThrow = null;
    try {
      if (imp != null) {
        ts.implicit = null;
        ts.restartRun();
        reported = end(imp, null);
        if (!reported.isEmpty() && imp.settings.mode == Config.Mode.THROW) {
          toThrow = Bridge.get().exception(imp.name, reported);
        }
      }
    } catch (RuntimeException e) {
      Failures.log("flushing the implicit scope", e);
    }
    if (toThrow != null) {
      throw toThrow;
    }
    return reported;
  }

  /**
   * Ends the thread's implicit scope, if any; in mode throw, its findings become pending and are
   * thrown before the thread's next statement.
   */
  private static void endImplicit(ThreadState ts, boolean deferThrow) {
    ts.continued = null;
    ScopeData imp = ts.implicit;
    if (imp == null) {
      return;
    }
    ts.implicit = null;
    ts.restartRun();
    List<Finding> reported = end(imp, null);
    if (deferThrow && !reported.isEmpty() && imp.settings.mode == Config.Mode.THROW) {
      ts.pending = Bridge.get().exception(imp.name, reported);
    }
  }

  /** The innermost scope open on the calling thread, for tests; may be null. */
  static ScopeData innermostScope() {
    ThreadState ts = STATE.get();
    return ts.depth == 0 ? null : ts.stack[ts.depth - 1];
  }

  /** The calling thread's implicit scope, for tests; may be null. */
  static ScopeData implicitScope() {
    return STATE.get().implicit;
  }

  /** Stack walks the calling thread has taken, for tests. */
  static int walks() {
    return STATE.get().walks;
  }

  // ---------------------------------------------------------------- ending and reporting

  /**
   * Ends {@code s}: removes it from {@code stackOwner}'s stack (when given), analyses it, reports
   * its new findings and hands them to the scopes below it. Returns the new findings.
   */
  private static List<Finding> end(ScopeData s, ThreadState stackOwner) {
    List<ScopeData.Found> found;
    List<Finding> reported = new ArrayList<>();
    List<Finding> all;
    synchronized (s) {
      if (s.closed) {
        return List.of();
      }
      s.closed = true;
      found = ScopePool.decorate(s, s.analyse(), true);
      all = new ArrayList<>(s.nestedFindings);
      for (ScopeData.Found f : found) {
        if (!s.nestedKeys.contains(f.key)) {
          reported.add(f.finding);
          all.add(f.finding);
        }
      }
      s.finalFindings = List.copyOf(all);
    }
    int index = stackOwner == null ? -1 : stackOwner.remove(s);
    // A scope closed from another thread stays on its owner's stack, closed, until the owner
    // next pushes a scope; closed scopes record nothing.
    if (index > 0) {
      for (int i = 0; i < index; i++) {
        ScopeData outer = stackOwner.stack[i];
        synchronized (outer) {
          for (ScopeData.Found f : found) {
            if (!s.nestedKeys.contains(f.key) && outer.nestedKeys.add(f.key)) {
              outer.nestedFindings.add(f.finding);
            }
          }
        }
      }
    }
    if (global.length != 0) {
      detachAllThreads(s);
    }
    report(s, reported);
    return List.copyOf(reported);
  }

  private static void report(ScopeData s, List<Finding> reported) {
    Config.Mode mode = s.settings.mode;
    boolean log = mode == Config.Mode.LOG || mode == Config.Mode.THROW;
    if (log && s.droppedStatements > 0) {
      LOG.atWarn()
          .addKeyValue("scope", s.name)
          .addKeyValue("droppedStatements", s.droppedStatements)
          .addKeyValue("maxFingerprints", s.settings.maxFingerprints)
          .log(
              "Scope '{}' tracked only its first {} query shapes: {} statements of further shapes"
                  + " were dropped and not analysed (raise nplusone.scope.max-fingerprints to"
                  + " track more)",
              s.name,
              s.settings.maxFingerprints,
              s.droppedStatements);
    }
    for (Finding f : reported) {
      if (log) {
        try {
          LOG.atWarn()
              .addKeyValue("kind", f.kind())
              .addKeyValue("scope", f.scopeName())
              .addKeyValue("sql", f.sql())
              .addKeyValue("executions", f.executions())
              .addKeyValue("distinctParameterSets", f.distinctParameterSets())
              .addKeyValue("totalTimeMs", f.totalTime().toNanos() / 1e6)
              .addKeyValue("callSite", f.callSite().isEmpty() ? "" : f.callSite().get(0))
              .log(f.message());
        } catch (RuntimeException e) {
          Failures.log("logging a finding", e);
        }
      }
      for (NPlusOneListener l : LISTENERS) {
        try {
          l.onFinding(f);
        } catch (RuntimeException e) {
          Failures.log("calling the listener " + l.getClass().getName(), e);
        }
      }
    }
  }

  // ---------------------------------------------------------------- connection pool

  /**
   * Charges a pool event ({@link ScopePool#ACQUIRED}, {@code ACQUIRED_CONTENDED}, {@code RELEASED},
   * {@code TIMEOUT}) of {@code meter} to the calling thread's scopes. With no scope open, a
   * checkout (or timeout) first ends an idle implicit scope and opens one with {@code
   * implicitSettings}, as a statement would, so the checkouts of a per-row loop count with its
   * statements.
   */
  static void chargePool(PoolMeter meter, int event, long nanos, Settings implicitSettings) {
    try {
      ThreadState ts = STATE.get();
      if (event != ScopePool.RELEASED) {
        if (event != ScopePool.TIMEOUT) {
          ts.checkouts++;
        }
        if (ts.depth == 0 && implicitSettings != null) {
          long now = ticker.getAsLong();
          if (ts.implicit != null && now - ts.implicitLast > ts.implicit.idleNanos) {
            endImplicit(ts, true);
          }
          ts.implicitLast = now;
          if (ts.implicit == null) {
            ts.implicit = new ScopeData("implicit", ScopeData.IMPLICIT, implicitSettings, ts);
          }
        }
      }
      ScopePool.charge(ts, meter, event, nanos);
    } catch (RuntimeException e) {
      Failures.log("charging a connection checkout to its scopes", e);
    }
  }

  /** Registers a listener. */
  public static void addListener(NPlusOneListener listener) {
    LISTENERS.add(listener);
  }

  /** Unregisters a listener. */
  public static boolean removeListener(NPlusOneListener listener) {
    return LISTENERS.remove(listener);
  }
}
