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

  /** A cache sized by the options of {@code config}. */
  public static FingerprintCache from(Config config, SqlDialect dialect) {
    return new FingerprintCache(
        dialect,
        config.intValue(dev.nplusone.NPlusOneProperty.FINGERPRINT_CACHE_MAX_CHARS),
        config.intValue(dev.nplusone.NPlusOneProperty.FINGERPRINT_CACHE_MAX_STATEMENT_CHARS));
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
