package dev.nplusone.internal;

import dev.nplusone.SqlDialect;

/**
 * Raw SQL → {@link SqlShape}, bounded by total characters; statements longer than the per-entry
 * limit are normalized each time and never cached. One per DataSource / driver configuration.
 *
 * <p>PLACEHOLDER: implemented by the fingerprint work (issue 3); until then it normalizes nothing.
 */
public final class FingerprintCache {
  private final SqlDialect dialect;

  public FingerprintCache(SqlDialect dialect, int maxChars, int maxStatementChars) {
    this.dialect = dialect;
  }

  public SqlDialect dialect() {
    return dialect;
  }

  /** The shape of {@code sql}; never throws, never null. */
  public SqlShape shape(String sql) {
    String s = sql == null ? "" : sql;
    return new SqlShape(s, s.hashCode(), 0, 0, 0, SqlShape.StatementKind.OTHER);
  }
}
