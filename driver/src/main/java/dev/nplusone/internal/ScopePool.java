package dev.nplusone.internal;

import dev.nplusone.Finding;
import dev.nplusone.PoolFigures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one scope took from the connection pool, and the pool findings made from it when the scope
 * ends. Updated like its {@link ScopeData}: by its own thread, or under the scope's monitor when
 * the scope is shared.
 */
final class ScopePool {
  static final int ACQUIRED = 0;
  static final int RELEASED = 1;
  static final int TIMEOUT = 2;

  /** A successful checkout that waited while the pool was under pressure. */
  static final int ACQUIRED_CONTENDED = 3;

  private static final long SLOW_KEY = 0x706f6f6c_00000001L;
  private static final long EXHAUSTED_KEY = 0x706f6f6c_00000002L;
  private static final long UTILIZATION_KEY = 0x706f6f6c_00000003L;
  private static final long CHURN_SALT = 0x6368_7572_6e00_0000L;

  long acquires;
  long timeouts;
  long totalWait;
  long maxWait;
  long totalHold;

  /** The longest wait of a checkout made while the pool was under pressure. */
  long maxContendedWait;

  /** The pool the scope last took from. */
  PoolMeter meter;

  private void add(PoolMeter m, int event, long nanos) {
    meter = m;
    if (event == ACQUIRED_CONTENDED) {
      maxContendedWait = Math.max(maxContendedWait, nanos);
    }
    switch (event) {
      case ACQUIRED:
      case ACQUIRED_CONTENDED:
        acquires++;
        totalWait += nanos;
        maxWait = Math.max(maxWait, nanos);
        break;
      case RELEASED:
        totalHold += nanos;
        break;
      default:
        timeouts++;
        break;
    }
  }

  /** Charges a pool event to every open scope of {@code ts}, or to its implicit scope. */
  static void charge(ThreadState ts, PoolMeter m, int event, long nanos) {
    int d = ts.depth;
    if (d == 0) {
      ScopeData imp = ts.implicit;
      if (imp != null) {
        add(imp, m, event, nanos);
      }
      return;
    }
    ScopeData[] stack = ts.stack;
    for (int i = 0; i < d; i++) {
      ScopeData s = stack[i];
      if (s.shared()) {
        synchronized (s) {
          add(s, m, event, nanos);
        }
      } else {
        add(s, m, event, nanos);
      }
    }
  }

  private static void add(ScopeData s, PoolMeter m, int event, long nanos) {
    if (s.closed) {
      return;
    }
    ScopePool p = s.pool;
    if (p == null) {
      p = new ScopePool();
      s.pool = p;
    }
    p.add(m, event, nanos);
  }

  /**
   * The findings of {@code s} with its pool figures attached, followed by its pool findings. Called
   * under the scope's monitor; {@code ending} is false for a snapshot, which must not use up the
   * once-per-pool utilization finding.
   */
  static List<ScopeData.Found> decorate(ScopeData s, List<ScopeData.Found> found, boolean ending) {
    ScopePool p = s.pool;
    if (p == null || (p.acquires == 0 && p.timeouts == 0)) {
      return found;
    }
    try {
      return p.withFigures(s, found, ending);
    } catch (RuntimeException e) {
      Failures.log("adding pool figures to findings", e);
      return found;
    }
  }

  private List<ScopeData.Found> withFigures(
      ScopeData s, List<ScopeData.Found> found, boolean ending) {
    Bridge b = Bridge.get();
    Settings st = s.settings;
    List<ScopeData.Found> out = new ArrayList<>(found.size() + 4);
    List<ScopeData.Found> churn = new ArrayList<>(2);
    for (ScopeData.Found f : found) {
      Finding fin = f.finding;
      int checkouts = s.checkoutsOf(fin.sql());
      PoolFigures fig = figures(b, checkouts);
      out.add(new ScopeData.Found(f.key, b.withPool(fin, fig, "\n    pool:  " + line(checkouts))));
      if (checkouts >= st.threshold) {
        String msg =
            "Connection churn: the same query ran on "
                + checkouts
                + " separate connection checkouts in scope '"
                + s.name
                + "', one checkout per row, as a loop over a JdbcTemplate or DataSource without a"
                + " transaction does: each row takes a connection, waits for the pool when it is"
                + " busy, and gives it back. Run the loop in one transaction (one connection), or"
                + " better, load the rows in one query."
                + "\n    sql:   "
                + fin.sql()
                + where(fin.callSite())
                + "\n    pool:  "
                + line(checkouts);
        churn.add(
            new ScopeData.Found(
                f.key * 31 + CHURN_SALT,
                b.poolFinding(
                    Finding.Kind.CONNECTION_CHURN,
                    fin.sql(),
                    checkouts,
                    fin.totalTime().toNanos(),
                    fin.callSite(),
                    s.name,
                    fig,
                    msg)));
      }
    }
    out.addAll(churn);
    PoolFigures fig = figures(b, 0);
    PoolMeter m = meter;
    if (timeouts > 0) {
      String msg =
          "Pool exhausted: "
              + plural(timeouts, "connection checkout")
              + " of scope '"
              + s.name
              + "' timed out waiting for a pooled connection (SQLTransientConnectionException);"
              + " its "
              + plural(acquires, "successful checkout")
              + " waited "
              + ms(totalWait)
              + " in total. "
              + capitalize(poolPhrase(m))
              + "\n    pool:  "
              + line(0)
              + "\n    sizing: "
              + PoolAdvice.sizing(m);
      out.add(
          new ScopeData.Found(
              EXHAUSTED_KEY,
              b.poolFinding(
                  Finding.Kind.POOL_EXHAUSTED,
                  "",
                  (int) Math.min(Integer.MAX_VALUE, timeouts),
                  totalWait,
                  List.of(),
                  s.name,
                  fig,
                  msg)));
    }
    if (acquires > 0 && maxContendedWait >= st.slowAcquireNanos) {
      String msg =
          "Slow connection acquire: scope '"
              + s.name
              + "' waited up to "
              + ms(maxContendedWait)
              + " for one pooled connection while the pool was busy ("
              + ms(totalWait)
              + " in total over "
              + plural(acquires, "checkout")
              + "; nplusone.pool.slow-acquire is "
              + ms(st.slowAcquireNanos)
              + "). "
              + capitalize(poolPhrase(m))
              + "\n    pool:  "
              + line(0)
              + "\n    sizing: "
              + PoolAdvice.sizing(m);
      out.add(
          new ScopeData.Found(
              SLOW_KEY,
              b.poolFinding(
                  Finding.Kind.SLOW_ACQUIRE,
                  "",
                  (int) Math.min(Integer.MAX_VALUE, acquires),
                  totalWait,
                  List.of(),
                  s.name,
                  fig,
                  msg)));
    }
    if (m != null) {
      int max = m.maximumPoolSize();
      int peak = m.peakInUse();
      if (max > 0
          && peak * 100L >= (long) st.utilizationLimit * max
          && (ending
              ? m.utilizationReported.compareAndSet(false, true)
              : !m.utilizationReported.get())) {
        String msg =
            "Pool utilization: the pool peaked at "
                + peak
                + " of "
                + max
                + " connections in use ("
                + (peak * 100L / max)
                + " %), at or above nplusone.pool.utilization-limit ("
                + st.utilizationLimit
                + " %; 80 % is an acceptable limit, 70 % a production-ready target), with up to "
                + plural(m.peakWaiting(), "thread")
                + " waiting; seen by scope '"
                + s.name
                + "' and reported once per pool."
                + "\n    sizing: "
                + PoolAdvice.sizing(m);
        out.add(
            new ScopeData.Found(
                UTILIZATION_KEY,
                b.poolFinding(
                    Finding.Kind.POOL_UTILIZATION, "", peak, 0, List.of(), s.name, fig, msg)));
      }
    }
    return out;
  }

  private PoolFigures figures(Bridge b, int checkouts) {
    return b.poolFigures(acquires, timeouts, totalWait, maxWait, totalHold, checkouts);
  }

  /** The pool line of a finding: "ran on 50 separate connection checkouts and waited …". */
  private String line(int queryCheckouts) {
    StringBuilder b = new StringBuilder(160);
    if (queryCheckouts > 1) {
      b.append("the query ran on ")
          .append(queryCheckouts)
          .append(" separate connection checkouts; ");
    }
    b.append("the scope checked out ")
        .append(plural(acquires, "connection"))
        .append(" and waited ")
        .append(ms(totalWait))
        .append(" for the pool (longest ")
        .append(ms(maxWait))
        .append("), holding connections ")
        .append(ms(totalHold));
    if (timeouts > 0) {
      b.append("; ").append(plural(timeouts, "checkout")).append(" timed out");
    }
    if (meter != null) {
      b.append("; ").append(poolPhrase(meter));
    }
    return b.toString();
  }

  /** "the pool peaked at 10 of 10 connections in use with 14 threads waiting". */
  static String poolPhrase(PoolMeter m) {
    if (m == null) {
      return "";
    }
    int max = m.maximumPoolSize();
    return "the pool peaked at "
        + (max > 0
            ? m.peakInUse() + " of " + max + " connections"
            : plural(m.peakInUse(), "connection"))
        + " in use with "
        + plural(m.peakWaiting(), "thread")
        + " waiting"
        + (max > 0 ? "" : " (maximum pool size unknown)");
  }

  private static String where(List<StackTraceElement> callSite) {
    if (callSite.isEmpty()) {
      return "\n    where: no application frame on the stack";
    }
    StringBuilder b = new StringBuilder();
    String prefix = "\n    where: ";
    for (StackTraceElement e : callSite) {
      b.append(prefix).append(e);
      prefix = "\n           ";
    }
    return b.toString();
  }

  static String plural(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1) + ".";
  }

  /** Nanoseconds as milliseconds: whole above 10 ms, else with one decimal. */
  static String ms(long nanos) {
    double ms = nanos / 1e6;
    return ms >= 10 ? Math.round(ms) + " ms" : String.format(Locale.ROOT, "%.1f ms", ms);
  }
}
