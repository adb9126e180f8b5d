package dev.nplusone.internal;

import dev.nplusone.Finding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What one scope has seen: per query shape, its first execution and, per call site, counters and a
 * bounded set of value hashes. Explicit scopes can be shared between threads and are then used
 * under their own monitor; transaction and implicit scopes stay on one thread.
 */
public final class ScopeData {
  static final int EXPLICIT = 0;
  static final int TRANSACTION = 1;
  static final int IMPLICIT = 2;

  /**
   * Longest gap, in executions, between the doubling points at which a run's call site is due for
   * confirmation (a power of two): due when the run reaches the next power of two, up to 1024, then
   * every 1024.
   */
  static final int MAX_GAP = 1024;

  /**
   * A due confirmation walk waits until the run's queries since the last walk took this many times
   * as long as that walk: confirmations cost at most about a quarter of the time of the queries
   * they confirm, however fast the database.
   */
  static final int CONFIRM_COST_RATIO = 4;

  /** Call sites kept per query shape; executions from further sites are counted, not analysed. */
  static final int MAX_SITES_PER_SHAPE = 64;

  /** Written by {@code Scope.rename} on any thread, read when the scope is analysed. */
  volatile String name;

  final int type;
  final Settings settings;
  final ThreadState owner;

  // Options a statement reads, copied from settings so recording one touches no further object.
  final int threshold;
  final int maxFingerprints;
  final int maxValueSets;
  final long maxStatements;
  final long idleNanos;
  volatile boolean closed;

  long statements;
  long droppedStatements;

  private long[] keys = new long[16];
  private Entry[] entries = new Entry[16];
  private int size;

  /**
   * The entry of the last statement recorded and its shape hash: a run of one query (a per-row
   * loop) finds its entry without reading the table.
   */
  private long lastHash;

  private Entry lastEntry;

  /** Findings reported by scopes nested in this one, and their keys, so they are not repeated. */
  final List<Finding> nestedFindings = new ArrayList<>();

  final Set<Long> nestedKeys = new HashSet<>();

  /** The findings after close: nested and own. */
  List<Finding> finalFindings;

  /** What the scope took from the connection pool; null until its first checkout. */
  ScopePool pool;

  /**
   * The loops that were under way, by shape hash, when the implicit scope before this one reached
   * {@code nplusone.implicit-scope.max-statements} and this one took over (see {@link Carry}). Null
   * for any other scope.
   */
  Map<Long, Carry> continued;

  /**
   * What an implicit scope that ends at its statement limit hands the one that takes over, per
   * query shape: the limit is bookkeeping, not the end of the thread's work, so a loop under way
   * goes on instead of starting again ({@link Entry#goOn}). A run from one call site that reached
   * the threshold is confirmed by one walk at its next repeat and then counted from where it was,
   * without walking each repeat up to the threshold and at every doubling point again; a loop whose
   * value correlation already sampled {@link Correlation#MAX_SAMPLES} executions does not search
   * again for parent values pushed out of the index, and does not sample at all if no sample found
   * a candidate ({@link Correlation#continued}).
   */
  static final class Carry {
    /** The run's call site, or null when no run from one site reached the threshold. */
    final CallSite site;

    final int run;

    /** Whether value correlation sampled the loop, whether a sample found a candidate, and rows. */
    final boolean sampled;

    final boolean found;
    final boolean multiRow;

    Carry(CallSite site, int run, boolean sampled, Correlation c) {
      this.site = site;
      this.run = run;
      this.sampled = sampled;
      this.found = c != null && c.hits > 0;
      this.multiRow = c != null && c.multiRow;
    }
  }

  /** Longest run a {@link Carry} hands on, so that a run carried for days cannot overflow. */
  static final int MAX_CARRIED_RUN = 1 << 20;

  ScopeData(String name, int type, Settings settings, ThreadState owner) {
    this.name = name;
    this.type = type;
    this.settings = settings;
    this.owner = owner;
    this.threshold = settings.threshold;
    this.maxFingerprints = settings.maxFingerprints;
    this.maxValueSets = settings.maxValueSets;
    this.maxStatements = settings.maxStatements;
    this.idleNanos = settings.idleNanos;
  }

  /** The scope's name. */
  public String name() {
    return name;
  }

  boolean shared() {
    return type == EXPLICIT;
  }

  /** Distinct query shapes tracked, for bounds tests. */
  int trackedShapes() {
    return size;
  }

  /** Slots of the shape table, for bounds tests. */
  int shapeCapacity() {
    return entries.length;
  }

  /** The largest value-set table of any call site, in slots, for bounds tests. */
  int largestValueSetCapacity() {
    int max = 0;
    for (Entry e : entries) {
      for (int i = 0; e != null && i < e.groupCount; i++) {
        max = Math.max(max, e.groups[i].values.capacity());
      }
    }
    return max;
  }

  /**
   * Counts one execution. {@code rules} and {@code logParameters} are those of the connection's
   * configuration, which may differ from the scope's.
   */
  void record(
      ThreadState ts,
      CallSite.Rules rules,
      boolean logParameters,
      SqlShape shape,
      long valuesHash,
      boolean multi,
      Object[] params,
      int paramCount,
      long elapsed,
      int batchSize) {
    if (closed) {
      return;
    }
    statements++;
    long h = shape.hash();
    Entry e = lastEntry;
    if (e == null || lastHash != h) {
      e = find(h);
      if (e != null) {
        lastHash = h;
        lastEntry = e;
      }
    }
    if (e == null) {
      if (size >= maxFingerprints) {
        droppedStatements++;
        return;
      }
      e = new Entry(shape);
      if (continued != null) {
        Carry carry = continued.get(h);
        if (carry != null) {
          e.goOn(carry);
        }
      }
      e.checkout(ts.checkouts);
      e.firstValues = valuesHash;
      e.firstNanos = elapsed;
      e.firstMulti = multi;
      e.firstBatch = batchSize > 0;
      e.context = ts.context;
      e.order = statements;
      e.thread = Thread.currentThread();
      e.predecessor = ts.predecessor;
      if (logParameters && params != null) {
        e.firstParams = Arrays.copyOf(params, paramCount);
      }
      insert(h, e);
      lastHash = h;
      lastEntry = e;
      return;
    }
    e.checkout(ts.checkouts);
    if (ts.correlate) {
      // Unchanged references are not stored again (see ThreadState.statement).
      if (e.latest != shape) {
        e.latest = shape;
      }
      Correlation before = e.correlation;
      Correlation c = Correlation.sample(before, ts.values, shape, params, paramCount);
      if (c != before) {
        e.correlation = c;
      }
    }
    CallSite site = ts.siteIfTaken();
    int run = e.streak;
    long predecessor = ts.predecessor;
    boolean sameContext = predecessor == e.predecessor;
    e.predecessor = predecessor;
    if (site == null
        && e.lastSite != null
        && run >= threshold
        && (sameContext || run < e.guardAt)
        && (run < e.confirmAt || e.sinceWalk < CONFIRM_COST_RATIO * ts.walkNanos)
        && (e.lastGroup == null || !e.lastGroup.wouldVary(valuesHash, multi || batchSize > 0))) {
      // A run from one call site: count this execution with that site without walking. A walk
      // that finds another site starts a new run, walked in full again.
      site = e.lastSite;
      e.streak = run + 1;
      e.sinceWalk += elapsed;
    } else {
      if (site == null) {
        // A walk that expects the run's site only confirms it, reading no method names; after a
        // change of site the next walk captures in full, so alternating sites walk once each.
        site = ts.callSite(rules, e.siteChanged ? null : e.lastSite);
      }
      boolean same = site.equals(e.lastSite);
      e.siteChanged = !same && e.lastSite != null;
      if (same) {
        e.streak = run + 1;
        if (!sameContext) {
          // Another query came first and the site is the same: a loop whose rows run other
          // queries now and then. Each such walk that finds no new site doubles the wait before
          // the next, so an irregular loop walks O(log n) times for it, not once per change.
          e.guardAt = run + 1 + e.guardGap;
          e.guardGap = Math.min(e.guardGap * 2, MAX_GAP);
        }
      } else {
        // A site whose group already counted the threshold's worth of single executions (a call
        // site that takes turns with another) has nothing left to make exact: its run goes on
        // from the threshold, confirmed at the doubling points from there.
        Group known = e.groupOf(site);
        e.lastSite = site;
        e.lastGroup = known;
        e.streak = known != null && known.single() >= threshold ? threshold : 0;
        e.guardAt = 0;
        e.guardGap = 1;
      }
      e.confirmAt = confirmAfter(e.streak);
      e.sinceWalk = 0;
    }
    e.record(
        site,
        valuesHash,
        multi,
        logParameters ? params : null,
        paramCount,
        elapsed,
        batchSize > 0,
        maxValueSets);
  }

  /**
   * The run length at which a run of {@code run} from one call site is next due for a confirming
   * walk: the next power of two above it, up to {@link #MAX_GAP}, then the next multiple of {@link
   * #MAX_GAP}.
   *
   * <p>The whole policy, for the execution after a run of {@code run} (see {@link #record}): it
   * walks while {@code run} is below the threshold, so whether a site reaches the threshold is
   * exact (a run that starts at a site whose group already reached it starts at the threshold);
   * when the statement before it on the thread was of another shape than before the previous
   * execution (another query ran in between: a new loop over another parent, say), unless such a
   * walk found the run's own site less than a doubling wait ago; when counting it with the run's
   * site would turn that site's repeated single value (a duplicate) into several ({@link
   * Group#wouldVary}); and when the run is due for confirmation and its queries since the last walk
   * took at least {@value #CONFIRM_COST_RATIO} times as long as that walk. With the default
   * threshold of 3, a 1+50 loop walks 4 times, plus at most 4 confirmations (at runs 4, 8, 16 and
   * 32, each only once the queries have paid for it).
   */
  static int confirmAfter(int run) {
    if (run < MAX_GAP) {
      return run == 0 ? 1 : Integer.highestOneBit(run) << 1;
    }
    return (run / MAX_GAP + 1) * MAX_GAP;
  }

  /**
   * The loops under way here, for the implicit scope that takes over from this one at the statement
   * limit (see {@link Carry}); null if there are none.
   */
  Map<Long, Carry> loopsUnderWay() {
    Map<Long, Carry> under = null;
    for (Entry e : entries) {
      if (e == null) {
        continue;
      }
      boolean running = e.lastSite != null && e.streak >= threshold;
      Correlation c = e.correlation;
      boolean sampled = c != null && (c.samples >= Correlation.MAX_SAMPLES || c.continued);
      if (running || sampled) {
        if (under == null) {
          under = new HashMap<>();
        }
        under.put(
            e.shape.hash(),
            new Carry(
                running ? e.lastSite : null, Math.min(e.streak, MAX_CARRIED_RUN), sampled, c));
      }
    }
    return under;
  }

  /** The shape with hash {@code h} in this scope, or null; for suggestions. */
  Entry entry(long h) {
    return find(h);
  }

  /** Every shape in this scope; for suggestions. */
  List<Entry> entries() {
    List<Entry> all = new ArrayList<>(size);
    for (Entry e : entries) {
      if (e != null) {
        all.add(e);
      }
    }
    return all;
  }

  private Entry find(long h) {
    long[] k = keys;
    Entry[] v = entries;
    int mask = v.length - 1;
    int i = LongSet.mix(h) & mask;
    while (true) {
      Entry e = v[i];
      if (e == null) {
        return null;
      }
      if (k[i] == h) {
        return e;
      }
      i = (i + 1) & mask;
    }
  }

  private void insert(long h, Entry e) {
    if ((size + 1) * 2 > entries.length) {
      grow();
    }
    put(keys, entries, h, e);
    size++;
  }

  private static void put(long[] k, Entry[] v, long h, Entry e) {
    int mask = v.length - 1;
    int i = LongSet.mix(h) & mask;
    while (v[i] != null) {
      i = (i + 1) & mask;
    }
    k[i] = h;
    v[i] = e;
  }

  private void grow() {
    long[] nk = new long[keys.length * 2];
    Entry[] nv = new Entry[entries.length * 2];
    for (int i = 0; i < entries.length; i++) {
      if (entries[i] != null) {
        put(nk, nv, keys[i], entries[i]);
      }
    }
    keys = nk;
    entries = nv;
  }

  /**
   * Executions per normalized SQL, most first and then by SQL; read from the counters the scope
   * keeps anyway, so it costs nothing per statement. Statements of shapes beyond {@code
   * nplusone.scope.max-fingerprints} are not included.
   */
  Map<String, Long> statementCounts() {
    Map<String, Long> bySql = new HashMap<>();
    for (Entry e : entries) {
      if (e != null) {
        bySql.merge(e.shape.normalizedSql(), e.executions(), Long::sum);
      }
    }
    List<Map.Entry<String, Long>> sorted = new ArrayList<>(bySql.entrySet());
    sorted.sort(
        Map.Entry.<String, Long>comparingByValue()
            .reversed()
            .thenComparing(Map.Entry.comparingByKey()));
    Map<String, Long> out = new LinkedHashMap<>();
    for (Map.Entry<String, Long> e : sorted) {
      out.put(e.getKey(), e.getValue());
    }
    return Collections.unmodifiableMap(out);
  }

  /** On how many separate connection checkouts the shape with this normalized SQL ran. */
  int checkoutsOf(String normalizedSql) {
    for (Entry e : entries) {
      if (e != null && e.shape.normalizedSql().equals(normalizedSql)) {
        return e.checkouts;
      }
    }
    return 0;
  }

  /** A finding and the key (shape and call site) that identifies it across nested scopes. */
  static final class Found {
    final long key;
    final Finding finding;

    Found(long key, Finding finding) {
      this.key = key;
      this.finding = finding;
    }
  }

  /** Everything this scope would report now, without nested scopes' findings; no side effects. */
  List<Found> analyse() {
    List<Found> out = new ArrayList<>();
    List<SuggestionEngine.Child> children = new ArrayList<>();
    Bridge bridge = Bridge.get();
    for (Entry e : entries) {
      if (e == null) {
        continue;
      }
      SqlShape.StatementKind kind = kindOf(e.shape);
      boolean write =
          kind == SqlShape.StatementKind.INSERT
              || kind == SqlShape.StatementKind.UPDATE
              || kind == SqlShape.StatementKind.DELETE
              || kind == SqlShape.StatementKind.MERGE;
      for (int gi = 0; gi < e.groupCount; gi++) {
        Group g = e.groups[gi];
        int single = g.single();
        if (single < threshold) {
          continue;
        }
        int distinct = g.values.size();
        Finding.Kind fk;
        if (write) {
          fk = Finding.Kind.PER_ROW_WRITE;
        } else if (distinct >= 2) {
          fk = Finding.Kind.N_PLUS_ONE;
        } else {
          fk = Finding.Kind.DUPLICATE;
        }
        if (g.totalNanos < settings.minTotalNanos || ignored(e.shape, g.site)) {
          continue;
        }
        Finding f =
            bridge.finding(
                fk,
                e.shape.normalizedSql(),
                exampleSql(e.shape, g.example),
                single,
                distinct,
                g.values.saturated(),
                g.totalNanos,
                g.site.elements(),
                name);
        out.add(new Found(e.shape.hash() * 31 + g.site.hashCode(), f));
        if (fk == Finding.Kind.N_PLUS_ONE) {
          children.add(new SuggestionEngine.Child(out.size() - 1, e, g));
        }
      }
    }
    SuggestionEngine.suggest(this, children, out);
    out.sort((a, b) -> Integer.compare(b.finding.executions(), a.finding.executions()));
    return out;
  }

  private boolean ignored(SqlShape shape, CallSite site) {
    for (Pattern p : settings.ignoreSql) {
      if (p.matcher(shape.normalizedSql()).find()) {
        return true;
      }
    }
    if (!settings.ignoreCallSites.isEmpty()) {
      for (String frame : site.frameStrings()) {
        for (Pattern p : settings.ignoreCallSites) {
          if (p.matcher(frame).find()) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The shape's kind; read from the first keyword when the fingerprint did not tell. */
  static SqlShape.StatementKind kindOf(SqlShape shape) {
    SqlShape.StatementKind k = shape.kind();
    if (k != SqlShape.StatementKind.OTHER) {
      return k;
    }
    String s = shape.normalizedSql();
    int i = 0;
    while (i < s.length() && (Character.isWhitespace(s.charAt(i)) || s.charAt(i) == '(')) {
      i++;
    }
    int j = i;
    while (j < s.length() && Character.isLetter(s.charAt(j))) {
      j++;
    }
    switch (s.substring(i, j).toUpperCase(Locale.ROOT)) {
      case "SELECT":
        return SqlShape.StatementKind.SELECT;
      case "INSERT":
        return SqlShape.StatementKind.INSERT;
      case "UPDATE":
        return SqlShape.StatementKind.UPDATE;
      case "DELETE":
        return SqlShape.StatementKind.DELETE;
      case "MERGE":
        return SqlShape.StatementKind.MERGE;
      default:
        return SqlShape.StatementKind.OTHER;
    }
  }

  /**
   * The normalized SQL; with {@code params} (only captured with log-parameters on), their values in
   * place of the {@code ?} markers, or appended when literals were also taken out of the text.
   */
  static String exampleSql(SqlShape shape, Object[] params) {
    String sql = shape.normalizedSql();
    if (params == null || params.length == 0) {
      return sql;
    }
    if (shape.literalCount() == 0) {
      StringBuilder b = new StringBuilder(sql.length() + 16 * params.length);
      int p = 0;
      boolean quoted = false;
      for (int i = 0; i < sql.length(); i++) {
        char c = sql.charAt(i);
        if (c == '\'') {
          quoted = !quoted;
        }
        if (c == '?' && !quoted && p < params.length) {
          b.append(format(params[p++]));
        } else {
          b.append(c);
        }
      }
      if (p == params.length) {
        return b.toString();
      }
    }
    StringBuilder b = new StringBuilder(sql).append(" /* values: ");
    for (int i = 0; i < params.length; i++) {
      b.append(i == 0 ? "" : ", ").append(format(params[i]));
    }
    return b.append(" */").toString();
  }

  /** The longest text of one bind value in an example statement; a longer one is cut there. */
  static final int MAX_VALUE_CHARS = 200;

  private static String format(Object v) {
    if (v == null || v == AbstractProxyPreparedStatement.NULL_VALUE) {
      return "NULL";
    }
    if (v == AbstractProxyPreparedStatement.STREAM_VALUE) {
      return "<stream>";
    }
    if (v instanceof byte[]) {
      return "<" + ((byte[]) v).length + " bytes>";
    }
    String text;
    try {
      text = v instanceof Object[] ? Arrays.toString((Object[]) v) : v.toString();
    } catch (RuntimeException e) {
      // An application type's toString that throws must not cost the scope its findings.
      Failures.log("formatting a bind value of " + v.getClass().getName(), e);
      return "<" + v.getClass().getName() + ">";
    }
    if (text == null) {
      text = "null";
    } else if (text.length() > MAX_VALUE_CHARS) {
      int cut = MAX_VALUE_CHARS;
      if (Character.isHighSurrogate(text.charAt(cut - 1))) {
        cut--;
      }
      text = text.substring(0, cut) + "…";
    }
    if (v instanceof Number || v instanceof Boolean || v instanceof Object[]) {
      return text;
    }
    return "'" + text.replace("'", "''") + "'";
  }

  /** One query shape in a scope. */
  static final class Entry {
    final SqlShape shape;
    long firstValues;
    long firstNanos;
    boolean firstMulti;
    boolean firstBatch;
    Object[] firstParams;
    JdbcContext context;
    long order;
    Thread thread;
    SqlShape latest;
    Correlation correlation;
    Group[] groups;
    int groupCount;
    CallSite lastSite;

    /** The group of {@link #lastSite}, once an execution was counted with it. */
    Group lastGroup;

    /** Executions counted with {@link #lastSite} since it was walked: the run's length. */
    int streak;

    /** The run length at which the run is next due for a confirming walk. */
    int confirmAt;

    /** Time the run's queries took since its last walk, in nanoseconds. */
    long sinceWalk;

    /** The shape hash of the statement before this shape's last execution on its thread. */
    long predecessor;

    /**
     * While the run is shorter than this, another query before an execution does not make it walk:
     * set after such a walk found the run's own site, further each time ({@link #guardGap}).
     */
    int guardAt;

    /** How many executions the next such walk waits; doubles up to {@link #MAX_GAP}. */
    int guardGap = 1;

    /** Whether the last walk found another site than the run's. */
    boolean siteChanged;

    long overflowExecutions;
    int lastCheckout;
    int checkouts;

    Entry(SqlShape shape) {
      this.shape = shape;
    }

    /** All executions of the shape: the first, those of each call site and the overflow. */
    long executions() {
      if (groupCount == 0) {
        return 1 + overflowExecutions;
      }
      long n = overflowExecutions;
      for (int i = 0; i < groupCount; i++) {
        n += groups[i].executions;
      }
      return n;
    }

    /** The group of {@code site}, or null. */
    Group groupOf(CallSite site) {
      for (int i = 0; i < groupCount; i++) {
        if (groups[i].site.equals(site)) {
          return groups[i];
        }
      }
      return null;
    }

    /**
     * Goes on with what the implicit scope before this one handed on for the shape, before its
     * first repeat here: a carried run is due for a confirming walk at that repeat and counted on
     * from there; carried sampling goes on as a continuation.
     */
    void goOn(Carry carry) {
      if (carry.site != null) {
        lastSite = carry.site;
        streak = carry.run;
        confirmAt = carry.run;
        sinceWalk = Long.MAX_VALUE / 2;
      }
      if (carry.sampled) {
        correlation = Correlation.continued(carry.found, carry.multiRow);
      }
    }

    /** Counts {@code checkout} (the thread's checkout number, 0 before any) once. */
    void checkout(int checkout) {
      if (checkout != lastCheckout) {
        lastCheckout = checkout;
        checkouts++;
      }
    }

    void record(
        CallSite site,
        long values,
        boolean multi,
        Object[] params,
        int paramCount,
        long nanos,
        boolean batch,
        int maxValueSets) {
      // Within a run the site is the run's own object: its group is the last one counted.
      Group g = site == lastSite ? lastGroup : null;
      if (g == null) {
        g = groupOf(site);
      }
      Group[] gs = groups;
      if (g == null) {
        if (groupCount >= MAX_SITES_PER_SHAPE) {
          overflowExecutions++;
          lastGroup = null;
          return;
        }
        g = new Group(site, maxValueSets);
        if (gs == null) {
          groups = gs = new Group[2];
          // The first execution had no stack: it counts with the call site of the second.
          g.add(firstValues, firstMulti, firstBatch, firstNanos);
          g.example = firstParams;
        } else if (groupCount == gs.length) {
          groups = gs = Arrays.copyOf(gs, groupCount * 2);
        }
        gs[groupCount++] = g;
      }
      g.add(values, multi, batch, nanos);
      if (lastGroup != g) {
        lastGroup = g;
      }
      if (g.example == null && params != null) {
        g.example = Arrays.copyOf(params, paramCount);
      }
    }
  }

  /** One query shape from one call site. */
  static final class Group {
    final CallSite site;
    final LongSet values;
    int executions;
    int batches;
    int multi;
    long totalNanos;
    Object[] example;

    /**
     * Copies of {@code values.size()} and {@code values.saturated()}, so that counting an execution
     * once the set is full, or checking {@link #wouldVary} while it holds several values, does not
     * read the set.
     */
    private int distinct;

    private boolean full;

    Group(CallSite site, int maxValueSets) {
      this.site = site;
      this.values = new LongSet(maxValueSets);
    }

    /**
     * Whether counting an execution with {@code valuesHash} here would give this site, so far a
     * repeat of one value set, a second one: the step that turns a duplicate into a per-row
     * pattern, which must not rest on a call site that was assumed rather than walked.
     */
    boolean wouldVary(long valuesHash, boolean multiOrBatch) {
      return !multiOrBatch && distinct == 1 && !full && !values.contains(valuesHash);
    }

    /** Executions with one value each, not in a JDBC batch: what a per-row loop sends. */
    int single() {
      return executions - batches - multi;
    }

    void add(long valuesHash, boolean isMulti, boolean batch, long nanos) {
      executions++;
      totalNanos += nanos;
      if (batch) {
        batches++;
      } else if (isMulti) {
        multi++;
      } else if (!full) {
        LongSet v = values;
        v.add(valuesHash);
        distinct = v.size();
        full = v.saturated();
      }
    }
  }
}
