package dev.nplusone.internal;

import dev.nplusone.Finding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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

  /** Consecutive executions of a shape from one call site after which stacks are sampled. */
  static final int STREAK = 256;

  /** Once in a streak, one execution in this many (a power of two) walks the stack. */
  static final int SAMPLE = 16;

  /** Call sites kept per query shape; executions from further sites are counted, not analysed. */
  static final int MAX_SITES_PER_SHAPE = 64;

  final String name;
  final int type;
  final Settings settings;
  final ThreadState owner;
  volatile boolean closed;

  long statements;
  long droppedStatements;

  private long[] keys = new long[16];
  private Entry[] entries = new Entry[16];
  private int size;

  /** Findings reported by scopes nested in this one, and their keys, so they are not repeated. */
  final List<Finding> nestedFindings = new ArrayList<>();

  final Set<Long> nestedKeys = new HashSet<>();

  /** The findings after close: nested and own. */
  List<Finding> finalFindings;

  ScopeData(String name, int type, Settings settings, ThreadState owner) {
    this.name = name;
    this.type = type;
    this.settings = settings;
    this.owner = owner;
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

  void record(
      ThreadState ts,
      Settings connection,
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
    Entry e = find(h);
    if (e == null) {
      if (size >= settings.maxFingerprints) {
        droppedStatements++;
        return;
      }
      e = new Entry(shape);
      e.firstValues = valuesHash;
      e.firstNanos = elapsed;
      e.firstMulti = multi;
      e.firstBatch = batchSize > 0;
      e.context = ts.context;
      e.order = statements;
      e.thread = Thread.currentThread();
      if (connection.logParameters && params != null) {
        e.firstParams = Arrays.copyOf(params, paramCount);
      }
      insert(h, e);
      return;
    }
    if (ts.context != null && ts.context.valueCorrelation) {
      e.latest = shape;
      e.correlation = Correlation.sample(e.correlation, ts.values, shape, params, paramCount);
    }
    CallSite site = ts.siteIfTaken();
    if (site == null
        && e.streak >= Math.max(STREAK, settings.threshold)
        && (++e.unwalked & (SAMPLE - 1)) != 0) {
      // A long run from one call site: walk only every SAMPLE-th execution and count the others
      // with that site; a walk that finds another site ends the run.
      site = e.lastSite;
    } else {
      if (site == null) {
        site = ts.callSite(connection.rules);
      }
      site = ts.callSite(connection.rules);
      if (site.equals(e.lastSite)) {
        e.streak++;
      } else {
        e.lastSite = site;
        e.streak = 0;
      }
    }
    e.record(
        site,
        valuesHash,
        multi,
        connection.logParameters ? params : null,
        paramCount,
        elapsed,
        batchSize > 0,
        settings.maxValueSets);
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
        // One value per execution, not in a JDBC batch: what a per-row loop sends.
        int single = g.executions - g.batches - g.multi;
        if (single < settings.threshold) {
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

  private static String format(Object v) {
    if (v == null || v == AbstractProxyPreparedStatement.NULL_VALUE) {
      return "NULL";
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    if (v == AbstractProxyPreparedStatement.STREAM_VALUE) {
      return "<stream>";
    }
    if (v instanceof byte[]) {
      return "<" + ((byte[]) v).length + " bytes>";
    }
    if (v instanceof Object[]) {
      return Arrays.toString((Object[]) v);
    }
    return "'" + v.toString().replace("'", "''") + "'";
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
    int streak;
    int unwalked;
    long overflowExecutions;

    Entry(SqlShape shape) {
      this.shape = shape;
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
      Group g = null;
      Group[] gs = groups;
      for (int i = 0; i < groupCount; i++) {
        if (gs[i].site.equals(site)) {
          g = gs[i];
          break;
        }
      }
      if (g == null) {
        if (groupCount >= MAX_SITES_PER_SHAPE) {
          overflowExecutions++;
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

    Group(CallSite site, int maxValueSets) {
      this.site = site;
      this.values = new LongSet(maxValueSets);
    }

    void add(long valuesHash, boolean isMulti, boolean batch, long nanos) {
      executions++;
      totalNanos += nanos;
      if (batch) {
        batches++;
      } else if (isMulti) {
        multi++;
      } else {
        values.add(valuesHash);
      }
    }
  }
}
