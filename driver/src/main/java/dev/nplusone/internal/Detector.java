package dev.nplusone.internal;

import dev.nplusone.Finding;
import dev.nplusone.NPlusOneException;
import dev.nplusone.NPlusOneListener;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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
 * other scopes are touched by one thread only.
 *
 * <p><b>Implicit scope.</b> A statement on a thread with no scope open counts in the thread's
 * implicit scope. It ends, is analysed and reported: before the next statement of the thread when
 * more than {@code nplusone.implicit-scope.idle} has passed since the previous one (measured with
 * an injectable ticker); after {@code nplusone.implicit-scope.max-statements} statements; when the
 * thread opens an explicit scope or a transaction; and on {@code NPlusOne.flush()}. So a loop that
 * takes one pooled connection per row is caught, while the unrelated work of a long-lived thread,
 * separated by quiet gaps, is not merged. There is no background sweeper: the last burst of a
 * thread that goes quiet for good is reported only by {@code NPlusOne.flush()}.
 *
 * <p><b>Fingerprints.</b> Per scope, an open-addressing table keyed by the shape's 64-bit hash
 * holds, per shape, its first execution and then, per call site, the executions, batch and
 * multi-valued executions, total time and a bounded set of value hashes. The first execution of a
 * shape takes no stack; each later one walks the stack once ({@link CallSite}) and the first
 * execution is counted with the second's call site. A walk costs microseconds (tens on a loaded
 * machine; {@code DetectBoundsTest} prints it), so once {@value ScopeData#STREAK} (or the
 * threshold, if larger) consecutive executions of a shape came from one call site, only one in
 * {@value ScopeData#SAMPLE} walks the stack and the others are counted with that site; a walk that
 * finds another site ends the streak. So after such a run, up to {@value ScopeData#SAMPLE} - 1
 * executions from a new site can be counted with the old one. Shapes beyond {@code
 * nplusone.scope.max-fingerprints} are counted as dropped, sites beyond {@value
 * ScopeData#MAX_SITES_PER_SHAPE} per shape too, value hashes beyond {@code
 * nplusone.scope.max-value-sets} make the distinct count a lower bound.
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

  private final Settings settings;

  private Detector(Config config) {
    this.settings = new Settings(config);
  }

  /** The recorder for connections made with {@code config}. */
  public static Recorder recorder(Config config) {
    return config.enabled() ? new Detector(config) : Recorder.NONE;
  }

  /** Replaces the nanosecond clock that measures implicit-scope idle gaps; for tests. */
  public static void ticker(LongSupplier nanos) {
    ticker = nanos == null ? System::nanoTime : nanos;
  }

  /** Per-connection state, in {@link ProxyConnection#detectorState}. */
  private static final class ConnState {
    ScopeData tx;
    ThreadState txThread;
  }

  // ---------------------------------------------------------------- hot path

  @Override
  public void beforeExecute(ProxyConnection connection) {
    NPlusOneException toThrow = null;
    try {
      ThreadState ts = STATE.get();
      // No connection on the datasource-proxy listener path: no transaction scope there.
      if (connection != null) {
        Object o = connection.detectorState;
        ConnState cs;
        if (o == null) {
          cs = new ConnState();
          connection.detectorState = cs;
        } else {
          cs = (ConnState) o;
        }
        if (cs.tx == null && !autoCommit(connection)) {
          endImplicit(ts, true);
          ScopeData tx = new ScopeData("transaction", ScopeData.TRANSACTION, settings, ts);
          ts.push(tx);
          cs.tx = tx;
          cs.txThread = ts;
        }
      }
      if (ts.depth == 0) {
        long now = ticker.getAsLong();
        if (ts.implicit != null && now - ts.implicitLast > ts.implicit.settings.idleNanos) {
          endImplicit(ts, true);
        }
        ts.implicitLast = now;
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
  }

  private static boolean autoCommit(ProxyConnection c) {
    try {
      return c.autoCommitTracked();
    } catch (SQLException e) {
      return true;
    }
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
      ThreadState ts = STATE.get();
      ts.newStatement();
      ts.statement(connection);
      int d = ts.depth;
      if (d == 0) {
        ScopeData imp = ts.implicit;
        if (imp == null) {
          imp = new ScopeData("implicit", ScopeData.IMPLICIT, settings, ts);
          ts.implicit = imp;
        }
        imp.record(
            ts,
            settings,
            shape,
            valuesHash,
            multiValued,
            params,
            paramCount,
            elapsedNanos,
            batchSize);
        if (imp.statements >= imp.settings.maxStatements) {
          endImplicit(ts, true);
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
                settings,
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
              settings,
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

  // ---------------------------------------------------------------- transactions

  @Override
  public void beforeCommit(ProxyConnection connection) {
    NPlusOneException toThrow = null;
    try {
      ConnState cs = (ConnState) connection.detectorState;
      if (cs == null || cs.tx == null) {
        return;
      }
      ScopeData tx = cs.tx;
      cs.tx = null;
      List<Finding> reported = end(tx, cs.txThread);
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
    endTransactionQuietly(connection);
  }

  /** Ends the connection's transaction scope, reporting but never throwing. */
  private static void endTransactionQuietly(ProxyConnection connection) {
    try {
      ConnState cs = (ConnState) connection.detectorState;
      if (cs == null || cs.tx == null) {
        return;
      }
      ScopeData tx = cs.tx;
      cs.tx = null;
      end(tx, cs.txThread);
    } catch (RuntimeException e) {
      Failures.log("ending a transaction scope", e);
    }
  }

  // ---------------------------------------------------------------- explicit scopes

  /** Opens an explicit scope on the calling thread; ends its implicit scope. */
  public static ScopeData openExplicit(String name) {
    Settings s = new Settings(Config.global());
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
        for (ScopeData.Found f : data.analyse()) {
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
    ScopeData imp = ts.implicit;
    if (imp == null) {
      return;
    }
    ts.implicit = null;
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
      found = s.analyse();
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

  /** Registers a listener. */
  public static void addListener(NPlusOneListener listener) {
    LISTENERS.add(listener);
  }

  /** Unregisters a listener. */
  public static boolean removeListener(NPlusOneListener listener) {
    return LISTENERS.remove(listener);
  }
}
