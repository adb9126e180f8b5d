package dev.nplusone.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nplusone.internal.SqlRewriter.Link;
import org.junit.jupiter.api.Test;

/** The small SqlRewriter helpers that suggestions use to find links and name columns. */
class SuggestSqlHelpersTest {
  @Test
  void firstLookup_givesTableColumnAndMarkerOrLiteral() {
    assertThat(
            SqlRewriter.firstLookup(
                "select id from users where deleted_at is null and kind = ? and org_id = ?"))
        .containsExactly("users", "kind", 1);
    assertThat(SqlRewriter.firstLookup("select id, name from orgs o where o.id = 42"))
        .containsExactly("orgs", "id", "42");
    assertThat(SqlRewriter.firstLookup("select a.id from a join b on a.id = b.id where a.x = ?"))
        .isNull();
    assertThat(SqlRewriter.firstLookup("select id, name as sample from t where id = ?")).isNull();
  }

  @Test
  void literals_inOrder() {
    assertThat(SqlRewriter.literals("select x from t where a = 7 and b = 'k' and c > 3"))
        .containsExactly(7L, "k");
    assertThat(SqlRewriter.literals("not sql at all")).isEmpty();
  }

  @Test
  void tables_ofAParentWithJoins() {
    assertThat(
            SqlRewriter.tables(
                "select b.id from books b join shelves s on s.id = b.shelf_id where s.n = ?"))
        .containsExactly("books", "shelves");
  }

  @Test
  void parentColumn_resolvesAliasesLabelsAndIndexes() {
    String parent = "select b.id, b.author_id as aid from books b join shelves s on s.id = b.shelf";
    assertThat(SqlRewriter.parentColumn(parent, Link.parameter(1, "aid", 0)))
        .isEqualTo("books.author_id");
    assertThat(SqlRewriter.parentColumn(parent, Link.parameter(1, null, 1))).isEqualTo("books.id");
    assertThat(
            SqlRewriter.parentColumn(
                "select id, org_id from users", Link.parameter(1, "org_id", 0)))
        .isEqualTo("users.org_id");
    assertThat(SqlRewriter.parentColumn("select id from users", Link.parameter(1, "nope", 0)))
        .isNull();
  }

  @Test
  void lookupColumn_ofAMarker() {
    assertThat(
            SqlRewriter.lookupColumn(
                "select price from lines where order_id = ? and line_no = ?",
                Link.parameter(2, null, 0)))
        .containsExactly("lines", "line_no");
    assertThat(
            SqlRewriter.lookupColumn(
                "select price from lines where order_id = ?", Link.parameter(3, null, 0)))
        .isNull();
  }
}
