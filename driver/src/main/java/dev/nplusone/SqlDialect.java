package dev.nplusone;

import dev.nplusone.internal.JdbcUrls;
import java.util.Locale;

/**
 * The SQL dialect a statement is normalized in: it decides which quotes, comments and literals the
 * fingerprint lexer recognizes.
 *
 * <p>Chosen from the JDBC URL ({@link #fromJdbcUrl(String)}) unless the option {@code
 * nplusone.dialect} names one.
 */
public enum SqlDialect {
  /** PostgreSQL: {@code E'…'} and dollar-quoted strings, nested block comments, {@code $1}. */
  POSTGRESQL("postgresql"),
  /** MySQL and MariaDB: backticks, backslash escapes, {@code #} comments, {@code "…"} strings. */
  MYSQL("mysql"),
  /** MySQL or MariaDB with {@code sql_mode=ANSI_QUOTES}: {@code "…"} quotes an identifier. */
  MYSQL_ANSI_QUOTES("mysql-ansi-quotes"),
  /** H2: dollar-quoted strings, {@code //} comments, {@code ?1} markers. */
  H2("h2"),
  /** Standard SQL, for any other database. */
  GENERIC("generic");

  private final String key;

  SqlDialect(String key) {
    this.key = key;
  }

  /** The name used for this dialect in the option {@code nplusone.dialect}. */
  public String key() {
    return key;
  }

  /**
   * The dialect of a JDBC URL, {@link #GENERIC} when the vendor is not recognized.
   *
   * @param jdbcUrl a vendor URL such as {@code jdbc:postgresql://host/db}, with or without the
   *     {@code jdbc:nplusone:} prefix; {@code null} gives {@link #GENERIC}
   */
  public static SqlDialect fromJdbcUrl(String jdbcUrl) {
    if (jdbcUrl == null) {
      return GENERIC;
    }
    String url = JdbcUrls.vendorUrlOrSelf(jdbcUrl).toLowerCase(Locale.ROOT);
    if (url.startsWith("jdbc:tc:")) {
      url = "jdbc:" + url.substring("jdbc:tc:".length());
    }
    if (url.startsWith("jdbc:postgresql:")
        || url.startsWith("jdbc:pgsql:")
        || url.startsWith("jdbc:p6spy:postgresql:")
        || url.startsWith("jdbc:cockroachdb:")) {
      return POSTGRESQL;
    }
    if (url.startsWith("jdbc:mysql:")
        || url.startsWith("jdbc:mariadb:")
        || url.startsWith("jdbc:p6spy:mysql:")
        || url.startsWith("jdbc:p6spy:mariadb:")) {
      return url.contains("ansi_quotes") ? MYSQL_ANSI_QUOTES : MYSQL;
    }
    if (url.startsWith("jdbc:h2:")) {
      return H2;
    }
    return GENERIC;
  }

  /**
   * The dialect named {@code key} ({@code postgresql}, {@code mysql}, {@code mysql-ansi-quotes},
   * {@code h2}, {@code generic}), compared case-insensitively.
   *
   * @throws IllegalArgumentException if no dialect has that name
   */
  public static SqlDialect fromKey(String key) {
    for (SqlDialect d : values()) {
      if (d.key.equalsIgnoreCase(key.trim())) {
        return d;
      }
    }
    throw new IllegalArgumentException("unknown SQL dialect '" + key + "'");
  }
}
