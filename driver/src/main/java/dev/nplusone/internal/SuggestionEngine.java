package dev.nplusone.internal;

import dev.nplusone.Finding;
import dev.nplusone.SqlDialect;
import dev.nplusone.Suggestion;
import dev.nplusone.internal.SqlRewriter.Link;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes the {@link Suggestion} of each N+1 finding when a scope is analysed (cold path, findings
 * only): finds the parent query from the value votes ({@link Correlation}), else from foreign keys
 * ({@link SchemaMetadata}), else from column names; groups the children of one parent into one
 * join; asks {@link SqlRewriter} for the rewrites; adds ORM hints and missing indexes. Never
 * throws: a failure leaves the finding without a suggestion.
 */
final class SuggestionEngine {
  private SuggestionEngine() {}

  /** One N+1 finding of the scope: its place in the findings list, its shape and call site. */
  static final class Child {
    final int index;
    final ScopeData.Entry entry;
    final ScopeData.Group group;

    Child(int index, ScopeData.Entry entry, ScopeData.Group group) {
      this.index = index;
      this.entry = entry;
      this.group = group;
    }
  }

  /** What was worked out for one child. */
  private static final class Plan {
    Child child;
    String childSql;
    SqlDialect dialect;
    JdbcContext context;
    ScopeData.Entry parent;
    String parentSql;
    Suggestion.Evidence evidence = Suggestion.Evidence.NONE;
    List<Link> links = new ArrayList<>();
    boolean toMany;
    String childTable;
    String joinColumns;
    String joinRewrite;
    String batchRewrite;
    List<String> childColumns = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<String> joinNotes = new ArrayList<>();
    List<String> batchNotes = new ArrayList<>();
    List<String> ormHints = new ArrayList<>();
    List<String> indexes = new ArrayList<>();
  }

  private static final Pattern HIBERNATE_ALIAS = Pattern.compile("\\b[a-z][a-z0-9_]*?\\d+_\\d+\\.");

  static void suggest(ScopeData scope, List<Child> children, List<ScopeData.Found> out) {
    if (children.isEmpty() || Boolean.TRUE.equals(SchemaMetadata.READING.get())) {
      return;
    }
    List<Plan> plans = new ArrayList<>();
    for (Child c : children) {
      try {
        plans.add(link(scope, c));
      } catch (RuntimeException | StackOverflowError e) {
        Failures.log("finding the parent query of an N+1", e);
      }
    }
    try {
      joins(plans);
    } catch (RuntimeException | StackOverflowError e) {
      Failures.log("writing the join rewrite of an N+1", e);
    }
    Bridge bridge = Bridge.get();
    for (Plan p : plans) {
      try {
        finish(p);
        ScopeData.Found f = out.get(p.child.index);
        List<String> notes = new ArrayList<>(p.notes);
        for (String n : p.joinNotes) {
          if (!notes.contains(n)) {
            notes.add(n);
          }
        }
        for (String n : p.batchNotes) {
          if (!notes.contains(n)) {
            notes.add(n);
          }
        }
        Suggestion s =
            bridge.suggestion(
                p.parent == null ? null : p.parent.shape.normalizedSql(),
                p.evidence,
                p.parent == null ? null : p.joinColumns,
                p.joinRewrite,
                p.batchRewrite,
                p.ormHints,
                p.indexes,
                notes);
        Finding withSuggestion = bridge.withSuggestion(f.finding, s);
        out.set(p.child.index, new ScopeData.Found(f.key, withSuggestion));
      } catch (RuntimeException | StackOverflowError e) {
        Failures.log("writing the suggestion of an N+1", e);
      }
    }
  }

  // ---------------------------------------------------------------- finding the parent

  private static Plan link(ScopeData scope, Child c) {
    Plan p = new Plan();
    p.child = c;
    ScopeData.Entry e = c.entry;
    p.context = e.context;
    p.dialect = e.context == null ? SqlDialect.GENERIC : e.context.dialect();
    String raw = e.shape.rawSql();
    p.childSql = raw != null ? raw : e.shape.normalizedSql();
    Correlation corr = e.correlation;
    p.toMany = corr != null && corr.multiRow;
    if (corr != null && corr.paramCount > 0) {
      byValue(scope, p, corr, null);
    }
    if (p.parent == null
        && e.shape.literalCount() > 0
        && raw != null
        && e.thread == Thread.currentThread()
        && e.context != null
        && e.context.valueCorrelation) {
      byLiteral(scope, p);
    }
    if (p.parent == null) {
      byStructure(scope, p);
    }
    if (p.parent != null && p.joinColumns == null) {
      p.joinColumns = SqlRewriter.parentColumn(p.parentSql, p.links.get(0));
    }
    int literalLinks = 0;
    for (Link l : p.links) {
      literalLinks += l.childLiteral != null ? 1 : 0;
    }
    if (raw != null && e.shape.literalCount() > literalLinks) {
      p.notes.add(
          "the rewrites keep the repeated query's other literals as its first execution wrote"
              + " them");
    }
    return p;
  }

  /** Picks, per bind position, the column that supplied the values most often. */
  private static void byValue(ScopeData scope, Plan p, Correlation corr, List<Object> literals) {
    // A column must account for at least half of the samples that found any candidate.
    int needed = Math.max(2, (corr.hits + 1) / 2);
    if (literals != null) {
      needed = Math.min(2, corr.samples);
    }
    SqlShape parentShape = null;
    int votes = 0;
    for (int r = 0; r < corr.paramCount; r++) {
      int best = -1;
      boolean bestNamed = false;
      for (int i = 0; i < corr.sizes[r]; i++) {
        SqlShape o = corr.origins[r][i];
        ScopeData.Entry pe = scope.entry(o.hash());
        if (pe == null || pe == p.child.entry || corr.all[r][i] < needed) {
          continue;
        }
        if (parentShape != null && o.hash() != parentShape.hash()) {
          continue;
        }
        boolean named = namesMatch(p, corr, r, i, literals);
        if (best < 0
            || (named && !bestNamed)
            || (named == bestNamed
                && (corr.all[r][i] > corr.all[r][best]
                    || (corr.all[r][i] == corr.all[r][best]
                        && corr.recent[r][i] > corr.recent[r][best])))) {
          best = i;
          bestNamed = named;
        }
      }
      if (best < 0) {
        continue;
      }
      SqlShape o = corr.origins[r][best];
      if (parentShape == null) {
        parentShape = o;
        votes = corr.all[r][best];
      }
      String label = corr.labels[r][best];
      int column = label == null ? corr.columns[r][best] : 0;
      int param = corr.params[r];
      if (literals == null) {
        p.links.add(Link.parameter(param, label, column));
      } else {
        Object lit = literals.get(param - 1);
        p.links.add(Link.literal(lit, label, column));
      }
    }
    if (parentShape == null) {
      return;
    }
    p.parent = scope.entry(parentShape.hash());
    p.parentSql = parentSqlOf(p.parent, p);
    p.evidence = Suggestion.Evidence.VALUE_CORRELATION;
    p.notes.add(
        "the repeated query's values were read from the parent query's rows ("
            + votes
            + " of "
            + (literals != null ? corr.samples : corr.hits)
            + " sampled executions matched)");
  }

  /**
   * Whether candidate {@code i} for bind row {@code r} has a name that fits the child's lookup
   * column: the same name ({@code order_id = order_id}) or the table's key ({@code organization_id
   * = organizations.id}). Breaks ties between columns whose values overlap.
   */
  private static boolean namesMatch(Plan p, Correlation corr, int r, int i, List<Object> literals) {
    int param = corr.params[r];
    Link childLink =
        literals == null
            ? Link.parameter(param, null, 0)
            : Link.literal(literals.get(param - 1), null, 0);
    String[] child = SqlRewriter.lookupColumn(p.childSql, childLink);
    if (child == null) {
      return false;
    }
    SqlShape origin = corr.origins[r][i];
    String parentSql = origin.rawSql() != null ? origin.rawSql() : origin.normalizedSql();
    String label = corr.labels[r][i];
    String parent =
        SqlRewriter.parentColumn(
            parentSql, Link.parameter(1, label, label == null ? corr.columns[r][i] : 0));
    if (parent == null) {
      return false;
    }
    String pc = parent.substring(parent.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    String table = child[0].toLowerCase(Locale.ROOT);
    String cc = child[1].toLowerCase(Locale.ROOT);
    return pc.equals(cc)
        || pc.equals(singular(table) + "_" + cc)
        || pc.equals(singular(lastWord(table)) + "_" + cc);
  }

  /** For statements with inlined literals: looks the literals of two executions up now. */
  private static void byLiteral(ScopeData scope, Plan p) {
    List<Object> first = SqlRewriter.literals(p.childSql);
    if (first.isEmpty()) {
      return;
    }
    Correlation corr = new Correlation();
    ValueIndex index = ValueIndex.current();
    Set<String> seen = new LinkedHashSet<>();
    seen.add(p.childSql);
    SqlShape latest = p.child.entry.latest;
    if (latest != null && latest.rawSql() != null) {
      seen.add(latest.rawSql());
    }
    for (String sql : seen) {
      List<Object> lits = sql.equals(p.childSql) ? first : SqlRewriter.literals(sql);
      corr.samples++;
      corr.hits++;
      for (int i = 0; i < lits.size() && i < Correlation.MAX_PARAMS; i++) {
        index.vote(ValueIndex.hash(lits.get(i)), i + 1, p.child.entry.shape, corr);
      }
    }
    byValue(scope, p, corr, first);
    if (p.parent != null) {
      p.notes.add(
          "the repeated query inlines its values as literals; the rewrites put markers in their"
              + " place");
    }
  }

  /**
   * Answers of {@link #byStructure} and {@link #finish}: they read SQL text, names and database
   * metadata, never the values a scope saw, so the same N+1 reported again (request after request)
   * asks them the same questions. Keyed by the connection context (its identity and {@link
   * SchemaMetadata#stamp}) and the SQL involved; an answer given while metadata was read, awaited
   * or failing is not kept, so a later read still happens. Bounded; answers are not changed after.
   */
  private static final com.github.benmanes.caffeine.cache.Cache<List<Object>, Object> ANSWERS =
      com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
          .maximumSize(1024)
          .executor(Runnable::run)
          .recordStats()
          .build();

  /** How many answers were served from {@link #ANSWERS}, for tests. */
  static long answersReused() {
    return ANSWERS.stats().hitCount();
  }

  private static long contextId(JdbcContext c) {
    return c == null ? 0 : c.id;
  }

  private static long stamp(JdbcContext c) {
    return c == null ? 0 : c.schema.stamp();
  }

  /** What {@link #byStructureUncached} found, with the parent as its place among the candidates. */
  private static final class Structure {
    final String childTable;
    final int parent;
    final String parentSql;
    final Suggestion.Evidence evidence;
    final List<Link> links;
    final boolean toMany;
    final String joinColumns;
    final List<String> notes;

    Structure(Plan q, List<ScopeData.Entry> candidates) {
      childTable = q.childTable;
      parent = q.parent == null ? -1 : candidates.indexOf(q.parent);
      parentSql = q.parentSql;
      evidence = q.evidence;
      links = List.copyOf(q.links);
      toMany = q.toMany;
      joinColumns = q.joinColumns;
      notes = List.copyOf(q.notes);
    }

    void applyTo(Plan p, List<ScopeData.Entry> candidates) {
      p.childTable = childTable;
      if (parent >= 0) {
        p.parent = candidates.get(parent);
        p.parentSql = parentSql;
        p.evidence = evidence;
      }
      p.links.addAll(links);
      p.toMany |= toMany;
      if (joinColumns != null) {
        p.joinColumns = joinColumns;
      }
      p.notes.addAll(notes);
    }
  }

  /**
   * A fresh plan with what {@link #byStructureUncached} and {@link #finishUncached} read of the
   * child (its SQL, context and dialect), for working out an answer to remember.
   */
  private static Plan scratch(Plan p) {
    Plan q = new Plan();
    q.context = p.context;
    q.dialect = p.dialect;
    q.childSql = p.childSql;
    return q;
  }

  /** The scope's SELECTs that ran before the child, latest first, at most eight. */
  private static List<ScopeData.Entry> candidates(ScopeData scope, ScopeData.Entry child) {
    List<ScopeData.Entry> candidates = new ArrayList<>();
    for (ScopeData.Entry e : scope.entries()) {
      if (e != child
          && e.order < child.order
          && ScopeData.kindOf(e.shape) == SqlShape.StatementKind.SELECT) {
        candidates.add(e);
      }
    }
    candidates.sort((a, b) -> Long.compare(b.order, a.order));
    return candidates.size() > 8 ? candidates.subList(0, 8) : candidates;
  }

  /** {@link #byStructureUncached}, answered once per context, child SQL and candidates' SQL. */
  private static void byStructure(ScopeData scope, Plan p) {
    List<ScopeData.Entry> candidates = candidates(scope, p.child.entry);
    long stamp = stamp(p.context);
    Object[] k = new Object[4 + candidates.size()];
    k[0] = contextId(p.context);
    k[1] = stamp;
    k[2] = p.childSql;
    k[3] = "structure";
    for (int i = 0; i < candidates.size(); i++) {
      k[4 + i] = sqlOf(candidates.get(i));
    }
    List<Object> key = java.util.Arrays.asList(k);
    Structure s = (Structure) ANSWERS.getIfPresent(key);
    if (s == null) {
      Plan q = scratch(p);
      byStructureUncached(q, candidates);
      s = new Structure(q, candidates);
      if (stamp(p.context) == stamp) {
        ANSWERS.put(key, s);
      }
    }
    s.applyTo(p, candidates);
  }

  /** Foreign keys, then names: the nearest earlier SELECT of the scope that links. */
  private static void byStructureUncached(Plan p, List<ScopeData.Entry> candidates) {
    Object[] lookup = SqlRewriter.firstLookup(p.childSql);
    if (lookup == null) {
      p.notes.add(
          "no parent query was found: the repeated query is not a single-table lookup by '='");
      return;
    }
    String childTable = ((String) lookup[0]).toLowerCase(Locale.ROOT);
    String childColumn = ((String) lookup[1]).toLowerCase(Locale.ROOT);
    p.childTable = childTable;
    Link childLink =
        lookup[2] instanceof Integer
            ? Link.parameter((Integer) lookup[2], null, 0)
            : Link.literal(lookup[2], null, 0);
    Map<ScopeData.Entry, List<String>> tablesOf = new LinkedHashMap<>();
    Set<String> names = new LinkedHashSet<>();
    names.add(childTable);
    for (ScopeData.Entry e : candidates) {
      List<String> t = SqlRewriter.tables(sqlOf(e));
      tablesOf.put(e, t);
      names.addAll(t);
    }
    Map<String, SchemaMetadata.Table> meta =
        p.context == null ? Map.of() : p.context.schema.tables(names, p.notes);
    // Foreign keys.
    for (ScopeData.Entry e : candidates) {
      for (String pt : tablesOf.get(e)) {
        SchemaMetadata.Table parentMeta = meta.get(pt);
        SchemaMetadata.Table childMeta = meta.get(childTable);
        if (parentMeta != null) {
          for (SchemaMetadata.ForeignKey fk : parentMeta.imported) {
            if (childTable.equals(fk.refTable)
                && childColumn.equals(fk.refColumn)
                && structural(p, e, fk.column, childLink, false, Suggestion.Evidence.FOREIGN_KEY)) {
              p.joinColumns = pt + "." + fk.column + " = " + childTable + "." + childColumn;
              return;
            }
          }
        }
        if (childMeta != null) {
          for (SchemaMetadata.ForeignKey fk : childMeta.imported) {
            if (pt.equals(fk.refTable)
                && childColumn.equals(fk.column)
                && structural(
                    p, e, fk.refColumn, childLink, true, Suggestion.Evidence.FOREIGN_KEY)) {
              p.joinColumns = pt + "." + fk.refColumn + " = " + childTable + "." + childColumn;
              return;
            }
          }
        }
      }
    }
    // Names.
    for (ScopeData.Entry e : candidates) {
      for (String pt : tablesOf.get(e)) {
        List<String> parentColumns = new ArrayList<>();
        boolean toMany = false;
        if (childColumn.equals("id")) {
          parentColumns.add(singular(childTable) + "_id");
          parentColumns.add(singular(lastWord(childTable)) + "_id");
        } else if (childColumn.endsWith("_id")) {
          String stem = singular(childColumn.substring(0, childColumn.length() - 3));
          if (singular(pt).equals(stem) || singular(pt).endsWith("_" + stem)) {
            parentColumns.add("id");
            toMany = true;
          }
        }
        for (String parentColumn : parentColumns) {
          if (structural(p, e, parentColumn, childLink, toMany, Suggestion.Evidence.NAMING)) {
            p.joinColumns = pt + "." + parentColumn + " = " + childTable + "." + childColumn;
            return;
          }
        }
      }
    }
    if (p.links.isEmpty()) {
      p.links.add(childLink);
    }
    p.notes.add(
        "no earlier query of the scope was found to supply the values (no value match, foreign key"
            + " or naming convention); only the batch rewrite is offered");
  }

  private static boolean structural(
      Plan p,
      ScopeData.Entry parent,
      String parentColumn,
      Link childLink,
      boolean toMany,
      Suggestion.Evidence evidence) {
    String parentSql = sqlOf(parent);
    Link probe =
        childLink.childLiteral != null
            ? Link.literal(childLink.childLiteral, parentColumn, 0)
            : Link.parameter(childLink.childParameter, parentColumn, 0);
    if (SqlRewriter.parentColumn(parentSql, probe) == null) {
      return false;
    }
    p.parent = parent;
    p.parentSql = parentSqlOf(parent, p);
    p.links.add(probe);
    p.toMany |= toMany;
    p.evidence = evidence;
    if (evidence == Suggestion.Evidence.FOREIGN_KEY) {
      p.notes.add(
          "the parent query was found by a foreign key, not by the values it read: check that it is"
              + " the query whose rows drove the loop");
    } else {
      p.notes.add(
          "weak evidence: the parent query was guessed from column names only; no join is offered"
              + " until the values or a foreign key confirm it");
    }
    return true;
  }

  private static String sqlOf(ScopeData.Entry e) {
    String raw = e.shape.rawSql();
    return raw != null ? raw : e.shape.normalizedSql();
  }

  /** The parent's SQL for the rewrite: raw when it has no literals, else normalized. */
  private static String parentSqlOf(ScopeData.Entry parent, Plan p) {
    if (parent.shape.literalCount() == 0 || parent.shape.rawSql() == null) {
      return sqlOf(parent);
    }
    p.notes.add(
        "the parent query's literals are shown as markers in the join rewrite: bind the values the"
            + " parent used");
    return parent.shape.normalizedSql();
  }

  // ---------------------------------------------------------------- rewrites

  /** One join per parent, holding every child of that parent. */
  private static void joins(List<Plan> plans) {
    Map<ScopeData.Entry, List<Plan>> byParent = new LinkedHashMap<>();
    for (Plan p : plans) {
      if (p.parent != null
          && !p.links.isEmpty()
          && (p.evidence == Suggestion.Evidence.VALUE_CORRELATION
              || p.evidence == Suggestion.Evidence.FOREIGN_KEY)) {
        byParent.computeIfAbsent(p.parent, k -> new ArrayList<>()).add(p);
      }
    }
    for (Map.Entry<ScopeData.Entry, List<Plan>> g : byParent.entrySet()) {
      List<Plan> group = g.getValue();
      group.sort((a, b) -> Long.compare(a.child.entry.order, b.child.entry.order));
      List<SqlRewriter.Child> kids = new ArrayList<>();
      Set<ScopeData.Entry> joined = new java.util.HashSet<>();
      for (Plan p : group) {
        // One shape run from two call sites is still one child to join.
        if (joined.add(p.child.entry)) {
          kids.add(new SqlRewriter.Child(p.childSql, p.links, p.toMany));
        }
      }
      SqlRewriter.Rewrite all = SqlRewriter.joinRewrite(group.get(0).parentSql, kids);
      if (all.sql() != null) {
        for (Plan p : group) {
          p.joinRewrite = all.sql();
          p.joinNotes.addAll(all.notes());
          if (kids.size() > 1) {
            p.joinNotes.add(
                "the join also replaces "
                    + (kids.size() - 1)
                    + " other repeated "
                    + (kids.size() == 2 ? "query" : "queries")
                    + " driven by the same parent rows");
          }
        }
        continue;
      }
      for (Plan p : group) {
        SqlRewriter.Rewrite one =
            SqlRewriter.joinRewrite(
                p.parentSql, List.of(new SqlRewriter.Child(p.childSql, p.links, p.toMany)));
        p.joinRewrite = one.sql();
        p.joinNotes.addAll(one.notes());
      }
    }
  }

  /** What {@link #finishUncached} added to a plan. */
  private static final class Finish {
    final String batchRewrite;
    final List<String> batchNotes;
    final List<String> childColumns;
    final List<String> notes;
    final String joinColumns;
    final List<String> indexes;
    final List<String> ormHints;

    Finish(Plan q) {
      batchRewrite = q.batchRewrite;
      batchNotes = List.copyOf(q.batchNotes);
      childColumns = List.copyOf(q.childColumns);
      notes = List.copyOf(q.notes);
      joinColumns = q.joinColumns;
      indexes = List.copyOf(q.indexes);
      ormHints = List.copyOf(q.ormHints);
    }

    void applyTo(Plan p) {
      p.batchRewrite = batchRewrite;
      p.batchNotes.addAll(batchNotes);
      p.childColumns.addAll(childColumns);
      p.notes.addAll(notes);
      p.joinColumns = joinColumns;
      p.indexes.addAll(indexes);
      p.ormHints.addAll(ormHints);
    }
  }

  /** {@link #finishUncached}, answered once per context and everything of the plan it reads. */
  private static void finish(Plan p) {
    long stamp = stamp(p.context);
    List<Object> key =
        java.util.Arrays.asList(
            contextId(p.context),
            stamp,
            p.childSql,
            "finish",
            p.dialect,
            SqlRewriter.keys(p.links),
            p.parent != null,
            p.parentSql,
            p.joinColumns,
            p.evidence,
            p.toMany,
            p.childTable);
    Finish f = (Finish) ANSWERS.getIfPresent(key);
    if (f == null) {
      Plan q = scratch(p);
      q.links = p.links;
      q.parent = p.parent;
      q.parentSql = p.parentSql;
      q.joinColumns = p.joinColumns;
      q.evidence = p.evidence;
      q.toMany = p.toMany;
      q.childTable = p.childTable;
      finishUncached(q);
      f = new Finish(q);
      if (stamp(p.context) == stamp) {
        ANSWERS.put(key, f);
      }
    }
    f.applyTo(p);
  }

  private static void finishUncached(Plan p) {
    if (!p.links.isEmpty()) {
      SqlRewriter.Rewrite batch = SqlRewriter.batchRewrite(p.childSql, p.links, p.dialect);
      p.batchRewrite = batch.sql();
      p.batchNotes.addAll(batch.notes());
      p.childColumns.addAll(batch.childColumns());
    } else if (p.parent == null) {
      p.notes.add("no rewrite is offered: the repeated query's lookup column is not known");
    }
    if (p.joinColumns != null
        && p.evidence == Suggestion.Evidence.VALUE_CORRELATION
        && !p.joinColumns.contains(" = ")) {
      p.joinColumns =
          p.joinColumns
              + " = "
              + (p.childColumns.isEmpty()
                  ? (p.links.get(0).childLiteral != null
                      ? "a literal of the repeated query"
                      : "marker " + p.links.get(0).childParameter + " of the repeated query")
                  : p.childColumns.get(0));
    }
    if (p.parent != null && p.joinColumns == null && !p.childColumns.isEmpty()) {
      p.joinColumns = "? = " + p.childColumns.get(0);
    }
    indexes(p);
    orm(p);
  }

  // ---------------------------------------------------------------- indexes

  private static void indexes(Plan p) {
    if (p.context == null) {
      return;
    }
    String lookup = p.childColumns.isEmpty() ? null : p.childColumns.get(0);
    String parentSide = null;
    if (p.joinColumns != null && p.joinColumns.contains(" = ")) {
      parentSide = p.joinColumns.substring(0, p.joinColumns.indexOf(" = "));
    }
    Set<String> tables = new LinkedHashSet<>();
    String childTable = lookup == null ? null : lookup.substring(0, lookup.indexOf('.'));
    List<String> childCols = new ArrayList<>();
    if (lookup != null) {
      String cols = lookup.substring(lookup.indexOf('.') + 1);
      if (cols.startsWith("(")) {
        cols = cols.substring(1, cols.length() - 1);
      }
      for (String c : cols.split(",")) {
        childCols.add(c.trim());
      }
      tables.add(childTable.toLowerCase(Locale.ROOT));
    }
    String parentTable = null;
    String parentCol = null;
    if (parentSide != null && parentSide.indexOf('.') > 0 && !parentSide.contains("(")) {
      parentTable = parentSide.substring(0, parentSide.indexOf('.')).toLowerCase(Locale.ROOT);
      parentCol = parentSide.substring(parentSide.indexOf('.') + 1).toLowerCase(Locale.ROOT);
      tables.add(parentTable);
    }
    if (tables.isEmpty()) {
      return;
    }
    Map<String, SchemaMetadata.Table> meta = p.context.schema.tables(tables, p.notes);
    if (childTable != null) {
      SchemaMetadata.Table t = meta.get(childTable.toLowerCase(Locale.ROOT));
      if (t != null && t.found && !t.indexed(childCols.get(0))) {
        p.indexes.add(createIndex(p, childTable, childCols));
        p.notes.add(
            "the repeated query looks rows up by "
                + lookup
                + ", which is not the first column of any index: each lookup scans the table");
      }
    }
    if (parentTable != null && !parentTable.equalsIgnoreCase(childTable)) {
      SchemaMetadata.Table t = meta.get(parentTable);
      if (t != null && t.found && !t.indexed(parentCol)) {
        for (SchemaMetadata.ForeignKey fk : t.imported) {
          if (parentCol.equals(fk.column)) {
            p.indexes.add(createIndex(p, parentTable, List.of(parentCol)));
            p.notes.add(
                "the foreign key "
                    + parentTable
                    + "."
                    + parentCol
                    + " has no index (index every foreign key: joins and deletes of the"
                    + " referenced row need it)");
            break;
          }
        }
      }
    }
  }

  private static String createIndex(Plan p, String table, List<String> columns) {
    String name = (table + "_" + String.join("_", columns) + "_idx").toLowerCase(Locale.ROOT);
    if (name.length() > 63) {
      name = name.substring(0, 63);
    }
    boolean ifNotExists = true;
    if (p.dialect == SqlDialect.MYSQL || p.dialect == SqlDialect.MYSQL_ANSI_QUOTES) {
      String product = p.context.schema.product();
      String url = p.context.vendorUrl();
      boolean mariadb =
          (product != null && product.toLowerCase(Locale.ROOT).contains("mariadb"))
              || (product == null && url != null && url.startsWith("jdbc:mariadb:"));
      if (!mariadb) {
        ifNotExists = false;
        String note =
            "MySQL has no CREATE INDEX IF NOT EXISTS: run the index statement once, or check"
                + " information_schema.statistics first";
        if (!p.notes.contains(note)) {
          p.notes.add(note);
        }
      }
    }
    return "CREATE INDEX "
        + (ifNotExists ? "IF NOT EXISTS " : "")
        + name
        + " ON "
        + table
        + " ("
        + String.join(", ", columns)
        + ")";
  }

  // ---------------------------------------------------------------- ORM hints

  private static volatile Boolean ormOnClasspath;

  private static boolean ormOnClasspath() {
    Boolean b = ormOnClasspath;
    if (b == null) {
      b =
          present("org.hibernate.Session")
              || present("org.springframework.data.repository.Repository");
      ormOnClasspath = b;
    }
    return b;
  }

  private static boolean present(String className) {
    try {
      ClassLoader cl = Thread.currentThread().getContextClassLoader();
      Class.forName(className, false, cl != null ? cl : SuggestionEngine.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
      return false;
    }
  }

  /** For tests: forget whether Hibernate or Spring Data is on the classpath. */
  static void resetOrmDetection() {
    ormOnClasspath = null;
    ANSWERS.invalidateAll();
  }

  static boolean hibernateSql(String sql) {
    return sql != null
        && (sql.contains("/* load ")
            || (digitUnderscoreDigit(sql) && HIBERNATE_ALIAS.matcher(sql).find()));
  }

  /**
   * Whether {@code sql} holds a digit, an underscore and a digit in a row: what every match of
   * {@link #HIBERNATE_ALIAS} contains, so SQL without it is not searched with the expression.
   */
  static boolean digitUnderscoreDigit(String sql) {
    for (int i = sql.indexOf('_', 1); i > 0 && i < sql.length() - 1; i = sql.indexOf('_', i + 1)) {
      if (isAsciiDigit(sql.charAt(i - 1)) && isAsciiDigit(sql.charAt(i + 1))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static void orm(Plan p) {
    boolean hibernate =
        hibernateSql(p.childSql) || (p.parentSql != null && hibernateSql(p.parentSql));
    if (!hibernate && !ormOnClasspath()) {
      return;
    }
    String lookup = p.childColumns.isEmpty() ? null : p.childColumns.get(0);
    String childTable = lookup != null ? lookup.substring(0, lookup.indexOf('.')) : p.childTable;
    if (childTable == null) {
      return;
    }
    String parentSide =
        p.joinColumns != null && p.joinColumns.contains(" = ")
            ? p.joinColumns.substring(0, p.joinColumns.indexOf(" = "))
            : null;
    String parentTable =
        parentSide != null && parentSide.indexOf('.') > 0
            ? parentSide.substring(0, parentSide.indexOf('.'))
            : null;
    String attribute;
    String basis;
    if (p.toMany || parentSide == null) {
      attribute = camel(childTable);
      basis = "the table " + childTable;
    } else {
      String col = parentSide.substring(parentSide.indexOf('.') + 1);
      String stem =
          col.toLowerCase(Locale.ROOT).endsWith("_id") ? col.substring(0, col.length() - 3) : col;
      attribute = camel(stem);
      basis = "the column " + parentSide;
    }
    String guess = " (attribute name guessed from " + basis + ": use your mapping's name)";
    if (parentTable != null) {
      String entity =
          Character.toUpperCase(singular(camel(parentTable)).charAt(0))
              + singular(camel(parentTable)).substring(1);
      p.ormHints.add(
          "JOIN FETCH: select e from "
              + entity
              + " e left join fetch e."
              + attribute
              + " loads "
              + childTable
              + " with the "
              + parentTable
              + " rows in one query"
              + guess);
      p.ormHints.add(
          "@EntityGraph(attributePaths = \""
              + attribute
              + "\") on the Spring Data repository method that loads the "
              + parentTable
              + " rows does the same");
    }
    p.ormHints.add(
        "@BatchSize(size = 100) on "
            + (p.toMany ? "the " + attribute + " collection" : "the entity mapped to " + childTable)
            + ", or hibernate.default_batch_fetch_size=100 for every association, loads "
            + childTable
            + " rows in batches of up to 100 ids instead of one per row");
  }

  // ---------------------------------------------------------------- names

  static String singular(String s) {
    String t = s.toLowerCase(Locale.ROOT);
    if (t.endsWith("ies") && t.length() > 3) {
      return t.substring(0, t.length() - 3) + "y";
    }
    if (t.endsWith("sses") || t.endsWith("xes") || t.endsWith("ches") || t.endsWith("shes")) {
      return t.substring(0, t.length() - 2);
    }
    if (t.endsWith("s") && !t.endsWith("ss") && t.length() > 1) {
      return t.substring(0, t.length() - 1);
    }
    return t;
  }

  private static String lastWord(String s) {
    int i = s.lastIndexOf('_');
    return i < 0 ? s : s.substring(i + 1);
  }

  private static String camel(String s) {
    StringBuilder b = new StringBuilder();
    boolean up = false;
    for (char ch : s.toLowerCase(Locale.ROOT).toCharArray()) {
      if (ch == '_') {
        up = b.length() > 0;
      } else {
        b.append(up ? Character.toUpperCase(ch) : ch);
        up = false;
      }
    }
    return b.length() == 0 ? s : b.toString();
  }
}
