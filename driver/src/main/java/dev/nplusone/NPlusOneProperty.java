package dev.nplusone;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Every option of nplusone: its key, default, description and allowed values.
 *
 * <p>This enum is the single source of truth. Options are read, in this order of precedence, from
 * system properties ({@code -Dnplusone.mode=throw}), environment variables ({@code
 * NPLUSONE_MODE=throw}), the JDBC URL ({@code jdbc:nplusone[mode=throw]:postgresql://…}), the
 * {@code Properties} given to {@code connect} or {@link NPlusOne#wrap(javax.sql.DataSource,
 * java.util.Map)}, a classpath resource {@code nplusone.properties}, and finally the default below.
 */
public enum NPlusOneProperty {
  /** What a finding does: {@code log}, {@code throw}, {@code silent} or {@code off}. */
  MODE(
      "nplusone.mode",
      "log",
      Kind.CHOICE,
      "What to do with a finding: 'log' writes one WARN per finding on the logger 'nplusone',"
          + " 'throw' also raises NPlusOneException, 'silent' only records it for the API,"
          + " 'off' turns detection off and leaves pure delegation.",
      "log",
      "throw",
      "silent",
      "off"),

  /** How many executions of one query shape from one call site make an N+1. */
  THRESHOLD(
      "nplusone.threshold",
      "3",
      Kind.POSITIVE_INT,
      "Executions of one query shape, from one call site and with different values, that make an"
          + " N+1 finding. At least 2."),

  /** The SQL dialect used to fingerprint statements. */
  DIALECT(
      "nplusone.dialect",
      "auto",
      Kind.CHOICE,
      "The SQL dialect used to fingerprint statements; 'auto' picks it from the JDBC URL.",
      "auto",
      "postgresql",
      "mysql",
      "mysql-ansi-quotes",
      "h2",
      "generic"),

  /** Whether bind values may appear in logs and in {@code Finding.exampleSql()}. */
  LOG_PARAMETERS(
      "nplusone.log-parameters",
      "false",
      Kind.BOOLEAN,
      "Show bind values in logs and in Finding.exampleSql(), each cut at 200 characters. Off by"
          + " default: logs show normalized SQL only, since values can be personal data."),

  /** Regular expressions; statements whose normalized SQL matches one are never reported. */
  IGNORE_SQL(
      "nplusone.ignore-sql",
      "",
      Kind.PATTERNS,
      "Comma-separated regular expressions, matched (find) against the normalized SQL; a"
          + " statement that matches is never reported."),

  /** Call sites that are never reported. */
  IGNORE_CALL_SITES(
      "nplusone.ignore-call-sites",
      "",
      Kind.PATTERNS,
      "Comma-separated regular expressions, matched (find) against each application frame of a"
          + " call site ('com.acme.Dao.load(Dao.java:42)'); a finding whose call site matches is"
          + " never reported."),

  /** Smallest total time of a repeated query worth reporting. */
  MIN_TOTAL_DURATION(
      "nplusone.min-total-duration",
      "0ms",
      Kind.DURATION,
      "Findings whose executions took less than this in total are not reported (e.g. '50ms',"
          + " '1s', 'PT0.05S'). 0 reports every finding."),

  /** Packages that always count as application code in a call site. */
  CALL_SITE_INCLUDE_PACKAGES(
      "nplusone.call-site.include-packages",
      "",
      Kind.LIST,
      "Comma-separated package prefixes that always count as application frames in a call site,"
          + " even when they would be filtered as framework code."),

  /** Packages left out of call sites, in addition to the built-in framework list. */
  CALL_SITE_EXCLUDE_PACKAGES(
      "nplusone.call-site.exclude-packages",
      "",
      Kind.LIST,
      "Comma-separated package prefixes left out of call sites, in addition to the JDK, JDBC"
          + " drivers, pools, Spring, Hibernate, proxies and nplusone itself."),

  /** Frames of application code kept in a call site. */
  CALL_SITE_DEPTH(
      "nplusone.call-site.depth",
      "4",
      Kind.POSITIVE_INT,
      "Application frames kept in a call site and used to group executions."),

  /** Distinct query shapes tracked in one scope. */
  SCOPE_MAX_FINGERPRINTS(
      "nplusone.scope.max-fingerprints",
      "2000",
      Kind.POSITIVE_INT,
      "Distinct query shapes one scope tracks. Statements of further shapes are counted in the"
          + " scope's total but not analysed; the scope's report says how many were dropped."),

  /** Distinct value sets remembered per query shape and call site. */
  SCOPE_MAX_VALUE_SETS(
      "nplusone.scope.max-value-sets",
      "1024",
      Kind.POSITIVE_INT,
      "Distinct bind-value sets remembered per query shape and call site; beyond it the count is"
          + " reported as 'at least'."),

  /** Quiet time after which statements outside any scope start a new implicit scope. */
  IMPLICIT_SCOPE_IDLE(
      "nplusone.implicit-scope.idle",
      "500ms",
      Kind.DURATION,
      "Statements on one thread outside any explicit scope or transaction form an implicit scope"
          + " that ends after this much quiet time (or at 'implicit-scope.max-statements'), so"
          + " a loop of one pooled connection per row is caught without merging the unrelated"
          + " work of a long-lived thread."),

  /** Statements after which an implicit scope is closed and a new one begins. */
  IMPLICIT_SCOPE_MAX_STATEMENTS(
      "nplusone.implicit-scope.max-statements",
      "10000",
      Kind.POSITIVE_INT,
      "Statements after which an implicit scope is analysed and a new one begins."),

  /** Total characters of SQL held by the fingerprint cache. */
  FINGERPRINT_CACHE_MAX_CHARS(
      "nplusone.fingerprint-cache.max-chars",
      "4000000",
      Kind.NON_NEGATIVE_INT,
      "Upper bound of the fingerprint cache, in characters of raw SQL (about two bytes each)."
          + " 0 disables the cache."),

  /** Statements longer than this are fingerprinted each time, never cached. */
  FINGERPRINT_CACHE_MAX_STATEMENT_CHARS(
      "nplusone.fingerprint-cache.max-statement-chars",
      "32768",
      Kind.POSITIVE_INT,
      "Statements longer than this many characters are normalized every time and never cached."),

  /** A connection checkout that waits this long makes a SLOW_ACQUIRE finding. */
  POOL_SLOW_ACQUIRE(
      "nplusone.pool.slow-acquire",
      "50ms",
      Kind.DURATION,
      "A scope whose longest wait for one pooled connection, while the pool was busy (threads"
          + " waiting or every connection in use), reaches this makes a SLOW_ACQUIRE finding."),

  /**
   * Peak pool utilization, in percent of the maximum size, that makes a POOL_UTILIZATION finding.
   */
  POOL_UTILIZATION_LIMIT(
      "nplusone.pool.utilization-limit",
      "80",
      Kind.POSITIVE_INT,
      "Percent of the maximum pool size that the peak of connections in use may reach before a"
          + " POOL_UTILIZATION finding (reported once per pool); 80 is an acceptable limit, 70 a"
          + " production-ready target. 1 to 100."),

  /** Whether result-set reads are traced to find the query that supplied an N+1's values. */
  VALUE_CORRELATION(
      "nplusone.value-correlation",
      "true",
      Kind.BOOLEAN,
      "Remember, per thread in a fixed-size table, which result-set column key-like values"
          + " (integers, UUIDs, short strings) were read from, so an N+1 finding can name the"
          + " query whose rows supplied its values and suggest a JOIN. Only hashes are kept."),

  /** Whether suggestions may read foreign keys and indexes through {@code DatabaseMetaData}. */
  SUGGEST_METADATA(
      "nplusone.suggest.metadata",
      "true",
      Kind.BOOLEAN,
      "Let N+1 suggestions read foreign keys and indexes from DatabaseMetaData, once per table,"
          + " on a connection nplusone borrows for itself and returns at once.");

  private enum Kind {
    CHOICE,
    BOOLEAN,
    POSITIVE_INT,
    NON_NEGATIVE_INT,
    DURATION,
    PATTERNS,
    LIST
  }

  private final String key;
  private final String defaultValue;
  private final Kind kind;
  private final String description;
  private final List<String> allowedValues;

  NPlusOneProperty(
      String key, String defaultValue, Kind kind, String description, String... allowedValues) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.kind = kind;
    this.description = description;
    this.allowedValues =
        kind == Kind.BOOLEAN
            ? List.of("true", "false")
            : Collections.unmodifiableList(Arrays.asList(allowedValues));
  }

  /** The key, such as {@code nplusone.mode}. */
  public String key() {
    return key;
  }

  /** The key without {@code nplusone.}, as written in the JDBC URL, such as {@code mode}. */
  public String shortKey() {
    return key.substring("nplusone.".length());
  }

  /** The environment variable that sets this option, such as {@code NPLUSONE_MODE}. */
  public String environmentVariable() {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** The value used when no source sets this option. */
  public String defaultValue() {
    return defaultValue;
  }

  /** What this option does, for people. */
  public String description() {
    return description;
  }

  /** The values this option accepts, or an empty list when it is not a choice. */
  public List<String> allowedValues() {
    return allowedValues;
  }

  /** The option with this key ({@code nplusone.mode} or {@code mode}), or {@code null}. */
  public static NPlusOneProperty forKey(String key) {
    if (key == null) {
      return null;
    }
    String k = key.trim().toLowerCase(Locale.ROOT);
    if (!k.startsWith("nplusone.")) {
      k = "nplusone." + k;
    }
    for (NPlusOneProperty p : values()) {
      if (p.key.equals(k)) {
        return p;
      }
    }
    return null;
  }

  /**
   * Parses a value of this option: a {@code String} for choices, {@code Boolean}, {@code Integer},
   * {@code Duration}, an unmodifiable {@code List<Pattern>} or {@code List<String>}.
   *
   * @throws IllegalArgumentException naming the key and the value when the value is not allowed
   */
  public Object parse(String value) {
    String v = value == null ? "" : value.trim();
    switch (kind) {
      case CHOICE:
        for (String allowed : allowedValues) {
          if (allowed.equalsIgnoreCase(v)) {
            return allowed;
          }
        }
        throw invalid(value, "one of " + String.join(", ", allowedValues));
      case BOOLEAN:
        if (v.equalsIgnoreCase("true")) {
          return Boolean.TRUE;
        }
        if (v.equalsIgnoreCase("false")) {
          return Boolean.FALSE;
        }
        throw invalid(value, "true or false");
      case POSITIVE_INT:
      case NON_NEGATIVE_INT:
        return parseInt(value, v);
      case DURATION:
        return parseDuration(value, v);
      case PATTERNS:
        List<Pattern> patterns = new ArrayList<>();
        for (String part : split(v)) {
          try {
            patterns.add(Pattern.compile(part));
          } catch (PatternSyntaxException e) {
            throw invalid(
                value, "comma-separated regular expressions (" + e.getDescription() + ")");
          }
        }
        return Collections.unmodifiableList(patterns);
      case LIST:
        return Collections.unmodifiableList(split(v));
      default:
        throw new AssertionError(kind);
    }
  }

  private Integer parseInt(String raw, String v) {
    int min = kind == Kind.NON_NEGATIVE_INT ? 0 : (this == THRESHOLD ? 2 : 1);
    int max = this == POOL_UTILIZATION_LIMIT ? 100 : Integer.MAX_VALUE;
    String rule =
        "an integer of at least " + min + (max == Integer.MAX_VALUE ? "" : " and at most " + max);
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw invalid(raw, rule);
      }
      return n;
    } catch (NumberFormatException e) {
      throw invalid(raw, rule);
    }
  }

  private Duration parseDuration(String raw, String v) {
    String rule = "a duration such as 0, 250ms, 2s, 1m or PT0.5S";
    String s = v.toLowerCase(Locale.ROOT);
    try {
      Duration d;
      if (s.startsWith("pt") || s.startsWith("p")) {
        d = Duration.parse(v);
      } else if (s.equals("0")) {
        d = Duration.ZERO;
      } else if (s.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).trim()));
      } else if (s.endsWith("us")) {
        d = Duration.ofNanos(Long.parseLong(s.substring(0, s.length() - 2).trim()) * 1000);
      } else if (s.endsWith("s")) {
        d = Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1).trim()));
      } else if (s.endsWith("m")) {
        d = Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1).trim()));
      } else {
        throw invalid(raw, rule);
      }
      if (d.isNegative()) {
        throw invalid(raw, rule + ", not negative");
      }
      return d;
    } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
      throw invalid(raw, rule);
    }
  }

  private static List<String> split(String v) {
    List<String> parts = new ArrayList<>();
    for (String part : v.split(",")) {
      String p = part.trim();
      if (!p.isEmpty()) {
        parts.add(p);
      }
    }
    return parts;
  }

  private IllegalArgumentException invalid(String value, String rule) {
    return new IllegalArgumentException(
        "invalid value '" + value + "' for option " + key + ": expected " + rule);
  }
}
