package dev.nplusone.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.nplusone.NPlusOneProperty;
import dev.nplusone.SqlDialect;
import java.util.OptionalLong;

/**
 * Raw SQL → {@link SqlShape}, bounded by total characters; statements longer than the per-entry
 * limit are normalized each time and never cached. One per DataSource / driver configuration.
 *
 * <p>Backed by Caffeine with {@code maximumWeight} and a weigher by raw SQL length, so the bound
 * holds whatever the mix of short and long statements. Maintenance runs on the calling thread, so
 * no work is handed to the common pool of the application.
 */
public final class FingerprintCache {
  private final SqlDialect dialect;
  private final int maxStatementChars;
  private final Cache<String, SqlShape> cache;

  /**
   * A cache for statements of {@code dialect}.
   *
   * @param dialect the dialect statements are normalized in; null means generic
   * @param maxChars the total characters of raw SQL held; 0 disables caching
   * @param maxStatementChars statements longer than this are never cached
   */
  public FingerprintCache(SqlDialect dialect, int maxChars, int maxStatementChars) {
    this.dialect = dialect == null ? SqlDialect.GENERIC : dialect;
    this.maxStatementChars = Math.max(0, Math.min(maxStatementChars, maxChars));
    this.cache =
        maxChars <= 0
            ? null
            : Caffeine.newBuilder()
                .maximumWeight(maxChars)
                .weigher((String sql, SqlShape shape) -> sql.length())
                .executor(Runnable::run)
                .build();
  }

  /**
   * A cache sized by the options {@code nplusone.fingerprint-cache.max-chars} and {@code
   * nplusone.fingerprint-cache.max-statement-chars} of {@code config}.
   */
  public static FingerprintCache from(Config config, SqlDialect dialect) {
    return new FingerprintCache(
        dialect,
        config.intValue(NPlusOneProperty.FINGERPRINT_CACHE_MAX_CHARS),
        config.intValue(NPlusOneProperty.FINGERPRINT_CACHE_MAX_STATEMENT_CHARS));
  }

  /** The dialect statements are normalized in. */
  public SqlDialect dialect() {
    return dialect;
  }

  /** Whether the shape of {@code sql} is cached: it may be remembered elsewhere too. */
  boolean cacheable(String sql) {
    return sql != null && cache != null && sql.length() <= maxStatementChars;
  }

  /** The shape of {@code sql}; never throws, never null. */
  public SqlShape shape(String sql) {
    if (sql == null || cache == null || sql.length() > maxStatementChars) {
      return SqlNormalizer.shape(sql, dialect);
    }
    SqlShape hit = cache.getIfPresent(sql);
    if (hit != null) {
      return hit;
    }
    return cache.get(sql, this::compute);
  }

  private SqlShape compute(String sql) {
    return SqlNormalizer.shape(sql, dialect);
  }

  /** Runs pending maintenance, such as evictions; for tests. */
  void cleanUp() {
    if (cache != null) {
      cache.cleanUp();
    }
  }

  /** The total weight held, empty when caching is off; for tests. */
  OptionalLong weightedSize() {
    return cache == null
        ? OptionalLong.empty()
        : cache.policy().eviction().map(e -> e.weightedSize()).orElse(OptionalLong.empty());
  }

  /** The number of statements held; for tests. */
  long estimatedSize() {
    return cache == null ? 0 : cache.estimatedSize();
  }
}
