package dev.nplusone;

import dev.nplusone.internal.SqlNormalizer;
import dev.nplusone.internal.SqlShape;

/**
 * The shape of a SQL statement: its text with values, comments and formatting taken out, so that
 * the executions of one query in a loop share one fingerprint.
 *
 * <p>Normalization reads the statement once, never throws and takes time and memory linear in its
 * length. It replaces literals and bind markers with {@code ?}, drops comments and a trailing
 * {@code ;}, lower-cases unquoted words in ASCII only, keeps quoted identifiers verbatim, collapses
 * {@code IN (…)} and {@code ARRAY[…]} lists of simple values to one element, drops {@code VALUES}
 * rows shaped like the first, and writes savepoint, cursor and prepared-statement names as {@code
 * ?}.
 *
 * <p>The canonical spacing is one space between tokens, except: no space before {@code ,} {@code )}
 * {@code ]} <code>&#125;</code> {@code ;} {@code .} {@code ::} {@code [}; no space after {@code (}
 * {@code [} <code>&#123;</code> {@code .} {@code ::}; and no space between a word that is not a
 * keyword (a function or table name) or a quoted identifier and its {@code (}, while keywords such
 * as {@code in}, {@code values}, {@code exists} or {@code as} keep one. Operators have a space on
 * each side, and {@code !=} is written {@code <>}. For example {@code SELECT a,b FROM t WHERE x=1
 * AND y IN (1,2,3)} becomes {@code select a, b from t where x = ? and y in (?)}, {@code INSERT INTO
 * t (a,b) VALUES (1,'x'),(2,'y')} becomes {@code insert into t(a, b) values (?, ?)}, and {@code
 * SELECT count(*) FROM t WHERE c::text = 'x'} becomes {@code select count(*) from t where c::text =
 * ?}.
 */
public final class SqlFingerprint {
  private final String sql;
  private final long hash;
  private final int length;

  private SqlFingerprint(String sql, long hash, int length) {
    this.sql = sql;
    this.hash = hash;
    this.length = length;
  }

  /**
   * The full normalized text of {@code sql}.
   *
   * @param sql raw SQL; {@code null} is treated as empty
   * @param dialect decides quotes, comments and markers; {@code null} means {@link
   *     SqlDialect#GENERIC}
   */
  public static String normalize(String sql, SqlDialect dialect) {
    return SqlNormalizer.normalize(sql, dialect);
  }

  /**
   * The fingerprint of {@code sql}.
   *
   * @param sql raw SQL; {@code null} is treated as empty
   * @param dialect decides quotes, comments and markers; {@code null} means {@link
   *     SqlDialect#GENERIC}
   */
  public static SqlFingerprint of(String sql, SqlDialect dialect) {
    SqlShape shape = SqlNormalizer.shape(sql, dialect);
    return new SqlFingerprint(shape.normalizedSql(), shape.hash(), shape.canonicalLength());
  }

  /**
   * The normalized text, cut to about 4 KB for display (a cut text ends with {@code …}); use {@link
   * #normalize} for the whole of it.
   */
  public String sql() {
    return sql;
  }

  /** A 64-bit hash of the whole normalized text, not only of the displayed part. */
  public long hash() {
    return hash;
  }

  /**
   * Whether {@code o} is a fingerprint of the same shape: the same 64-bit hash and the same length
   * of the whole normalized text (two different shapes compare equal only on a hash collision).
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof SqlFingerprint f && f.hash == hash && f.length == length;
  }

  /** A hash code derived from {@link #hash()}. */
  @Override
  public int hashCode() {
    return Long.hashCode(hash);
  }

  /** The displayed normalized text, as {@link #sql()}. */
  @Override
  public String toString() {
    return sql;
  }
}
