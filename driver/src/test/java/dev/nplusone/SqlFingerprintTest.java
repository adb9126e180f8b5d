package dev.nplusone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nplusone.internal.SqlNormalizer;
import dev.nplusone.internal.SqlShape;
import dev.nplusone.internal.SqlShape.StatementKind;
import java.util.Locale;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Table-driven tests of {@link SqlFingerprint}: one table per rule of the issue. Each row is {@code
 * dialect ==> raw SQL ==> expected normalized SQL}; in the raw SQL {@code ⏎} stands for a newline,
 * {@code ⇥} for a tab and {@code ␀} for NUL. Every expected value was written by hand.
 */
class SqlFingerprintTest {

  private static String raw(String s) {
    return Objects.toString(s, "").replace("⏎", "\n").replace("⇥", "\t").replace("␀", "\0");
  }

  private static void check(SqlDialect dialect, String sql, String expected) {
    String want = Objects.toString(expected, "");
    String got = SqlFingerprint.normalize(raw(sql), dialect);
    assertThat(got).isEqualTo(want);
    // Canonical text is a fixed point.
    assertThat(SqlFingerprint.normalize(got, dialect)).isEqualTo(want);
  }

  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @CsvSource(
      delimiterString = " ==> ",
      quoteCharacter = '¤',
      textBlock =
          """
          GENERIC    ==> select 1 ==> select ?
          GENERIC    ==> select 1.5, .5, 5., 1e10, 1.5E-3, 2e+7 from t ==> select ?, ?, ?, ?, ?, ? from t
          GENERIC    ==> select 0x1F, X'1F', x'1f', B'101', b'1' from t ==> select ?, ?, ?, ?, ? from t
          GENERIC    ==> select 'it''s', N'abc', n'x', U&'d\\0061t' from t ==> select ?, ?, ?, ? from t
          POSTGRESQL ==> select E'it\\'s', e'\\\\', 'x' from t ==> select ?, ?, ? from t
          POSTGRESQL ==> select 'a\\', 'b' from t ==> select ?, ? from t
          MYSQL      ==> select 'it\\'s', 'a\\\\', "x\\"y" from t ==> select ?, ?, ? from t
          POSTGRESQL ==> select $$a'b$$, $fn$ body $$ inner $$ $fn$ from t ==> select ?, ? from t
          H2         ==> select $$a'b$$ from t ==> select ? from t
          GENERIC    ==> select * from t where a = true and b = FALSE ==> select * from t where a = ? and b = ?
          GENERIC    ==> select * from t where a = NULL ==> select * from t where a = ?
          GENERIC    ==> select * from t where a IS NULL and b is not null ==> select * from t where a is null and b is not null
          GENERIC    ==> update t set a = null where b = 1 ==> update t set a = ? where b = ?
          GENERIC    ==> select 1000000000000000000000000 from t ==> select ? from t
          GENERIC    ==> select date '2024-01-01', interval '1 day' ==> select date ?, interval ?
          POSTGRESQL ==> select 1_000_000 ==> select ?
          GENERIC    ==> select 'a⏎b' from t ==> select ? from t
          """)
  void rule1LiteralsBecomeMarkers(SqlDialect dialect, String sql, String expected) {
    check(dialect, sql, expected);
  }

  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @CsvSource(
      delimiterString = " ==> ",
      quoteCharacter = '¤',
      textBlock =
          """
          GENERIC    ==> select * from t where a = ? and b = ? ==> select * from t where a = ? and b = ?
          POSTGRESQL ==> select * from t where a = $1 and b = $2 ==> select * from t where a = ? and b = ?
          H2         ==> select * from t where a = ?1 and b = ?2 ==> select * from t where a = ? and b = ?
          GENERIC    ==> select * from t where a = :a and b=:b_2 ==> select * from t where a = ? and b = ?
          POSTGRESQL ==> select * from t where data ?? 'key' ==> select * from t where data ?? ?
          POSTGRESQL ==> select * from t where data ??| array['a','b'] ==> select * from t where data ??| array[?]
          POSTGRESQL ==> select a::int, b::text[] from t ==> select a::int, b::text[] from t
          POSTGRESQL ==> select a[1:3], a[lo:hi] from t ==> select a[? : ?], a[lo : hi] from t
          POSTGRESQL ==> select ?::jsonb ==> select ?::jsonb
          POSTGRESQL ==> select a :: int ==> select a::int
          """)
  void rule2BindMarkers(SqlDialect dialect, String sql, String expected) {
    check(dialect, sql, expected);
  }

  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @CsvSource(
      delimiterString = " ==> ",
      quoteCharacter = '¤',
      textBlock =
          """
          GENERIC ==> select x-1 from t ==> select x - ? from t
          GENERIC ==> select x - -1, -1, - 2 from t ==> select x - ?, ?, ? from t
          GENERIC ==> select * from t where a = -1 and b > -2.5 ==> select * from t where a = ? and b > ?
          GENERIC ==> select (a)-1, a*-1, t.b-1 from t ==> select (a) - ?, a * ?, t.b - ? from t
          GENERIC ==> select * from t where a = -? ==> select * from t where a = - ?
          GENERIC ==> select * from t limit -1 ==> select * from t limit ?
          GENERIC ==> select "x"-1 from t ==> select "x" - ? from t
          MYSQL   ==> select a--1 from t ==> select a - ? from t
          """)
  void rule3UnaryMinusOnly(SqlDialect dialect, String sql, String expected) {
    check(dialect, sql, expected);
  }

  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @CsvSource(
      delimiterString = " ==> ",
      quoteCharacter = '¤',
      textBlock =
          """
          GENERIC    ==> select 1 -- comment ==> select ?
          GENERIC    ==> select 1 -- comment⏎from t ==> select ? from t
          MYSQL      ==> select 1 # comment⏎from t ==> select ? from t
          POSTGRESQL ==> select a #> '{a}' from t ==> select a #> ? from t
          MYSQL      ==> select 1 -- c⏎from t ==> select ? from t
          H2         ==> select 1 // comment⏎from t ==> select ? from t
          GENERIC    ==> select 4 // 2 ==> select ? / / ?
          POSTGRESQL ==> select /* a /* nested */ still comment */ 1 ==> select ?
          H2         ==> select /* a /* nested */ still */ 1 ==> select ?
          MYSQL      ==> select /* a /* b */ 1 ==> select ?
          GENERIC    ==> select /*+ INDEX(t ix) */ a from t ==> select a from t
          MYSQL      ==> select /*+ BKA(t) */ a from t ==> select a from t
          GENERIC    ==> select a from t /*traceparent='00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',tracestate='congo%3Dt61rcWkgMzE'*/ ==> select a from t
          GENERIC    ==> /* load com.acme.Order */ select o1_0.id from orders o1_0 where o1_0.id=? ==> select o1_0.id from orders o1_0 where o1_0.id = ?
          GENERIC    ==> select 1; ==> select ?
          GENERIC    ==> select 1 ;  ; ==> select ?
          GENERIC    ==> select 1; select 2 ==> select ?; select ?
          GENERIC    ==> select a/**/from t ==> select a from t
          GENERIC    ==> select 'it -- is' from t ==> select ? from t
          GENERIC    ==> select '/* no */', 'x' from t ==> select ?, ? from t
          GENERIC    ==> select a from t -- it's a comment ==> select a from t
          GENERIC    ==> select a /* don't */ from t ==> select a from t
          MYSQL      ==> select a # "not closed⏎from t ==> select a from t
          POSTGRESQL ==> select a /* unterminated /* nested */ ==> select a
          GENERIC    ==> select a /* unterminated ==> select a
          GENERIC    ==> -- only a comment ==> ¤¤
          POSTGRESQL ==> select $$ -- not a comment $$ from t ==> select ? from t
          H2         ==> select '// no' from t ==> select ? from t
          MYSQL      ==> select '#no', "--no" from t ==> select ?, ? from t
          """)
  void rule4CommentsGo(SqlDialect dialect, String sql, String expected) {
    check(dialect, sql, expected);
  }

  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @CsvSource(
      delimiterString = " ==> ",
      quoteCharacter = '¤',
      textBlock =
          """
          GENERIC ==> ⇥select⏎  a ,b⏎from   t ==> select a, b from t
          GENERIC ==> select f ( a , b ) from t ==> select f(a, b) from t
          GENERIC ==> select count(*) from t ==> select count(*) from t
          GENERIC ==> select * from t where exists(select 1) ==> select * from t where exists (select ?)
          GENERIC ==> select t . a from t ==> select t.a from t
          GENERIC ==> select a from t where a>=1 and b<>2 and c!=3 ==> select a from t where a >= ? and b <> ? and c <> ?
          GENERIC ==> select a||b from t ==> select a || b from t
          GENERIC ==> SELECT a,b FROM t WHERE x=1 AND y IN (1,2,3) ==> select a, b from t where x = ? and y in (?)
          """)
  void rule5CanonicalSpacing(SqlDialect dialect, String sql, String expected) {
    check(dialect, sql, expected);
  }

  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @CsvSource(
      delimiterString = " ==> ",
      quoteCharacter = '¤',
      textBlock =
          """
          GENERIC           ==> SELECT ID FROM Books ==> select id from books
          GENERIC           ==> select "Books".id from "Books" ==> select "Books".id from "Books"
          GENERIC           ==> SELECT İD, ıd FROM T ==> select İd, ıd from t
          GENERIC           ==> SELECT Straße, ÄB FROM T ==> select straße, Äb from t
          MYSQL             ==> select `Books`.`Id` from `Books` ==> select `Books`.`Id` from `Books`
          MYSQL             ==> select "Books" from t ==> select ? from t
          MYSQL_ANSI_QUOTES ==> select "Books" from t ==> select "Books" from t
          POSTGRESQL        ==> select "Books" from t ==> select "Books" from t
          GENERIC           ==> select "a""b" from t ==> select "a""b" from t
          POSTGRESQL        ==> select U&"d\\0061t" from t ==> select U&"d\\0061t" from t
          GENERIC           ==> select "unterminated ==> select "unterminated
          """)
  void rule6Case(SqlDialect dialect, String sql, String expected) {
    check(dialect, sql, expected);
  }

  /**
   * Keywords are recognized in any case and only as whole words: a word one letter longer or
   * shorter, or with a non-ASCII letter, is an identifier (no list collapse, no space before its
   * {@code (}, a binary sign after it).
   */
  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @CsvSource(
      delimiterString = " ==> ",
      quoteCharacter = '¤',
      textBlock =
          """
          GENERIC    ==> SELECT a FROM t WHERE b iN (1, 2) AND c inn (1, 2) AND d "in" (1) ==> select a from t where b in (?) and c inn(?, ?) and d "in"(?)
          GENERIC    ==> select NuLl, nulls, nul, tRUE, truex, FALSE_ from t where x Is NULL and y IS NOT null ==> select ?, nulls, nul, ?, truex, false_ from t where x is null and y is not null
          POSTGRESQL ==> select ARRAY[1, 2], arrays[1, 2], arra[1] from t ==> select array[?], arrays[?, ?], arra[?] from t
          GENERIC    ==> SELECT É, Über_IN FROM t WHERE a İN (1, 2) ==> select É, Über_in from t where a İn(?, ?)
          GENERIC    ==> select a from t where b BETWEEN -1 AND -2 and c betweenx -1 ==> select a from t where b between ? and ? and c betweenx - ?
          GENERIC    ==> select REFERENCES (b), referencesx (b), Returning (c), returningx (c) from t ==> select references (b), referencesx(b), returning (c), returningx(c) from t
          GENERIC    ==> SELECT x FROM t AS (y), t aS (z), t as_ (w) ==> select x from t as (y), t as (z), t as_(w)
          """)
  void keywordsInAnyCaseAndOnlyWhole(SqlDialect dialect, String sql, String expected) {
    check(dialect, sql, expected);
  }

  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @CsvSource(
      delimiterString = " ==> ",
      quoteCharacter = '¤',
      textBlock =
          """
          GENERIC    ==> select * from t where id in (1, 2, 3) ==> select * from t where id in (?)
          GENERIC    ==> select * from t where id in (?) ==> select * from t where id in (?)
          GENERIC    ==> select * from t where id in (?,?,?,?,?,?,?,?) ==> select * from t where id in (?)
          GENERIC    ==> select * from t where id not in ('a', 'b') ==> select * from t where id not in (?)
          GENERIC    ==> select * from t where id in (a, b) ==> select * from t where id in (a, b)
          GENERIC    ==> select * from t where id in (1, a + 1) ==> select * from t where id in (?, a + ?)
          GENERIC    ==> select * from t where id in (select id from u) ==> select * from t where id in (select id from u)
          POSTGRESQL ==> select * from t where id in (?::int, ?::int) ==> select * from t where id in (?::int)
          POSTGRESQL ==> select * from t where id in (?::int, ?::bigint) ==> select * from t where id in (?::int, ?::bigint)
          GENERIC    ==> select * from t where (a, b) in ((1, 2), (3, 4), (5, 6)) ==> select * from t where (a, b) in ((?, ?))
          GENERIC    ==> select * from t where (a, b) in ((1, 2), (3, a)) ==> select * from t where (a, b) in ((?, ?), (?, a))
          POSTGRESQL ==> select * from t where id = any(array[1, 2, 3]) ==> select * from t where id = any (array[?])
          POSTGRESQL ==> select array[a, b] ==> select array[a, b]
          GENERIC    ==> select * from t where id in (-1, 2, -3) ==> select * from t where id in (?)
          GENERIC    ==> select * from t where id in () ==> select * from t where id in ()
          GENERIC    ==> select * from t where id in (null, 1) ==> select * from t where id in (?)
          GENERIC    ==> select * from t where id in (f(1), f(2)) ==> select * from t where id in (f(?), f(?))
          GENERIC    ==> select * from t where a in (1,2) and b in (x) ==> select * from t where a in (?) and b in (x)
          GENERIC    ==> select * from t where a in (select b from u where c in (1, 2)) ==> select * from t where a in (select b from u where c in (?))
          GENERIC    ==> select * from t where id in (:ids) ==> select * from t where id in (?)
          """)
  void rule7ListsCollapse(SqlDialect dialect, String sql, String expected) {
    check(dialect, sql, expected);
  }

  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @CsvSource(
      delimiterString = " ==> ",
      quoteCharacter = '¤',
      textBlock =
          """
          GENERIC    ==> insert into t (a, b) values (1, 'x'), (2, 'y'), (3, 'z') ==> insert into t(a, b) values (?, ?)
          GENERIC    ==> insert into t(a,b) values (?,?) ==> insert into t(a, b) values (?, ?)
          GENERIC    ==> insert into t values (?, ?), (?, now()), (?, ?) ==> insert into t values (?, ?), (?, now())
          POSTGRESQL ==> insert into t values (1), (2) on conflict (id) do nothing ==> insert into t values (?) on conflict (id) do nothing
          GENERIC    ==> select * from (values (1, 'a'), (2, 'b')) as v(id, name) ==> select * from (values (?, ?)) as v(id, name)
          POSTGRESQL ==> insert into t values (1), (2) returning id ==> insert into t values (?) returning id
          """)
  void rule8ValuesRows(SqlDialect dialect, String sql, String expected) {
    check(dialect, sql, expected);
  }

  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @CsvSource(
      delimiterString = " ==> ",
      quoteCharacter = '¤',
      textBlock =
          """
          GENERIC    ==> SAVEPOINT sp_1 ==> savepoint ?
          GENERIC    ==> RELEASE SAVEPOINT sp_1 ==> release savepoint ?
          GENERIC    ==> ROLLBACK TO SAVEPOINT sp_1 ==> rollback to savepoint ?
          POSTGRESQL ==> rollback to sp_2 ==> rollback to ?
          POSTGRESQL ==> DECLARE c_1 CURSOR FOR SELECT 1 ==> declare ? cursor for select ?
          POSTGRESQL ==> FETCH 50 FROM c_1 ==> fetch ? from ?
          POSTGRESQL ==> CLOSE c_1 ==> close ?
          POSTGRESQL ==> PREPARE s1 AS SELECT 1 ==> prepare ? as select ?
          POSTGRESQL ==> EXECUTE s1(1) ==> execute ? (?)
          POSTGRESQL ==> DEALLOCATE PREPARE s1 ==> deallocate prepare ?
          MYSQL      ==> PREPARE stmt1 FROM 'select 1' ==> prepare ? from ?
          GENERIC    ==> savepoint "Sp" ==> savepoint ?
          GENERIC    ==> rollback ==> rollback
          """)
  void rule9Names(SqlDialect dialect, String sql, String expected) {
    check(dialect, sql, expected);
  }

  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @CsvSource(
      delimiterString = " ==> ",
      quoteCharacter = '¤',
      textBlock =
          """
          GENERIC ==> {call f(?,?)} ==> {call f(?, ?)}
          GENERIC ==> { call f( ?, ? ) } ==> {call f(?, ?)}
          GENERIC ==> {? = call f(?)} ==> {? = call f(?)}
          GENERIC ==> select * from t where d > {ts '2024-01-01 00:00:00'} ==> select * from t where d > {ts ?}
          GENERIC ==> select {fn ucase(name)} from t ==> select {fn ucase(name)} from t
          GENERIC ==> select {d '2024-01-01'} ==> select {d ?}
          """)
  void jdbcEscapes(SqlDialect dialect, String sql, String expected) {
    check(dialect, sql, expected);
  }

  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @CsvSource(
      delimiterString = " ==> ",
      quoteCharacter = '¤',
      textBlock =
          """
          POSTGRESQL ==> select o1_0.id,o1_0.name from organizations o1_0 where o1_0.id=? ==> select o1_0.id, o1_0.name from organizations o1_0 where o1_0.id = ?
          POSTGRESQL ==> select b1_0.id,b1_0.title from books b1_0 where b1_0.author_id in (?,?,?,?) ==> select b1_0.id, b1_0.title from books b1_0 where b1_0.author_id in (?)
          POSTGRESQL ==> insert into orders (customer_id,total,id) values (?,?,?) ==> insert into orders(customer_id, total, id) values (?, ?, ?)
          H2         ==> select o1_0.id from orders o1_0 offset ? rows fetch first ? rows only ==> select o1_0.id from orders o1_0 offset ? rows fetch first ? rows only
          MYSQL      ==> select o1_0.id from orders o1_0 where o1_0.id=? /*traceparent='00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'*/ ==> select o1_0.id from orders o1_0 where o1_0.id = ?
          """)
  void hibernateAndSqlcommenter(SqlDialect dialect, String sql, String expected) {
    check(dialect, sql, expected);
  }

  /** Rule 10 and its converse: these pairs must have different fingerprints. */
  @ParameterizedTest(name = "[{index}] {0}: {1} <> {2}")
  @CsvSource(
      delimiterString = " <> ",
      quoteCharacter = '¤',
      textBlock =
          """
          POSTGRESQL ==> select * from t where id = ? <> select * from t where id in (?)
          POSTGRESQL ==> select * from t where id in (?) <> select * from t where id = any (?)
          POSTGRESQL ==> select a, b from t <> select b, a from t
          POSTGRESQL ==> select o1_0.id from t o1_0 <> select o2_0.id from t o2_0
          POSTGRESQL ==> select * from t_2024 <> select * from t_2025
          POSTGRESQL ==> select ?::int <> select ?::bigint
          POSTGRESQL ==> select ? <> select cast(? as int)
          POSTGRESQL ==> select * from t limit ? <> select * from t limit ? offset ?
          POSTGRESQL ==> select distinct a from t <> select a from t
          POSTGRESQL ==> select a from t for update <> select a from t
          POSTGRESQL ==> select * from "Books" <> select * from books
          MYSQL      ==> select * from `Books` <> select * from books
          GENERIC    ==> select * from t where a in (a, b) <> select * from t where a in (a)
          GENERIC    ==> select * from t where a is null <> select * from t where a = null
          """)
  void keptApart(String dialectAndA, String b) {
    String[] p = dialectAndA.split(" ==> ", 2);
    SqlDialect d = SqlDialect.valueOf(p[0].trim());
    assertThat(SqlFingerprint.of(p[1], d)).isNotEqualTo(SqlFingerprint.of(b, d));
    assertThat(SqlFingerprint.of(p[1], d).hash()).isNotEqualTo(SqlFingerprint.of(b, d).hash());
  }

  /** Pairs that differ only in values, formatting or comments share one fingerprint. */
  @ParameterizedTest(name = "[{index}] {0}: {1} == {2}")
  @CsvSource(
      delimiterString = " == ",
      quoteCharacter = '¤',
      textBlock =
          """
          GENERIC ==> select * from t where id in (?) == select * from t where id in (?, ?)
          GENERIC ==> select * from t where id in (?, ?, ?, ?) == select * from t where id in (?, ?, ?, ?, ?, ?, ?, ?)
          GENERIC ==> select * from t where id = 7 == select * from t where id = 8
          GENERIC ==> SELECT  a FROM t == select a from t -- x
          POSTGRESQL ==> select * from t where x = 'a' == select * from t where x = $q$b$q$
          GENERIC ==> select a from t /*traceparent='00-1-2-01'*/ == select a from t
          GENERIC ==> insert into t values (1), (2) == insert into t values (3)
          GENERIC ==> select -1 == select 2.5e3
          """)
  void sameShape(String dialectAndA, String b) {
    String[] p = dialectAndA.split(" ==> ", 2);
    SqlDialect d = SqlDialect.valueOf(p[0].trim());
    SqlFingerprint fa = SqlFingerprint.of(p[1], d);
    SqlFingerprint fb = SqlFingerprint.of(b, d);
    assertThat(fa).isEqualTo(fb).hasSameHashCodeAs(fb);
    assertThat(fa.sql()).isEqualTo(fb.sql());
  }

  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @CsvSource(
      delimiterString = " ==> ",
      quoteCharacter = '¤',
      textBlock =
          """
          GENERIC ==> select 1 ==> SELECT
          GENERIC ==> /* c */ (select 1) union (select 2) ==> SELECT
          GENERIC ==> -- c⏎ UPDATE t SET a = 1 ==> UPDATE
          GENERIC ==> with x as (select 1) update t set a = 1 ==> UPDATE
          GENERIC ==> with recursive r(n) as (select 1 union all select n + 1 from r) select * from r ==> SELECT
          GENERIC ==> with x as (delete from t returning *) insert into u select * from x ==> INSERT
          GENERIC ==> insert into t values (1) ==> INSERT
          GENERIC ==> delete from t ==> DELETE
          GENERIC ==> merge into t using s on t.id = s.id when matched then delete ==> MERGE
          GENERIC ==> {call f(?)} ==> CALL
          GENERIC ==> {? = call f(?)} ==> CALL
          GENERIC ==> savepoint x ==> OTHER
          GENERIC ==> explain select 1 ==> OTHER
          GENERIC ==> -- nothing ==> OTHER
          """)
  void statementKind(SqlDialect dialect, String sql, StatementKind kind) {
    assertThat(SqlNormalizer.shape(raw(sql), dialect).kind()).isEqualTo(kind);
  }

  @Test
  void literalsHashSeparatesValuesOfOneShape() {
    SqlShape seven = SqlNormalizer.shape("select * from t where id = 7", SqlDialect.GENERIC);
    SqlShape eight = SqlNormalizer.shape("select * from t where id = 8", SqlDialect.GENERIC);
    SqlShape marker = SqlNormalizer.shape("select * from t where id = ?", SqlDialect.GENERIC);
    assertThat(seven.hash()).isEqualTo(eight.hash()).isEqualTo(marker.hash());
    assertThat(seven.literalsHash()).isNotEqualTo(eight.literalsHash()).isNotZero();
    assertThat(seven.literalCount()).isEqualTo(1);
    assertThat(marker.literalsHash()).isZero();
    assertThat(marker.literalCount()).isZero();
    assertThat(seven.normalizedSql()).isEqualTo("select * from t where id = ?");
    assertThat(seven.canonicalLength()).isEqualTo(seven.normalizedSql().length());
  }

  @Test
  void listFactsAreCounted() {
    SqlShape s =
        SqlNormalizer.shape(
            "select * from t where a in (1, 2, 3) and b in (?, ?) and c in (x, y, z, w)",
            SqlDialect.GENERIC);
    assertThat(s.normalizedSql())
        .isEqualTo("select * from t where a in (?) and b in (?) and c in (x, y, z, w)");
    assertThat(s.maxListElements()).isEqualTo(3);
    assertThat(s.multiValued()).isTrue();
    assertThat(s.literalCount()).isEqualTo(3);
    SqlShape one = SqlNormalizer.shape("select * from t where a in (?)", SqlDialect.GENERIC);
    assertThat(one.maxListElements()).isEqualTo(1);
    assertThat(one.multiValued()).isFalse();
    assertThat(SqlNormalizer.shape("select 1", SqlDialect.GENERIC).maxListElements()).isZero();
  }

  @Test
  void nullInputsAreEmpty() {
    assertThat(SqlFingerprint.normalize(null, SqlDialect.GENERIC)).isEmpty();
    assertThat(SqlFingerprint.normalize("SELECT 1", null)).isEqualTo("select ?");
    assertThat(SqlFingerprint.of(null, null)).isEqualTo(SqlFingerprint.of("", SqlDialect.H2));
    assertThat(SqlFingerprint.of("", SqlDialect.H2).sql()).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // Robustness: every case asserts its result, which also proves it completed.

  @Test
  void tenMegabyteValuesStatementCollapsesToOneRow() {
    StringBuilder sql = new StringBuilder("INSERT INTO t (a, b) VALUES ");
    while (sql.length() < 10 << 20) {
      sql.append("(1, 'abc'), ");
    }
    sql.append("(2, 'x')");
    SqlShape shape = SqlNormalizer.shape(sql.toString(), SqlDialect.POSTGRESQL);
    assertThat(shape.normalizedSql()).isEqualTo("insert into t(a, b) values (?, ?)");
    assertThat(shape.literalCount()).isGreaterThan(1_700_000);
  }

  @Test
  void tenMegabyteStatementKeepsItsLengthButIsCappedForDisplay() {
    // "a + 1, " is already canonical but for the literal, so the output is as long as the input:
    // linear output, not a quadratic or truncated one.
    StringBuilder sql = new StringBuilder("select ");
    StringBuilder expected = new StringBuilder("select ");
    while (sql.length() < 10 << 20) {
      sql.append("a + 1, ");
      expected.append("a + ?, ");
    }
    sql.append('b');
    expected.append('b');
    String normalized = SqlFingerprint.normalize(sql.toString(), SqlDialect.GENERIC);
    assertThat(normalized.length()).isEqualTo(sql.length());
    assertThat(normalized).isEqualTo(expected.toString());
    SqlFingerprint f = SqlFingerprint.of(sql.toString(), SqlDialect.GENERIC);
    assertThat(f.sql()).hasSize(SqlNormalizer.DISPLAY_LIMIT + 1).endsWith("…");
    assertThat(f.sql()).startsWith("select a + ?, a + ?");
  }

  @Test
  void aNulAfterAnOperatorIsWhitespaceNotItsThirdChar() {
    // Operators are found from a table of their first two chars and the chars that can follow as
    // a third; a NUL, which reads as whitespace, must not be taken for one of those.
    assertThat(
            SqlFingerprint.normalize(
                "select a from t where a<=\u0000b and c!~\u0000d and e->\u0000f",
                SqlDialect.POSTGRESQL))
        .isEqualTo("select a from t where a <= b and c !~ d and e -> f");
  }

  @Test
  void outputLongerThanItsInputGrowsAcrossWords() {
    // "x=y" becomes "x = y": the output outgrows the input (and any buffer sized from it) by two
    // chars per "=", so it fills up in the middle of words, many times over.
    String word = "Column_With_A_Rather_Long_Name_";
    StringBuilder sql = new StringBuilder(word).append(0);
    StringBuilder expected = new StringBuilder(word.toLowerCase(Locale.ROOT)).append(0);
    for (int i = 1; i < 4000; i++) {
      sql.append('=').append(word).append(i);
      expected.append(" = ").append(word.toLowerCase(Locale.ROOT)).append(i);
    }
    assertThat(sql.length()).isGreaterThan(1 << 17);
    assertThat(SqlFingerprint.normalize(sql.toString(), SqlDialect.GENERIC))
        .isEqualTo(expected.toString());
    SqlShape shape = SqlNormalizer.shape(sql.toString(), SqlDialect.GENERIC);
    assertThat(shape.canonicalLength()).isEqualTo(expected.length());
    assertThat(shape.hash())
        .isEqualTo(SqlNormalizer.shape(expected.toString(), SqlDialect.GENERIC).hash());
  }

  @Test
  void aStatementNormalizesTheSameAfterAnyOtherOnTheThread() throws Exception {
    // The normalizer reuses per-thread buffers: what one statement leaves in them (a long output,
    // a deep or unclosed bracket stack, an open VALUES clause, pending semicolons) must not show
    // in the next one.
    String[] statements = {
      "select " + "(".repeat(12_000) + "1" + ")".repeat(12_000),
      "select * from t where a in (1, 2, (3, 4, array[5",
      "INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y')",
      "select 1;;;",
      "insert into t values",
      "(1), (1)",
      "select x" + "=y".repeat(20_000),
      "select * from t where a in (1, 2, 3)",
      "insert into t values (1), (1)",
      "SELECT a, b FROM t WHERE c = 'd'",
      "",
      "select 1",
    };
    SqlShape[] fresh = new SqlShape[statements.length];
    for (int i = 0; i < statements.length; i++) {
      int k = i;
      Thread t = new Thread(() -> fresh[k] = SqlNormalizer.shape(statements[k], null));
      t.start();
      t.join();
    }
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < statements.length; i++) {
        SqlShape again = SqlNormalizer.shape(statements[i], null);
        assertThat(again.normalizedSql()).isEqualTo(fresh[i].normalizedSql());
        assertThat(again.hash()).isEqualTo(fresh[i].hash());
        assertThat(again.literalsHash()).isEqualTo(fresh[i].literalsHash());
        assertThat(again.maxListElements()).isEqualTo(fresh[i].maxListElements());
        assertThat(SqlFingerprint.normalize(statements[i], null))
            .isEqualTo(SqlFingerprint.normalize(statements[i], null));
      }
    }
    assertThat(fresh[5].normalizedSql()).isEqualTo("(?), (?)");
    assertThat(fresh[7].normalizedSql()).isEqualTo("select * from t where a in (?)");
    assertThat(fresh[8].normalizedSql()).isEqualTo("insert into t values (?)");
  }

  @Test
  void statementsDifferingAfterTheDisplayCapStillDiffer() {
    String head = "select " + "a, ".repeat(3000);
    SqlFingerprint x = SqlFingerprint.of(head + "x from t", SqlDialect.GENERIC);
    SqlFingerprint y = SqlFingerprint.of(head + "y from t", SqlDialect.GENERIC);
    assertThat(x.sql()).isEqualTo(y.sql());
    assertThat(x).isNotEqualTo(y);
  }

  @Test
  void twoThousandElementInList() {
    StringBuilder sql = new StringBuilder("select * from t where id in (");
    for (int i = 0; i < 2000; i++) {
      sql.append(i == 0 ? "" : ", ").append(i);
    }
    sql.append(')');
    SqlShape shape = SqlNormalizer.shape(sql.toString(), SqlDialect.GENERIC);
    assertThat(shape.normalizedSql()).isEqualTo("select * from t where id in (?)");
    assertThat(shape.maxListElements()).isEqualTo(2000);
    assertThat(shape.literalCount()).isEqualTo(2000);
  }

  @Test
  void fiveHundredDeepParentheses() {
    String sql = "SELECT " + "(".repeat(500) + "1" + ")".repeat(500) + " FROM t";
    assertThat(SqlFingerprint.normalize(sql, SqlDialect.GENERIC))
        .isEqualTo("select " + "(".repeat(500) + "?" + ")".repeat(500) + " from t");
    String in = "select * from t where a in " + "(".repeat(500) + "1, 2" + ")".repeat(500);
    assertThat(SqlFingerprint.normalize(in, SqlDialect.GENERIC))
        .isEqualTo("select * from t where a in " + "(".repeat(500) + "?, ?" + ")".repeat(500));
  }

  @Test
  void nestingDeeperThanTheTrackedStack() {
    String deep = "(".repeat(20_000) + "1, 2" + ")".repeat(20_000);
    String sql = "select * from t where a in " + deep + " and b in (1, 2) and c in (x, 3)";
    assertThat(SqlFingerprint.normalize(sql, SqlDialect.GENERIC))
        .isEqualTo(
            "select * from t where a in "
                + "(".repeat(20_000)
                + "?, ?"
                + ")".repeat(20_000)
                + " and b in (?) and c in (x, ?)");
  }

  @Test
  void unbalancedBracketsDoNotBreakIt() {
    String opens = "(".repeat(100_000);
    assertThat(SqlFingerprint.normalize(opens, SqlDialect.POSTGRESQL)).isEqualTo(opens);
    assertThat(SqlFingerprint.normalize(") ) ] } select 1", SqlDialect.GENERIC))
        .isEqualTo("))]} select ?");
  }

  @Test
  void tenThousandDigitNumber() {
    String sql = "select " + "9".repeat(10_000) + " from t";
    assertThat(SqlFingerprint.normalize(sql, SqlDialect.GENERIC)).isEqualTo("select ? from t");
  }

  @Test
  void nulAndControlCharacters() {
    String sql = "select\0a,\u0001b\u0007from t where x = 'a\0b' and y = \"\u0002\"";
    assertThat(SqlFingerprint.normalize(sql, SqlDialect.POSTGRESQL))
        .isEqualTo("select a, b from t where x = ? and y = \"\u0002\"");
  }

  @Test
  void nonAsciiText() {
    assertThat(SqlFingerprint.normalize("SELECT 名前 FROM 表 WHERE 名前 = 'テスト'", SqlDialect.GENERIC))
        .isEqualTo("select 名前 from 表 where 名前 = ?");
    assertThat(SqlFingerprint.normalize("select '😀', \"😀\"\u00a0from t", SqlDialect.GENERIC))
        .isEqualTo("select ?, \"😀\" from t");
    assertThat(SqlFingerprint.normalize("select \uD800 from t", SqlDialect.GENERIC))
        .isEqualTo("select \uD800 from t");
  }

  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @CsvSource(
      delimiterString = " ==> ",
      quoteCharacter = '¤',
      textBlock =
          """
          GENERIC    ==> select 'unterminated ==> select ?
          MYSQL      ==> select 'ends in backslash\\ ==> select ?
          POSTGRESQL ==> select $tag$ unterminated $$ ==> select ?
          POSTGRESQL ==> select $a$ x $b$ y $b$ z $a$, 1 ==> select ?, ?
          H2         ==> select $$ unterminated ==> select ?
          POSTGRESQL ==> select 1 /* a /* b */ c ==> select ?
          MYSQL      ==> select `unterminated ==> select `unterminated
          POSTGRESQL ==> select $ ==> select $
          POSTGRESQL ==> select e' ==> select ?
          GENERIC    ==> select u&' ==> select ?
          GENERIC    ==> select a in ( ==> select a in (
          GENERIC    ==> insert into t values (1), ( ==> insert into t values (?), (
          """)
  void unterminatedTokensRunToTheEnd(SqlDialect dialect, String sql, String expected) {
    check(dialect, sql, expected);
  }

  /** Corners found by the idempotence property: the output must lex as the input did. */
  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @CsvSource(
      delimiterString = " ==> ",
      quoteCharacter = '¤',
      textBlock =
          """
          MYSQL      ==> select 1abc, 1E5X from t ==> select 1abc, 1e5x from t
          POSTGRESQL ==> select 1.e'x' ==> select 1.e ?
          GENERIC    ==> select a. 1e5x ==> select a. 1e5x
          GENERIC    ==> select a[b: ::int] ==> select a[b : ::int]
          GENERIC    ==> select 9_ ==> select ?
          """)
  void lexerCorners(SqlDialect dialect, String sql, String expected) {
    check(dialect, sql, expected);
  }

  /**
   * Where the normalizer's fast lane for identifier runs hands back to the general path: a keyword
   * that is a value, awaits a name (also as a statement's first word, or after {@code fetch},
   * {@code move} or {@code rollback}) or opens VALUES rows, a keyword after a dot, a word running
   * into a quote or an {@code &}, a pending semicolon, a list or VALUES frame, a number after a dot
   * or run into letters, non-ASCII chars, a statement whose kind is not known yet; and strings.
   */
  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @CsvSource(
      delimiterString = " ==> ",
      quoteCharacter = '¤',
      textBlock =
          """
          GENERIC    ==> select t.in,t.Values,T.NULL,t.is,t.select from t ==> select t.in, t.values, t.?, t.is, t.select from t
          GENERIC    ==> select o.id,o.total from t o where o.id=1 and o.x is null and o.y=true ==> select o.id, o.total from t o where o.id = ? and o.x is null and o.y = ?
          POSTGRESQL ==> select a,x'1f',n'a',e'b',u&'c',U&"d",b&c from t ==> select a, ?, ?, ?, ?, U&"d", b & c from t
          MYSQL      ==> select a,_utf8'd',n'x',_x.y from t ==> select a, ?, ?, _x.y from t
          GENERIC    ==> select a;b.c,d;;e.f ==> select a; b.c, d;; e.f
          POSTGRESQL ==> savepoint s1_0;release s1_0;rollback to s1_0.x ==> savepoint ?; release ?; rollback to ?.x
          GENERIC    ==> insert into t values (a.b,c),(a.b,c) ==> insert into t values (a.b, c)
          GENERIC    ==> select * from t where x in (a.b,a.b) and y in (1,2) ==> select * from t where x in (a.b, a.b) and y in (?)
          GENERIC    ==> select a.5,b,.5,c+.5,d.1e5x,e*2,f<=>3,g!=4 from t ==> select a.?, b, ?, c + ?, d. 1e5x, e * ?, f <=> ?, g <> ? from t
          GENERIC    ==> select a.é,ö1_0.x,y.zé from t ==> select a.é, ö1_0.x, y.zé from t
          GENERIC    ==> select a. b , c .d from t ==> select a.b, c.d from t
          POSTGRESQL ==> with x as (select a.b,c from t) select y.z,w from x ==> with x as (select a.b, c from t) select y.z, w from x
          POSTGRESQL ==> fetch forward 5 from c1_0 ==> fetch forward ? from ?
          POSTGRESQL ==> select a from t;move next in c1_0 ==> select a from t; move next in ?
          POSTGRESQL ==> rollback work to s1_0 ==> rollback work to ?
          POSTGRESQL ==> select a from t where b.x in (1) and c.y = null and d.z is not null ==> select a from t where b.x in (?) and c.y = ? and d.z is not null
          POSTGRESQL ==> select x;declare c1 cursor for select a.b from t ==> select x; declare ? cursor for select a.b from t
          GENERIC    ==> select a.b,'x','y''z' from t where c='d' ==> select a.b, ?, ? from t where c = ?
          MYSQL      ==> select a.b,'x\\'y',c from t ==> select a.b, ?, c from t
          """)
  void fastLaneHandsBack(SqlDialect dialect, String sql, String expected) {
    check(dialect, sql, expected);
  }

  @Test
  void outputLongerThanItsInputGrowsInAnIdentifierRun() {
    // "a.b=c" becomes "a.b = c": short tokens, so the output fills up at every offset of a token.
    StringBuilder sql = new StringBuilder("select x");
    StringBuilder expected = new StringBuilder("select x");
    for (int i = 0; i < 30_000; i++) {
      String name = "C" + (i % 7) + "_0.Col";
      sql.append(i % 3 == 0 ? "," : " and ").append(name).append("=").append(name).append(i % 11);
      expected
          .append(i % 3 == 0 ? ", " : " and ")
          .append(name.toLowerCase(Locale.ROOT))
          .append(" = ")
          .append(name.toLowerCase(Locale.ROOT))
          .append(i % 11);
    }
    assertThat(SqlFingerprint.normalize(sql.toString(), SqlDialect.GENERIC))
        .isEqualTo(expected.toString());
    assertThat(SqlNormalizer.shape(sql.toString(), SqlDialect.GENERIC).canonicalLength())
        .isEqualTo(expected.length());
  }
}
