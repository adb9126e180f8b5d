package dev.nplusone.internal;

import dev.nplusone.SqlDialect;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * Writes the fix for an N+1 as SQL that runs: the parent query with each repeated child {@code LEFT
 * JOIN}ed on the correlated columns, or the child as one query for all values. Runs on the cold
 * path only (when a finding is reported), with JSqlParser; never throws: what it cannot rewrite it
 * says, in {@link Rewrite#notes()}.
 */
public final class SqlRewriter {
  private SqlRewriter() {}

  /**
   * How one repeated child query took its value from the parent's rows: the child's value at {@code
   * childParameter} (1-based JDBC marker position), or the inlined literal {@code childLiteral},
   * came from the parent's result column {@code parentColumn} (label as read) or {@code
   * parentColumnIndex} (1-based).
   */
  public static final class Link {
    final int childParameter;
    final Object childLiteral;
    final String parentColumn;
    final int parentColumnIndex;

    private Link(int childParameter, Object childLiteral, String parentColumn, int columnIndex) {
      this.childParameter = childParameter;
      this.childLiteral = childLiteral;
      this.parentColumn = parentColumn;
      this.parentColumnIndex = columnIndex;
    }

    /** The child's marker {@code childParameter} took the parent's column {@code parentColumn}. */
    public static Link parameter(int childParameter, String parentColumn, int parentColumnIndex) {
      return new Link(childParameter, null, parentColumn, parentColumnIndex);
    }

    /** The child's inlined literal equal to {@code value} came from the parent's column. */
    public static Link literal(Object value, String parentColumn, int parentColumnIndex) {
      return new Link(0, value, parentColumn, parentColumnIndex);
    }
  }

  /** A repeated child query: its raw SQL, how it links to the parent, whether it is to-many. */
  public static final class Child {
    final String sql;
    final List<Link> links;
    final boolean toMany;

    /**
     * @param sql one raw execution of the child, with its markers as prepared
     * @param links where its values came from: one link, or one per column of a composite key
     * @param toMany whether one execution returned several rows
     */
    public Child(String sql, List<Link> links, boolean toMany) {
      this.sql = Objects.requireNonNull(sql, "sql");
      this.links = List.copyOf(links);
      if (this.links.isEmpty()) {
        throw new IllegalArgumentException("a child needs at least one link");
      }
      this.toMany = toMany;
    }
  }

  /** A rewrite: the SQL, or null when none could be written, and what the reader should know. */
  public static final class Rewrite {
    private final String sql;
    private final List<String> notes;
    private final List<String> childColumns;

    Rewrite(String sql, List<String> notes, List<String> childColumns) {
      this.sql = sql;
      this.notes = List.copyOf(notes);
      this.childColumns = List.copyOf(childColumns);
    }

    /** The rewritten SQL, or null. */
    public String sql() {
      return sql;
    }

    /** Why there is no rewrite, or what to do with the one there is. */
    public List<String> notes() {
      return notes;
    }

    /** {@code table.column} of each child's lookup column, in order, where found. */
    public List<String> childColumns() {
      return childColumns;
    }

    @Override
    public String toString() {
      return sql != null ? sql : String.join("; ", notes);
    }
  }

  /** The child's lookup: its single table, the conjunct that takes the value, the column. */
  private static final class Lookup {
    PlainSelect select;
    Table table;
    String tableQualifier;
    List<Expression> conjuncts = new ArrayList<>();
    List<Integer> linkConjuncts = new ArrayList<>();
    List<Column> columns = new ArrayList<>();
  }

  /** The work of {@link #joinRewrite}, uncached. */
  private static Rewrite joinRewriteUncached(String parentSql, List<Child> children) {
    List<String> notes = new ArrayList<>();
    List<String> childColumns = new ArrayList<>();
    try {
      PlainSelect parent = plainSelect(parentSql, "the parent query", notes);
      if (parent == null) {
        return new Rewrite(null, notes, childColumns);
      }
      if (parent.getGroupBy() != null) {
        notes.add(
            "the parent query groups its rows (GROUP BY), so joining a child would change the"
                + " groups; batch the child instead");
        return new Rewrite(null, notes, childColumns);
      }
      qualifyParent(parent);
      boolean limited =
          parent.getLimit() != null || parent.getOffset() != null || parent.getFetch() != null;
      Set<String> aliases = aliasesOf(parent);
      for (Child child : children) {
        Lookup lookup = lookup(child.sql, child.links, notes);
        if (lookup == null) {
          return new Rewrite(null, notes, childColumns);
        }
        if (child.toMany && limited) {
          notes.add(
              "the parent query has LIMIT/OFFSET and "
                  + lookup.table.getName()
                  + " has several rows per parent row: a join would limit joined rows, not"
                  + " parent rows; batch the child instead");
          return new Rewrite(null, notes, childColumns);
        }
        List<Expression> parentExprs = new ArrayList<>();
        for (Link link : child.links) {
          Expression parentExpr = parentExpression(parent, link, notes);
          if (parentExpr == null) {
            return new Rewrite(null, notes, childColumns);
          }
          parentExprs.add(parentExpr);
        }
        String alias = newAlias(lookup.table.getName(), aliases);
        Table joined = new Table(lookup.table.getSchemaName(), lookup.table.getName());
        joined.setAlias(new Alias(alias, false));
        Join join = new Join();
        join.setLeft(true);
        join.setRightItem(joined);
        Expression on = null;
        for (int k = 0; k < parentExprs.size(); k++) {
          Expression eq =
              new EqualsTo(requalified(lookup.columns.get(k), lookup, alias), parentExprs.get(k));
          on = on == null ? eq : new AndExpression(on, eq);
        }
        for (int i = 0; i < lookup.conjuncts.size(); i++) {
          if (!lookup.linkConjuncts.contains(i)) {
            Expression extra = lookup.conjuncts.get(i);
            requalify(extra, lookup, alias);
            on = new AndExpression(on, extra);
          }
        }
        join.addOnExpression(on);
        parent.addJoins(join);
        for (SelectItem<?> item : lookup.select.getSelectItems()) {
          Expression e = item.getExpression();
          if (e instanceof AllColumns) {
            parent.addSelectItems(new AllTableColumns(new Table(alias)));
          } else if (e instanceof Column) {
            Column c = requalified((Column) e, lookup, alias);
            String name = item.getAlias() != null ? item.getAlias().getName() : c.getColumnName();
            parent.addSelectItem(c, new Alias(alias + "_" + unquote(name), true));
          } else {
            requalify(e, lookup, alias);
            String name = item.getAlias() != null ? item.getAlias().getName() : "expr";
            parent.addSelectItem(e, new Alias(alias + "_" + unquote(name), true));
          }
        }
        childColumns.add(columnNames(lookup));
        if (child.toMany) {
          notes.add(
              "each parent row now repeats once per "
                  + lookup.table.getName()
                  + " row (and appears once with NULLs when it has none): group the rows by the"
                  + " parent's key in code"
                  + (parent.getOrderByElements() == null
                      ? ", or add ORDER BY on that key so each parent's rows come together"
                      : ""));
        }
      }
      return new Rewrite(parent.toString(), notes, childColumns);
    } catch (RuntimeException | StackOverflowError e) {
      notes.add("the statements could not be rewritten (" + e.getClass().getSimpleName() + ")");
      return new Rewrite(null, notes, childColumns);
    }
  }

  /** The work of {@link #batchRewrite}, uncached. */
  private static Rewrite batchRewriteUncached(
      String childSql, List<Link> links, SqlDialect dialect) {
    List<String> notes = new ArrayList<>();
    List<String> childColumns = new ArrayList<>();
    try {
      Lookup lookup = lookup(childSql, links, notes);
      if (lookup == null) {
        return new Rewrite(null, notes, childColumns);
      }
      PlainSelect select = lookup.select;
      if (select.getLimit() != null || select.getFetch() != null || select.getTop() != null) {
        notes.add(
            "the child query keeps a LIMIT per parent row; batching it needs a window function,"
                + " e.g. row_number() over (partition by "
                + lookup.columns.get(0).getColumnName()
                + " order by …) <= n in a derived table");
        return new Rewrite(null, notes, childColumns);
      }
      Expression batched;
      if (lookup.columns.size() == 1
          && (dialect == SqlDialect.POSTGRESQL || dialect == SqlDialect.H2)) {
        Function any = new Function();
        any.setName("any");
        any.setParameters(new ExpressionList<>(new JdbcParameter()));
        batched = new EqualsTo(lookup.columns.get(0), any);
        notes.add("bind one array of all the values: setArray(i, connection.createArrayOf(…))");
      } else if (lookup.columns.size() == 1) {
        batched =
            new InExpression(
                lookup.columns.get(0), new ParenthesedExpressionList<>(new JdbcParameter()));
        notes.add(
            "write one marker per value, in chunks of a few hundred: in (?, ?, …) (one list size"
                + " per power of two keeps the statement cache small)");
      } else {
        ParenthesedExpressionList<Expression> row = new ParenthesedExpressionList<>();
        ParenthesedExpressionList<Expression> values = new ParenthesedExpressionList<>();
        for (Column c : lookup.columns) {
          row.add(c);
          values.add(new JdbcParameter());
        }
        ParenthesedExpressionList<Expression> rows = new ParenthesedExpressionList<>();
        rows.add(values);
        batched = new InExpression(row, rows);
        notes.add(
            "write one row of markers per key, in chunks of a few hundred: in ((?, ?), (?, ?), …)");
      }
      Expression where = select.getWhere();
      for (int k = 0; k < lookup.linkConjuncts.size(); k++) {
        Expression old = lookup.conjuncts.get(lookup.linkConjuncts.get(k));
        where = replaceConjunct(where, old, k == 0 ? batched : null);
      }
      select.setWhere(where);
      for (Column c : lookup.columns) {
        if (!selects(select, c)) {
          select.addSelectItems(c);
          notes.add(
              "the rewrite also selects "
                  + c.getColumnName()
                  + " so each row can be matched back to its parent");
        }
      }
      childColumns.add(columnNames(lookup));
      return new Rewrite(select.toString(), notes, childColumns);
    } catch (RuntimeException | StackOverflowError e) {
      notes.add("the statement could not be rewritten (" + e.getClass().getSimpleName() + ")");
      return new Rewrite(null, notes, childColumns);
    }
  }

  private static String columnNames(Lookup lookup) {
    StringBuilder b = new StringBuilder(lookup.table.getName()).append('.');
    if (lookup.columns.size() > 1) {
      b.append('(');
    }
    for (int i = 0; i < lookup.columns.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(lookup.columns.get(i).getColumnName());
    }
    return lookup.columns.size() > 1 ? b.append(')').toString() : b.toString();
  }

  /**
   * The single table and lookup column of a child query, in the form {@code select … from t where
   * t.c = ? [and …]}; null, with a note, for anything else.
   */
  static Lookup lookup(String childSql, List<Link> links, List<String> notes) {
    Lookup l = new Lookup();
    l.select = plainSelect(childSql, "the repeated query", notes);
    if (l.select == null) {
      return null;
    }
    if (!(l.select.getFromItem() instanceof Table)
        || (l.select.getJoins() != null && !l.select.getJoins().isEmpty())) {
      notes.add(
          "the repeated query reads more than one table; only single-table lookups are rewritten");
      return null;
    }
    if (l.select.getGroupBy() != null || l.select.getDistinct() != null) {
      notes.add("the repeated query groups or de-duplicates its rows; it is not rewritten");
      return null;
    }
    l.table = (Table) l.select.getFromItem();
    l.tableQualifier =
        l.table.getAlias() != null ? l.table.getAlias().getName() : l.table.getName();
    flatten(l.select.getWhere(), l.conjuncts);
    for (Link link : links) {
      int[] marker = {0};
      int found = -1;
      for (int i = 0; i < l.conjuncts.size() && found < 0; i++) {
        Column column = linkedColumn(l.conjuncts.get(i), link, marker);
        if (column != null && !l.linkConjuncts.contains(i)) {
          found = i;
          l.linkConjuncts.add(i);
          l.columns.add(column);
        }
      }
      if (found < 0) {
        notes.add(
            "the value from the parent's rows is not compared with '=' in the repeated query's"
                + " WHERE clause; no rewrite is offered");
        return null;
      }
    }
    return l;
  }

  private static PlainSelect plainSelect(String sql, String what, List<String> notes) {
    Statement st;
    try {
      st = CCJSqlParserUtil.parse(sql, parser -> parser.withTimeOut(2000));
    } catch (JSQLParserException | RuntimeException e) {
      notes.add(what + " could not be parsed, so no rewrite is offered");
      return null;
    }
    if (!(st instanceof PlainSelect)) {
      notes.add(what + " is not a plain SELECT, so no rewrite is offered");
      return null;
    }
    return (PlainSelect) st;
  }

  private static void flatten(Expression e, List<Expression> out) {
    // Iterative: a long AND chain is left-deep, so walk down the left spine.
    List<Expression> right = new ArrayList<>();
    Expression cur = e;
    while (cur instanceof AndExpression) {
      right.add(((AndExpression) cur).getRightExpression());
      cur = ((AndExpression) cur).getLeftExpression();
    }
    if (cur != null) {
      out.add(cur);
    }
    for (int i = right.size() - 1; i >= 0; i--) {
      out.add(right.get(i));
    }
  }

  /**
   * The column of {@code c} when it is {@code column = <the linked value>} (either side) or {@code
   * column in (<the linked value>)}; advances {@code marker} past the markers it holds.
   */
  private static Column linkedColumn(Expression c, Link link, int[] marker) {
    Expression left;
    Expression right;
    if (c instanceof EqualsTo) {
      left = ((EqualsTo) c).getLeftExpression();
      right = ((EqualsTo) c).getRightExpression();
    } else if (c instanceof InExpression && !((InExpression) c).isNot()) {
      left = ((InExpression) c).getLeftExpression();
      Expression list = ((InExpression) c).getRightExpression();
      if (!(list instanceof ExpressionList) || ((ExpressionList<?>) list).size() != 1) {
        marker[0] += countMarkers(c);
        return null;
      }
      right = ((ExpressionList<?>) list).get(0);
    } else {
      marker[0] += countMarkers(c);
      return null;
    }
    if (left instanceof Column && isLinked(right, link, marker)) {
      return (Column) left;
    }
    if (right instanceof Column && isLinked(left, link, marker)) {
      return (Column) right;
    }
    return null;
  }

  private static boolean isLinked(Expression value, Link link, int[] marker) {
    if (value instanceof JdbcParameter) {
      marker[0]++;
      return link.childLiteral == null && marker[0] == link.childParameter;
    }
    if (link.childLiteral == null) {
      return false;
    }
    String literal;
    if (value instanceof LongValue) {
      literal = ((LongValue) value).getStringValue();
    } else if (value instanceof StringValue) {
      literal = ((StringValue) value).getValue();
    } else if (value instanceof DoubleValue) {
      literal = value.toString();
    } else {
      return false;
    }
    return literal.equals(String.valueOf(link.childLiteral));
  }

  private static int countMarkers(Expression e) {
    int n = 0;
    String s = e.toString();
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '\'') {
        quoted = !quoted;
      } else if (ch == '?' && !quoted) {
        n++;
      }
    }
    return n;
  }

  private static Expression parentExpression(PlainSelect parent, Link link, List<String> notes) {
    List<SelectItem<?>> items = parent.getSelectItems();
    String label = link.parentColumn;
    if (label != null) {
      String wanted = unquote(label).toLowerCase(Locale.ROOT);
      for (SelectItem<?> item : items) {
        if (item.getAlias() != null
            && unquote(item.getAlias().getName()).toLowerCase(Locale.ROOT).equals(wanted)) {
          return item.getExpression();
        }
      }
      for (SelectItem<?> item : items) {
        if (item.getAlias() == null
            && item.getExpression() instanceof Column
            && unquote(((Column) item.getExpression()).getColumnName())
                .toLowerCase(Locale.ROOT)
                .equals(wanted)) {
          return item.getExpression();
        }
      }
    }
    if (link.parentColumnIndex > 0 && link.parentColumnIndex <= items.size()) {
      Expression e = items.get(link.parentColumnIndex - 1).getExpression();
      if (!(e instanceof AllColumns)) {
        return e;
      }
    }
    if (label != null) {
      for (SelectItem<?> item : items) {
        if (item.getExpression() instanceof AllTableColumns) {
          return new Column(((AllTableColumns) item.getExpression()).getTable(), label);
        }
        if (item.getExpression() instanceof AllColumns && parent.getFromItem() instanceof Table) {
          Table from = (Table) parent.getFromItem();
          String q = from.getAlias() != null ? from.getAlias().getName() : from.getName();
          return new Column(new Table(q), label);
        }
      }
    }
    notes.add(
        "the parent's column "
            + (label != null ? "'" + label + "'" : "#" + link.parentColumnIndex)
            + " was not found in its select list; no join is offered");
    return null;
  }

  private static Set<String> aliasesOf(PlainSelect parent) {
    Set<String> aliases = new HashSet<>();
    List<Object> items = new ArrayList<>();
    items.add(parent.getFromItem());
    if (parent.getJoins() != null) {
      for (Join j : parent.getJoins()) {
        items.add(j.getFromItem());
      }
    }
    for (Object o : items) {
      if (o instanceof Table) {
        Table t = (Table) o;
        aliases.add(t.getName().toLowerCase(Locale.ROOT));
        if (t.getAlias() != null) {
          aliases.add(t.getAlias().getName().toLowerCase(Locale.ROOT));
        }
      } else if (o instanceof net.sf.jsqlparser.statement.select.FromItem) {
        net.sf.jsqlparser.statement.select.FromItem f =
            (net.sf.jsqlparser.statement.select.FromItem) o;
        if (f.getAlias() != null) {
          aliases.add(f.getAlias().getName().toLowerCase(Locale.ROOT));
        }
      }
    }
    return aliases;
  }

  private static String newAlias(String table, Set<String> taken) {
    String base = unquote(table).toLowerCase(Locale.ROOT);
    StringBuilder initials = new StringBuilder();
    for (String part : base.split("_")) {
      if (!part.isEmpty() && Character.isLetter(part.charAt(0)) && part.charAt(0) < 128) {
        initials.append(part.charAt(0));
      }
    }
    String stem = initials.length() == 0 ? "c" : initials.toString();
    String alias = stem;
    for (int n = 2; taken.contains(alias) || isReserved(alias); n++) {
      alias = stem + n;
    }
    taken.add(alias);
    return alias;
  }

  private static boolean isReserved(String alias) {
    return Set.of("as", "on", "or", "in", "is", "by", "to", "do", "if", "of", "at", "no", "go")
        .contains(alias);
  }

  private static Column requalified(Column c, Lookup lookup, String alias) {
    Column copy = new Column(new Table(alias), c.getColumnName());
    return belongsToChild(c, lookup) ? copy : c;
  }

  private static final Set<String> NOT_COLUMNS =
      Set.of(
          "true",
          "false",
          "null",
          "current_date",
          "current_time",
          "current_timestamp",
          "localtime",
          "localtimestamp",
          "sysdate");

  private static boolean isLiteralName(Column c) {
    return (c.getTable() == null || c.getTable().getName() == null)
        && NOT_COLUMNS.contains(c.getColumnName().toLowerCase(Locale.ROOT));
  }

  /**
   * Qualifies the unqualified columns of a single-table parent with its table, so they stay
   * unambiguous once a child is joined; names of select-list aliases (in ORDER BY) are left alone.
   */
  private static void qualifyParent(PlainSelect parent) {
    if ((parent.getJoins() != null && !parent.getJoins().isEmpty())
        || !(parent.getFromItem() instanceof Table)) {
      return;
    }
    Table from = (Table) parent.getFromItem();
    String q = from.getAlias() != null ? from.getAlias().getName() : from.getName();
    Set<String> selectAliases = new HashSet<>();
    for (SelectItem<?> item : parent.getSelectItems()) {
      if (item.getAlias() != null) {
        selectAliases.add(unquote(item.getAlias().getName()).toLowerCase(Locale.ROOT));
      }
    }
    net.sf.jsqlparser.util.deparser.ExpressionDeParser qualifier =
        new net.sf.jsqlparser.util.deparser.ExpressionDeParser() {
          @Override
          public <S> StringBuilder visit(Column column, S context) {
            if ((column.getTable() == null || column.getTable().getName() == null)
                && !isLiteralName(column)
                && !(context == ORDER_BY
                    && selectAliases.contains(
                        unquote(column.getColumnName()).toLowerCase(Locale.ROOT)))) {
              column.setTable(new Table(q));
            }
            return super.visit(column, context);
          }
        };
    for (SelectItem<?> item : parent.getSelectItems()) {
      item.getExpression().accept(qualifier, null);
    }
    if (parent.getWhere() != null) {
      parent.getWhere().accept(qualifier, null);
    }
    if (parent.getOrderByElements() != null) {
      for (net.sf.jsqlparser.statement.select.OrderByElement o : parent.getOrderByElements()) {
        o.getExpression().accept(qualifier, ORDER_BY);
      }
    }
  }

  private static final Object ORDER_BY = new Object();

  private static boolean belongsToChild(Column c, Lookup lookup) {
    if (isLiteralName(c)) {
      return false;
    }
    Table t = c.getTable();
    if (t == null || t.getName() == null) {
      return true;
    }
    String q = t.getName();
    return q.equalsIgnoreCase(lookup.tableQualifier) || q.equalsIgnoreCase(lookup.table.getName());
  }

  /** Points every column of the child's table inside {@code e} at {@code alias}, in place. */
  private static void requalify(Expression e, Lookup lookup, String alias) {
    e.accept(
        new net.sf.jsqlparser.util.deparser.ExpressionDeParser() {
          @Override
          public <S> StringBuilder visit(Column column, S context) {
            if (belongsToChild(column, lookup)) {
              column.setTable(new Table(alias));
            }
            return super.visit(column, context);
          }
        },
        null);
  }

  private static boolean selects(PlainSelect select, Column column) {
    for (SelectItem<?> item : select.getSelectItems()) {
      Expression e = item.getExpression();
      if (e instanceof AllColumns || e instanceof AllTableColumns) {
        return true;
      }
      if (e instanceof Column
          && ((Column) e).getColumnName().equalsIgnoreCase(column.getColumnName())) {
        return true;
      }
    }
    return false;
  }

  private static Expression replaceConjunct(Expression where, Expression old, Expression with) {
    if (where == old) {
      return with;
    }
    if (where == null) {
      return null;
    }
    List<Expression> conjuncts = new ArrayList<>();
    flatten(where, conjuncts);
    Expression result = null;
    for (Expression c : conjuncts) {
      Expression next = c == old ? with : c;
      if (next != null) {
        result = result == null ? next : new AndExpression(result, next);
      }
    }
    return result;
  }

  // ---------------------------------------------------------------- helpers for suggestions

  /**
   * The child's first lookup: {@code [table, column, marker]} where marker is the 1-based position
   * of the {@code ?} compared with the column, or {@code [table, column, literal text]} for an
   * inlined literal; null when the statement is not a single-table {@code select … where c = …}.
   */
  private static Object[] firstLookupUncached(String childSql) {
    List<String> notes = new ArrayList<>();
    PlainSelect select = plainSelect(childSql, "the repeated query", notes);
    if (select == null
        || !(select.getFromItem() instanceof Table)
        || (select.getJoins() != null && !select.getJoins().isEmpty())) {
      return null;
    }
    List<Expression> conjuncts = new ArrayList<>();
    flatten(select.getWhere(), conjuncts);
    int marker = 0;
    for (Expression c : conjuncts) {
      Expression left = null;
      Expression right = null;
      if (c instanceof EqualsTo) {
        left = ((EqualsTo) c).getLeftExpression();
        right = ((EqualsTo) c).getRightExpression();
      } else if (c instanceof InExpression
          && !((InExpression) c).isNot()
          && ((InExpression) c).getRightExpression() instanceof ExpressionList
          && ((ExpressionList<?>) ((InExpression) c).getRightExpression()).size() == 1) {
        left = ((InExpression) c).getLeftExpression();
        right = ((ExpressionList<?>) ((InExpression) c).getRightExpression()).get(0);
      }
      if (left instanceof Column && right != null) {
        Object value = null;
        if (right instanceof JdbcParameter) {
          value = marker + 1;
        } else if (right instanceof LongValue) {
          value = ((LongValue) right).getStringValue();
        } else if (right instanceof StringValue) {
          value = ((StringValue) right).getValue();
        }
        if (value != null) {
          return new Object[] {
            unquote(((Table) select.getFromItem()).getName()),
            unquote(((Column) left).getColumnName()),
            value
          };
        }
      }
      marker += countMarkers(c);
    }
    return null;
  }

  /** {@code [table, column]} of the child's column that {@code link} is compared with, or null. */
  private static String[] lookupColumnUncached(String childSql, Link link) {
    Lookup l = lookup(childSql, List.of(link), new ArrayList<>());
    if (l == null || l.columns.isEmpty()) {
      return null;
    }
    return new String[] {unquote(l.table.getName()), unquote(l.columns.get(0).getColumnName())};
  }

  /**
   * The literals compared with {@code =} in the statement's WHERE clause, in order: a {@code Long}
   * for a whole number, a {@code String} for a string; empty when it cannot be parsed.
   */
  private static List<Object> literalsUncached(String sql) {
    List<Object> out = new ArrayList<>();
    PlainSelect select = plainSelect(sql, "", new ArrayList<>());
    if (select == null) {
      return out;
    }
    List<Expression> conjuncts = new ArrayList<>();
    flatten(select.getWhere(), conjuncts);
    for (Expression c : conjuncts) {
      if (c instanceof EqualsTo) {
        for (Expression side :
            List.of(((EqualsTo) c).getLeftExpression(), ((EqualsTo) c).getRightExpression())) {
          if (side instanceof LongValue) {
            try {
              out.add(((LongValue) side).getValue());
            } catch (RuntimeException e) {
              // Too large for a long: not a key we can match.
            }
          } else if (side instanceof StringValue) {
            out.add(((StringValue) side).getValue());
          }
        }
      }
    }
    return out;
  }

  /** The tables a SELECT reads, by name, lower case; empty when it cannot be parsed. */
  private static List<String> tablesUncached(String sql) {
    List<String> out = new ArrayList<>();
    PlainSelect select = plainSelect(sql, "", new ArrayList<>());
    if (select == null) {
      return out;
    }
    if (select.getFromItem() instanceof Table) {
      out.add(unquote(((Table) select.getFromItem()).getName()).toLowerCase(Locale.ROOT));
    }
    if (select.getJoins() != null) {
      for (Join j : select.getJoins()) {
        if (j.getFromItem() instanceof Table) {
          out.add(unquote(((Table) j.getFromItem()).getName()).toLowerCase(Locale.ROOT));
        }
      }
    }
    return out;
  }

  /**
   * The parent's column a link names, as {@code table.column} (aliases resolved to table names)
   * when it is a plain column, else as written; null when it is not in the select list.
   */
  private static String parentColumnUncached(String parentSql, Link link) {
    PlainSelect parent = plainSelect(parentSql, "", new ArrayList<>());
    if (parent == null) {
      return null;
    }
    Expression e = parentExpression(parent, link, new ArrayList<>());
    if (!(e instanceof Column)) {
      return e == null ? null : e.toString();
    }
    Column c = (Column) e;
    String column = unquote(c.getColumnName());
    String q = c.getTable() == null ? null : c.getTable().getName();
    List<Object> items = new ArrayList<>();
    items.add(parent.getFromItem());
    if (parent.getJoins() != null) {
      for (Join j : parent.getJoins()) {
        items.add(j.getFromItem());
      }
    }
    for (Object o : items) {
      if (o instanceof Table) {
        Table t = (Table) o;
        String alias = t.getAlias() == null ? null : t.getAlias().getName();
        if (q == null
            || q.equalsIgnoreCase(t.getName())
            || (alias != null && q.equalsIgnoreCase(alias))) {
          return unquote(t.getName()) + "." + column;
        }
      }
    }
    return (q == null ? "" : q + ".") + column;
  }

  private static String unquote(String name) {
    if (name.length() >= 2) {
      char a = name.charAt(0);
      char b = name.charAt(name.length() - 1);
      if ((a == '"' && b == '"') || (a == '`' && b == '`')) {
        return name.substring(1, name.length() - 1);
      }
    }
    return name;
  }

  // ---------------------------------------------------------------------------------------------
  // Memoized entry points: the same N+1 is analysed again at every request, and parsing is the
  // expensive part, so results are kept per argument list (bounded; results are immutable).

  private static final Object NONE = new Object();

  private static final com.github.benmanes.caffeine.cache.Cache<List<Object>, Object> MEMO =
      com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
          .maximumSize(2048)
          .executor(Runnable::run)
          .build();

  @SuppressWarnings("unchecked")
  private static <T> T memo(List<Object> key, java.util.function.Supplier<T> compute) {
    Object v = MEMO.getIfPresent(key);
    if (v == null) {
      T computed = compute.get();
      v = computed == null ? NONE : computed;
      MEMO.put(key, v);
    }
    return v == NONE ? null : (T) v;
  }

  private static List<Object> key(Link link) {
    return java.util.Arrays.asList(
        link.childParameter, link.childLiteral, link.parentColumn, link.parentColumnIndex);
  }

  static List<Object> keys(List<Link> links) {
    List<Object> k = new ArrayList<>(links.size());
    for (Link l : links) {
      k.add(key(l));
    }
    return k;
  }

  /**
   * The parent query with every child {@code LEFT JOIN}ed: the parent's {@code WHERE}, {@code ORDER
   * BY}, {@code LIMIT} and markers kept as written, each child's other predicates moved into its
   * {@code ON} clause, and its columns added to the select list as {@code alias_column}.
   */
  public static Rewrite joinRewrite(String parentSql, List<Child> children) {
    List<Object> k = new ArrayList<>();
    k.add("join");
    k.add(parentSql);
    for (Child c : children) {
      k.add(java.util.Arrays.asList(c.sql, keys(c.links), c.toMany));
    }
    return memo(k, () -> joinRewriteUncached(parentSql, children));
  }

  /**
   * The child as one query for all values: {@code column = any(?)} with one array on PostgreSQL and
   * H2, {@code column in (?, ?, …)} elsewhere; the lookup column is added to the select list when
   * missing, so rows can be matched back to their parent.
   */
  public static Rewrite batchRewrite(String childSql, List<Link> links, SqlDialect dialect) {
    return memo(
        java.util.Arrays.asList("batch", childSql, keys(links), dialect),
        () -> batchRewriteUncached(childSql, links, dialect));
  }

  static Object[] firstLookup(String childSql) {
    Object[] r =
        memo(java.util.Arrays.asList("firstLookup", childSql), () -> firstLookupUncached(childSql));
    return r == null ? null : r.clone();
  }

  static String[] lookupColumn(String childSql, Link link) {
    String[] r =
        memo(
            java.util.Arrays.asList("lookupColumn", childSql, key(link)),
            () -> lookupColumnUncached(childSql, link));
    return r == null ? null : r.clone();
  }

  static List<Object> literals(String sql) {
    return memo(
        java.util.Arrays.asList("literals", sql),
        () -> {
          List<Object> l = literalsUncached(sql);
          return l == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(l));
        });
  }

  static List<String> tables(String sql) {
    return memo(
        java.util.Arrays.asList("tables", sql),
        () -> {
          List<String> l = tablesUncached(sql);
          return l == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(l));
        });
  }

  static String parentColumn(String parentSql, Link link) {
    return memo(
        java.util.Arrays.asList("parentColumn", parentSql, key(link)),
        () -> parentColumnUncached(parentSql, link));
  }
}
