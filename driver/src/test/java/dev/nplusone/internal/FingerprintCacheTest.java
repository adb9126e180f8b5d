package dev.nplusone.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nplusone.SqlDialect;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class FingerprintCacheTest {

  private static Config config(Map<String, String> urlOptions) throws SQLException {
    return Config.resolve(
        urlOptions, null, new Config.Sources(k -> null, k -> null, new Properties()));
  }

  @Test
  void hitReturnsTheSameInstance() {
    FingerprintCache cache = new FingerprintCache(SqlDialect.POSTGRESQL, 10_000, 1_000);
    SqlShape first = cache.shape("SELECT * FROM t WHERE id = $1");
    assertThat(first.normalizedSql()).isEqualTo("select * from t where id = ?");
    assertThat(cache.shape(new String("SELECT * FROM t WHERE id = $1"))).isSameAs(first);
    assertThat(cache.estimatedSize()).isEqualTo(1);
    assertThat(cache.dialect()).isEqualTo(SqlDialect.POSTGRESQL);
  }

  @Test
  void totalWeightStaysWithinTheBound() {
    int maxChars = 10_000;
    FingerprintCache cache = new FingerprintCache(SqlDialect.GENERIC, maxChars, 1_000);
    long inserted = 0;
    for (int i = 0; i < 5_000; i++) {
      String sql = "select a, b, c from some_table_" + i + " where id = ?";
      inserted += sql.length();
      assertThat(cache.shape(sql).normalizedSql())
          .isEqualTo("select a, b, c from some_table_" + i + " where id = ?");
    }
    cache.cleanUp();
    assertThat(inserted).isGreaterThan(20L * maxChars);
    assertThat(cache.weightedSize()).isPresent();
    assertThat(cache.weightedSize().getAsLong()).isLessThanOrEqualTo(maxChars).isPositive();
    assertThat(cache.estimatedSize()).isLessThan(5_000).isPositive();
  }

  @Test
  void longStatementIsNotCached() {
    FingerprintCache cache = new FingerprintCache(SqlDialect.GENERIC, 10_000, 100);
    String longSql = "select " + "a, ".repeat(60) + "b from t where x = 1";
    assertThat(longSql.length()).isGreaterThan(100);
    SqlShape first = cache.shape(longSql);
    SqlShape second = cache.shape(longSql);
    assertThat(second).isNotSameAs(first);
    assertThat(second.hash()).isEqualTo(first.hash());
    assertThat(first.normalizedSql()).endsWith("a, b from t where x = ?");
    cache.cleanUp();
    assertThat(cache.estimatedSize()).isZero();
    assertThat(cache.weightedSize().getAsLong()).isZero();
  }

  @Test
  void zeroMaxCharsMeansNoCache() {
    FingerprintCache cache = new FingerprintCache(SqlDialect.MYSQL, 0, 32_768);
    SqlShape first = cache.shape("select `A` from t where b = \"x\"");
    assertThat(first.normalizedSql()).isEqualTo("select `A` from t where b = ?");
    assertThat(cache.shape("select `A` from t where b = \"x\"")).isNotSameAs(first);
    assertThat(cache.weightedSize()).isEmpty();
    assertThat(cache.estimatedSize()).isZero();
  }

  @Test
  void nullSqlGivesAnEmptyShape() {
    FingerprintCache cache = new FingerprintCache(SqlDialect.H2, 1_000, 100);
    SqlShape shape = cache.shape(null);
    assertThat(shape).isNotNull();
    assertThat(shape.normalizedSql()).isEmpty();
    assertThat(shape.kind()).isEqualTo(SqlShape.StatementKind.OTHER);
  }

  @Test
  void fromReadsBothOptions() throws SQLException {
    FingerprintCache defaults = FingerprintCache.from(config(Map.of()), SqlDialect.H2);
    assertThat(defaults.dialect()).isEqualTo(SqlDialect.H2);
    SqlShape a = defaults.shape("select 1");
    assertThat(defaults.shape("select 1")).isSameAs(a);

    FingerprintCache off =
        FingerprintCache.from(config(Map.of("fingerprint-cache.max-chars", "0")), SqlDialect.H2);
    assertThat(off.weightedSize()).isEmpty();

    FingerprintCache small =
        FingerprintCache.from(
            config(Map.of("fingerprint-cache.max-statement-chars", "10")), SqlDialect.H2);
    SqlShape s = small.shape("select 1 from t");
    assertThat(small.shape("select 1 from t")).isNotSameAs(s);
    SqlShape shortOne = small.shape("select 1");
    assertThat(small.shape("select 1")).isSameAs(shortOne);
  }
}
