package dev.nplusone;

import java.util.List;

/**
 * How to fix an N+1 finding: the query whose rows supplied the repeated query's values, the columns
 * that link them, and rewrites that run. Immutable; written when the finding is made, on the cold
 * path, from what the scope observed and, where needed, the database's metadata.
 *
 * <p>The rewrites carry {@code ?} markers, never values. A rewrite is offered only when the parent
 * and the link are known; otherwise {@link #notes()} says what is missing.
 */
public final class Suggestion {
  /** What the link between the repeated query and its parent rests on, strongest first. */
  public enum Evidence {
    /** The repeated query's values were read from a column of the parent's result set. */
    VALUE_CORRELATION,
    /** A foreign key in the database's metadata links the two tables. */
    FOREIGN_KEY,
    /** Only the column names suggest the link ({@code organization_id} → {@code organizations}). */
    NAMING,
    /** No parent query was found. */
    NONE
  }

  private final String parentSql;
  private final Evidence evidence;
  private final String joinColumns;
  private final String joinRewrite;
  private final String batchRewrite;
  private final List<String> ormHints;
  private final List<String> indexes;
  private final List<String> notes;

  Suggestion(
      String parentSql,
      Evidence evidence,
      String joinColumns,
      String joinRewrite,
      String batchRewrite,
      List<String> ormHints,
      List<String> indexes,
      List<String> notes) {
    this.parentSql = parentSql;
    this.evidence = evidence;
    this.joinColumns = joinColumns;
    this.joinRewrite = joinRewrite;
    this.batchRewrite = batchRewrite;
    this.ormHints = List.copyOf(ormHints);
    this.indexes = List.copyOf(indexes);
    this.notes = List.copyOf(notes);
  }

  /**
   * The normalized SQL of the query whose rows supplied the values, or null when none was found.
   */
  public String parentSql() {
    return parentSql;
  }

  /** What the link to the parent rests on; {@link Evidence#NONE} when there is no parent. */
  public Evidence evidence() {
    return evidence;
  }

  /**
   * The linked columns, such as {@code users.organization_id = organizations.id}, or null when
   * there is no parent.
   */
  public String joinColumns() {
    return joinColumns;
  }

  /**
   * The parent query with the repeated query {@code LEFT JOIN}ed, keeping the parent's markers in
   * order, or null when it could not be written (see {@link #notes()}).
   */
  public String joinRewrite() {
    return joinRewrite;
  }

  /**
   * The repeated query as one query for all values ({@code = any(?)} or {@code in (?)}), or null
   * when it could not be written (see {@link #notes()}).
   */
  public String batchRewrite() {
    return batchRewrite;
  }

  /**
   * Hints for Hibernate / JPA / Spring Data, when the SQL or the classpath shows them; else empty.
   */
  public List<String> ormHints() {
    return ormHints;
  }

  /** {@code CREATE INDEX} statements for lookup and foreign-key columns without an index. */
  public List<String> indexes() {
    return indexes;
  }

  /** Why something is missing, how strong the evidence is, and how to bind the rewrites. */
  public List<String> notes() {
    return notes;
  }

  /** The suggestion as indented lines for the log, each starting with a line break. */
  String describe() {
    StringBuilder b = new StringBuilder();
    if (parentSql != null) {
      b.append("\n    parent query: ").append(parentSql);
      b.append("\n    linked by:    ")
          .append(joinColumns)
          .append(" (")
          .append(evidence.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
          .append(')');
    }
    if (joinRewrite != null) {
      b.append("\n    fix (join):   ").append(joinRewrite);
    }
    if (batchRewrite != null) {
      b.append("\n    fix (batch):  ").append(batchRewrite);
    }
    for (String i : indexes) {
      b.append("\n    index:        ").append(i);
    }
    for (String h : ormHints) {
      b.append("\n    hibernate:    ").append(h);
    }
    for (String n : notes) {
      b.append("\n    note:         ").append(n);
    }
    return b.toString();
  }

  @Override
  public String toString() {
    String d = describe();
    return d.isEmpty() ? "no suggestion" : d.substring(1);
  }
}
