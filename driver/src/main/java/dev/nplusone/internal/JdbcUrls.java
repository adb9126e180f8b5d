package dev.nplusone.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses {@code jdbc:nplusone[options]:<vendor>} URLs.
 *
 * <p>Options sit between {@code jdbc:nplusone} and the colon that starts the vendor part, inside
 * square brackets, separated by semicolons: {@code
 * jdbc:nplusone[mode=throw;threshold=5]:postgresql: //host/db}. They live in our own prefix, so
 * they can never collide with a vendor's URL syntax, and the vendor URL is passed on exactly as
 * written. A value may percent-encode {@code ;}, {@code ]} and {@code %} as {@code %3B}, {@code
 * %5D} and {@code %25}.
 */
public final class JdbcUrls {
  /** The prefix every URL of ours starts with. */
  public static final String PREFIX = "jdbc:nplusone";

  private JdbcUrls() {}

  /** Whether {@code url} is one of ours; a prefix check only. */
  public static boolean accepts(String url) {
    if (url == null || !url.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return false;
    }
    if (url.length() == PREFIX.length()) {
      return false;
    }
    char c = url.charAt(PREFIX.length());
    return c == ':' || c == '[';
  }

  /** A URL split into our options and the vendor URL. */
  public static final class Parsed {
    private final String vendorUrl;
    private final Map<String, String> options;

    Parsed(String vendorUrl, Map<String, String> options) {
      this.vendorUrl = vendorUrl;
      this.options = options;
    }

    /** The vendor URL, {@code jdbc:} followed by what came after our prefix. */
    public String vendorUrl() {
      return vendorUrl;
    }

    /** Our options, keyed as written ({@code mode} or {@code nplusone.mode}), in order. */
    public Map<String, String> options() {
      return options;
    }
  }

  /**
   * Splits a URL that {@link #accepts(String)}.
   *
   * @throws SQLException SQLState 08001 for a malformed option block or a doubled prefix
   */
  public static Parsed parse(String url) throws SQLException {
    if (!accepts(url)) {
      throw new SQLException("not an nplusone URL: " + url, "08001");
    }
    int i = PREFIX.length();
    Map<String, String> options = new LinkedHashMap<>();
    if (url.charAt(i) == '[') {
      int close = url.indexOf(']', i);
      if (close < 0) {
        throw new SQLException(
            "malformed nplusone URL: the option block '[' opened after 'jdbc:nplusone' is never"
                + " closed with ']': "
                + url,
            "08001");
      }
      String block = url.substring(i + 1, close);
      for (String pair : block.split(";", -1)) {
        if (pair.isBlank()) {
          continue;
        }
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new SQLException(
              "malformed nplusone URL option '"
                  + pair
                  + "': expected key=value, as in jdbc:nplusone[mode=throw;threshold=5]:postgresql://…",
              "08001");
        }
        options.put(pair.substring(0, eq).trim(), decode(pair.substring(eq + 1).trim()));
      }
      i = close + 1;
      if (i >= url.length() || url.charAt(i) != ':') {
        throw new SQLException(
            "malformed nplusone URL: expected ':' after the option block in " + url, "08001");
      }
    }
    String rest = url.substring(i + 1);
    if (rest.isEmpty()) {
      throw new SQLException(
          "nplusone URL names no database: expected jdbc:nplusone:<vendor URL without 'jdbc:'>,"
              + " such as jdbc:nplusone:postgresql://localhost/db",
          "08001");
    }
    if (accepts("jdbc:" + rest)) {
      throw new SQLException(
          "nplusone URL has the prefix twice: "
              + url
              + " (write jdbc:nplusone:<vendor> with the prefix once)",
          "08001");
    }
    if (rest.regionMatches(true, 0, "jdbc:", 0, 5)) {
      throw new SQLException(
          "nplusone URL repeats 'jdbc:' after the prefix: "
              + url
              + " (write jdbc:nplusone:"
              + rest.substring(5)
              + ")",
          "08001");
    }
    return new Parsed("jdbc:" + rest, Collections.unmodifiableMap(options));
  }

  /** The vendor URL of one of our URLs, or {@code url} itself when it is not ours or malformed. */
  public static String vendorUrlOrSelf(String url) {
    if (!accepts(url)) {
      return url;
    }
    try {
      return parse(url).vendorUrl();
    } catch (SQLException e) {
      return url;
    }
  }

  private static String decode(String value) {
    if (value.indexOf('%') < 0) {
      return value;
    }
    StringBuilder text = new StringBuilder(value.length());
    ByteArrayOutputStream pending = new ByteArrayOutputStream();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '%' && i + 2 < value.length()) {
        int hi = Character.digit(value.charAt(i + 1), 16);
        int lo = Character.digit(value.charAt(i + 2), 16);
        if (hi >= 0 && lo >= 0) {
          pending.write(hi * 16 + lo);
          i += 2;
          continue;
        }
      }
      if (pending.size() > 0) {
        text.append(pending.toString(StandardCharsets.UTF_8));
        pending.reset();
      }
      text.append(c);
    }
    text.append(pending.toString(StandardCharsets.UTF_8));
    return text.toString();
  }
}
