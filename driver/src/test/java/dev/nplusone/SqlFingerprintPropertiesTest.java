package dev.nplusone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/** Properties of {@link SqlFingerprint} over generated input. */
class SqlFingerprintPropertiesTest {

  /** Pieces of SQL that stress the lexer when glued together in any order. */
  private static final List<String> FRAGMENTS =
      List.of(
          "select ",
          "SELECT",
          " from ",
          " t",
          " where ",
          "a",
          "B",
          "\"Q\"",
          "`q`",
          "'s'",
          "'",
          "\"",
          "`",
          "''",
          "e'x\\'y'",
          "E'",
          "n'",
          "x'1F'",
          "u&'",
          "U&\"",
          "$$",
          "$t$",
          "$1",
          "$",
          "?",
          "??",
          "?1",
          ":n",
          "::",
          ":",
          "::int",
          "[",
          "]",
          "[1:2]",
          "(",
          ")",
          "{",
          "}",
          "{ts '2024-01-01'}",
          "{call f(?)}",
          ",",
          ";",
          ".",
          ".5",
          "1",
          "-1",
          "-",
          "+",
          "1e5",
          "0x1F",
          "x-1",
          "--",
          "-- c\n",
          "# c\n",
          "#",
          "//",
          "/*",
          "*/",
          "/* c */",
          "/*+ h */",
          "/*traceparent='00-a-b-01'*/",
          " in (",
          " in (1, 2)",
          " in (?, ?, ?)",
          " = any (",
          " array[",
          " values ",
          " values (1), (2)",
          "(1, 2)",
          " is ",
          " not ",
          " null",
          " true",
          " savepoint ",
          " rollback to ",
          " declare ",
          " fetch ",
          "\n",
          "\t",
          "\0",
          "\u0001",
          "İ",
          "ı",
          "名前",
          "😀",
          "\uD800",
          "\u00a0",
          " <> ",
          "!=",
          ">=",
          "||",
          "\\");

  @Provide
  Arbitrary<String> sqlish() {
    return Arbitraries.of(FRAGMENTS).list().ofMaxSize(40).map(l -> String.join("", l));
  }

  @Property(tries = 2000)
  void neverThrowsOnArbitraryStrings(
      @ForAll @StringLength(max = 300) String sql, @ForAll SqlDialect dialect) {
    String normalized = SqlFingerprint.normalize(sql, dialect);
    assertThat(normalized).isNotNull();
    assertThat(SqlFingerprint.of(sql, dialect).sql()).isNotNull();
  }

  /**
   * The normalizer reuses per-thread buffers: a statement normalized right after another gives what
   * it gives on a thread that never normalized anything.
   */
  @Property(tries = 300)
  void sameResultAfterAnyOtherStatementAsOnAFreshThread(
      @ForAll("sqlish") String before, @ForAll("sqlish") String sql, @ForAll SqlDialect dialect)
      throws InterruptedException {
    String[] fresh = new String[2];
    Thread t =
        new Thread(
            () -> {
              fresh[0] = SqlFingerprint.normalize(sql, dialect);
              fresh[1] = SqlFingerprint.of(sql, dialect).sql();
            });
    t.start();
    t.join();
    SqlFingerprint.of(before, dialect);
    SqlFingerprint.normalize(before + before, dialect);
    assertThat(SqlFingerprint.normalize(sql, dialect)).isEqualTo(fresh[0]);
    assertThat(SqlFingerprint.of(sql, dialect).sql()).isEqualTo(fresh[1]);
  }

  @Property(tries = 2000)
  void neverThrowsOnSqlLikeStrings(@ForAll("sqlish") String sql, @ForAll SqlDialect dialect) {
    assertThat(SqlFingerprint.normalize(sql, dialect)).isNotNull();
  }

  @Property(tries = 2000)
  void idempotentOnArbitraryStrings(
      @ForAll @StringLength(max = 300) String sql, @ForAll SqlDialect dialect) {
    String once = SqlFingerprint.normalize(sql, dialect);
    assertThat(SqlFingerprint.normalize(once, dialect)).isEqualTo(once);
  }

  @Property(tries = 3000)
  void idempotentOnSqlLikeStrings(@ForAll("sqlish") String sql, @ForAll SqlDialect dialect) {
    String once = SqlFingerprint.normalize(sql, dialect);
    assertThat(SqlFingerprint.normalize(once, dialect)).isEqualTo(once);
  }

  // ---------------------------------------------------------------------------------------------
  // Replacing literals by others of the same kind keeps the fingerprint.

  private static final List<String> LITERAL_TEMPLATES =
      List.of(
          "select * from t where id = #",
          "SELECT a FROM t WHERE x IN (#, #) AND y = #",
          "insert into t (a, b) values (#, #)",
          "insert into t (a) values (#), (#), (#)",
          "update t set a = # where b = # and c in (#)",
          "select # + #, f(#) from t",
          "select * from t where a = # limit # -- c",
          "select * from t where a between # and # order by 1",
          "select * from t where a = any (array[#, #, #])");

  /** The kinds of literals; MySQL, PostgreSQL and the others escape differently. */
  enum LiteralKind {
    INTEGER,
    NEGATIVE,
    DECIMAL,
    EXPONENT,
    HEX,
    HEX_STRING,
    BIT_STRING,
    STRING,
    NATIONAL_STRING,
    BOOLEAN,
    E_STRING,
    DOLLAR_STRING
  }

  private static Arbitrary<String> literal(LiteralKind kind, SqlDialect dialect) {
    Arbitrary<String> text =
        Arbitraries.strings().withChars("abcXYZ 019'\"\\-/*#$?:;()\n\tİ名😀").ofMaxLength(12);
    boolean mysql = dialect == SqlDialect.MYSQL || dialect == SqlDialect.MYSQL_ANSI_QUOTES;
    return switch (kind) {
      case INTEGER ->
          Arbitraries.bigIntegers().greaterOrEqual(java.math.BigInteger.ZERO).map(Object::toString);
      case NEGATIVE -> Arbitraries.longs().between(1, Long.MAX_VALUE).map(v -> "-" + v);
      case DECIMAL ->
          Arbitraries.bigDecimals()
              .between(java.math.BigDecimal.ZERO, new java.math.BigDecimal("1e12"))
              .ofScale(3)
              .map(java.math.BigDecimal::toPlainString);
      case EXPONENT ->
          Combinators.combine(
                  Arbitraries.integers().between(0, 999), Arbitraries.integers().between(-300, 300))
              .as((m, e) -> m + "e" + e);
      case HEX -> Arbitraries.longs().greaterOrEqual(0).map(v -> "0x" + Long.toHexString(v));
      case HEX_STRING ->
          Arbitraries.strings()
              .withChars("0123456789abcdefABCDEF")
              .ofMaxLength(16)
              .map(h -> "X'" + h + "'");
      case BIT_STRING ->
          Arbitraries.strings().withChars("01").ofMaxLength(16).map(b -> "b'" + b + "'");
      case STRING -> text.map(t -> quote(t, mysql));
      case NATIONAL_STRING -> text.map(t -> "N" + quote(t, mysql));
      case BOOLEAN -> Arbitraries.of("true", "false", "TRUE", "False");
      case E_STRING ->
          dialect == SqlDialect.POSTGRESQL
              ? text.map(t -> "E'" + t.replace("\\", "\\\\").replace("'", "\\'") + "'")
              : text.map(t -> quote(t, mysql));
      case DOLLAR_STRING ->
          dialect == SqlDialect.POSTGRESQL || dialect == SqlDialect.H2
              ? text.map(t -> "$$" + t.replace("$", "") + "$$")
              : text.map(t -> quote(t, mysql));
    };
  }

  private static String quote(String text, boolean backslashEscapes) {
    String t = backslashEscapes ? text.replace("\\", "\\\\") : text;
    return "'" + t.replace("'", "''") + "'";
  }

  @Provide
  Arbitrary<String[]> literalPairs() {
    Arbitrary<SqlDialect> dialects = Arbitraries.of(SqlDialect.class);
    Arbitrary<LiteralKind> kinds = Arbitraries.of(LiteralKind.class);
    Arbitrary<String> templates = Arbitraries.of(LITERAL_TEMPLATES);
    return Combinators.combine(dialects, kinds, templates)
        .flatAs(
            (d, k, t) -> {
              int slots = t.split("#", -1).length - 1;
              Arbitrary<List<String>> values = literal(k, d).list().ofSize(slots);
              return Combinators.combine(values, values)
                  .as((a, b) -> new String[] {d.name(), fill(t, a), fill(t, b)});
            });
  }

  private static String fill(String template, List<String> values) {
    StringBuilder sb = new StringBuilder();
    int v = 0;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      sb.append(c == '#' ? values.get(v++) : String.valueOf(c));
    }
    return sb.toString();
  }

  @Property(tries = 2000)
  void sameKindLiteralsKeepTheFingerprint(@ForAll("literalPairs") String[] pair) {
    SqlDialect d = SqlDialect.valueOf(pair[0]);
    assertThat(SqlFingerprint.of(pair[1], d))
        .as("%s%n  vs %s", pair[1], pair[2])
        .isEqualTo(SqlFingerprint.of(pair[2], d));
    assertThat(SqlFingerprint.normalize(pair[1], d)).doesNotContain("'");
  }

  // ---------------------------------------------------------------------------------------------
  // Different table or column names never share a fingerprint.

  private static final Set<String> RESERVED =
      Set.of(
          "true",
          "false",
          "null",
          "in",
          "is",
          "not",
          "and",
          "or",
          "array",
          "values",
          "value",
          "savepoint",
          "to",
          "from",
          "select",
          "where",
          "as",
          "on",
          "set",
          "by",
          "like",
          "all",
          "any",
          "some",
          "e",
          "n",
          "x",
          "b",
          "u");

  @Provide
  Arbitrary<List<String>> nameLists() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withChars("_0123456789")
        .ofMinLength(1)
        .ofMaxLength(10)
        .filter(s -> !Character.isDigit(s.charAt(0)) && !RESERVED.contains(s))
        .list()
        .ofSize(4);
  }

  private static final List<String> NAME_TEMPLATES =
      List.of(
          "select #0, #1 from #2 where #3 = ?",
          "SELECT o1_0.#0, o1_0.#1 FROM #2 o1_0 WHERE o1_0.#3 IN (?, ?)",
          "insert into #2 (#0, #1, #3) values (?, ?, ?)",
          "update #2 set #0 = ?, #1 = ? where #3 = ?",
          "delete from #2 where #0 = ? and #1 in (1, 2) and #3 is null");

  @Property(tries = 2000)
  void differentNamesNeverShareAFingerprint(
      @ForAll("nameLists") List<String> first,
      @ForAll("nameLists") List<String> second,
      @ForAll @IntRange(min = 0, max = 4) int template,
      @ForAll SqlDialect dialect) {
    List<String> other = new ArrayList<>(second);
    if (other.equals(first)) {
      other.set(0, first.get(0) + "_x");
    }
    String t = NAME_TEMPLATES.get(template);
    String a = names(t, first);
    String b = names(t, other);
    assertThat(SqlFingerprint.of(a, dialect))
        .as("%s%n  vs %s", a, b)
        .isNotEqualTo(SqlFingerprint.of(b, dialect));
  }

  private static String names(String template, List<String> names) {
    String s = template;
    for (int i = 0; i < names.size(); i++) {
      s = s.replace("#" + i, names.get(i));
    }
    return s;
  }

  @Property(tries = 500)
  void anyNumberOfMarkersInAnInListIsOneShape(
      @ForAll @IntRange(min = 1, max = 300) int count, @ForAll SqlDialect dialect) {
    String list = String.join(",", java.util.Collections.nCopies(count, "?"));
    assertThat(SqlFingerprint.of("select * from t where id in (" + list + ")", dialect))
        .isEqualTo(SqlFingerprint.of("select * from t where id in (?)", dialect));
  }
}
