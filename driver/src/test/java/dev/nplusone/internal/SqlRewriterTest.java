package dev.nplusone.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nplusone.SqlDialect;
import dev.nplusone.internal.SqlRewriter.Child;
import dev.nplusone.internal.SqlRewriter.Link;
import dev.nplusone.internal.SqlRewriter.Rewrite;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlRewriterTest {

  private static Child child(String sql, String parentColumn, boolean toMany) {
    return new Child(sql, List.of(Link.parameter(1, parentColumn, 0)), toMany);
  }

  @Test
  void toOne_joinsTheChildOnTheParentsColumn_keepingWhereOrderAndLimit() {
    Rewrite r =
        SqlRewriter.joinRewrite(
            "select id, email, organization_id from users where is_active = true"
                + " and deleted_at is null order by created_at desc limit ?",
            List.of(
                child(
                    "select id, name from organizations where id = ?", "organization_id", false)));
    assertThat(r.sql())
        .isEqualTo(
            "SELECT users.id, users.email, users.organization_id, o.id AS o_id, o.name AS o_name"
                + " FROM users LEFT JOIN organizations o ON o.id = users.organization_id"
                + " WHERE users.is_active = true AND users.deleted_at IS NULL"
                + " ORDER BY users.created_at DESC LIMIT ?");
    assertThat(r.notes()).isEmpty();
    assertThat(r.childColumns()).containsExactly("organizations.id");
  }

  @Test
  void hibernateAliases_areKept() {
    Rewrite r =
        SqlRewriter.joinRewrite(
            "select u1_0.id,u1_0.email,u1_0.organization_id from users u1_0 where u1_0.is_active=?",
            List.of(
                child(
                    "select o1_0.id,o1_0.name from organizations o1_0 where o1_0.id=?",
                    "organization_id",
                    false)));
    assertThat(r.sql())
        .isEqualTo(
            "SELECT u1_0.id, u1_0.email, u1_0.organization_id, o.id AS o_id, o.name AS o_name"
                + " FROM users u1_0 LEFT JOIN organizations o ON o.id = u1_0.organization_id"
                + " WHERE u1_0.is_active = ?");
  }

  @Test
  void toMany_movesTheChildsExtraPredicatesIntoOn_andSaysRowsRepeat() {
    Rewrite r =
        SqlRewriter.joinRewrite(
            "select id, name from organizations order by name",
            List.of(
                child(
                    "select id, email from users where organization_id = ? and deleted_at is null",
                    "id",
                    true)));
    assertThat(r.sql())
        .isEqualTo(
            "SELECT organizations.id, organizations.name, u.id AS u_id, u.email AS u_email"
                + " FROM organizations LEFT JOIN users u ON u.organization_id = organizations.id"
                + " AND u.deleted_at IS NULL ORDER BY organizations.name");
    assertThat(r.notes()).singleElement().asString().contains("repeats once per users row");
  }

  @Test
  void interleavedChildren_getOneJoinEach() {
    Rewrite r =
        SqlRewriter.joinRewrite(
            "select id, title, author_id, publisher_id from books",
            List.of(
                child("select id, name from authors where id = ?", "author_id", false),
                child("select id, name from publishers where id = ?", "publisher_id", false)));
    assertThat(r.sql())
        .isEqualTo(
            "SELECT books.id, books.title, books.author_id, books.publisher_id,"
                + " a.id AS a_id, a.name AS a_name, p.id AS p_id, p.name AS p_name"
                + " FROM books LEFT JOIN authors a ON a.id = books.author_id"
                + " LEFT JOIN publishers p ON p.id = books.publisher_id");
  }

  @Test
  void parentThatIsAJoin_keepsItsJoinsAndAliases() {
    Rewrite r =
        SqlRewriter.joinRewrite(
            "select b.id, b.title, b.author_id from books b join shelves s on s.id = b.shelf_id"
                + " where s.name = ?",
            List.of(child("select id, name from authors where id = ?", "author_id", false)));
    assertThat(r.sql())
        .isEqualTo(
            "SELECT b.id, b.title, b.author_id, a.id AS a_id, a.name AS a_name FROM books b"
                + " JOIN shelves s ON s.id = b.shelf_id LEFT JOIN authors a ON a.id = b.author_id"
                + " WHERE s.name = ?");
  }

  @Test
  void aliasCollisions_getANumber() {
    Rewrite r =
        SqlRewriter.joinRewrite(
            "select o.id, o.owner_id from orders o",
            List.of(child("select id, name from owners where id = ?", "owner_id", false)));
    assertThat(r.sql())
        .isEqualTo(
            "SELECT o.id, o.owner_id, o2.id AS o2_id, o2.name AS o2_name FROM orders o"
                + " LEFT JOIN owners o2 ON o2.id = o.owner_id");
  }

  @Test
  void compositeKeys_joinOnEveryColumn() {
    Rewrite r =
        SqlRewriter.joinRewrite(
            "select order_id, line_no, qty from shipments",
            List.of(
                new Child(
                    "select price from order_lines where order_id = ? and line_no = ?",
                    List.of(Link.parameter(1, "order_id", 0), Link.parameter(2, "line_no", 0)),
                    false)));
    assertThat(r.sql())
        .isEqualTo(
            "SELECT shipments.order_id, shipments.line_no, shipments.qty, ol.price AS ol_price"
                + " FROM shipments LEFT JOIN order_lines ol ON ol.order_id = shipments.order_id"
                + " AND ol.line_no = shipments.line_no");
  }

  @Test
  void inlinedLiterals_areLinkedByValue() {
    Rewrite r =
        SqlRewriter.joinRewrite(
            "select id, organization_id from users",
            List.of(
                new Child(
                    "select id, name from organizations where kind = 'x' and id = 7",
                    List.of(Link.literal(7L, "organization_id", 0)),
                    false)));
    assertThat(r.sql())
        .isEqualTo(
            "SELECT users.id, users.organization_id, o.id AS o_id, o.name AS o_name FROM users"
                + " LEFT JOIN organizations o ON o.id = users.organization_id AND o.kind = 'x'");
  }

  @Test
  void columnByIndex_andSelectStar() {
    Rewrite byIndex =
        SqlRewriter.joinRewrite(
            "select id, organization_id from users",
            List.of(
                new Child(
                    "select name from organizations where id = ?",
                    List.of(Link.parameter(1, null, 2)),
                    false)));
    assertThat(byIndex.sql())
        .isEqualTo(
            "SELECT users.id, users.organization_id, o.name AS o_name FROM users"
                + " LEFT JOIN organizations o ON o.id = users.organization_id");
    Rewrite star =
        SqlRewriter.joinRewrite(
            "select * from users",
            List.of(child("select * from organizations where id = ?", "organization_id", false)));
    assertThat(star.sql())
        .isEqualTo(
            "SELECT *, o.* FROM users LEFT JOIN organizations o ON o.id = users.organization_id");
  }

  @Test
  void toManyUnderLimit_isNotJoined_andSaysWhy() {
    Rewrite r =
        SqlRewriter.joinRewrite(
            "select id from organizations order by id limit 10",
            List.of(child("select id from users where organization_id = ?", "id", true)));
    assertThat(r.sql()).isNull();
    assertThat(r.notes()).singleElement().asString().contains("LIMIT").contains("batch the child");
  }

  @Test
  void unparseableStatements_giveNoRewriteAndSayWhy() {
    Rewrite r =
        SqlRewriter.joinRewrite(
            "select id from users where ((",
            List.of(child("select id from organizations where id = ?", "id", false)));
    assertThat(r.sql()).isNull();
    assertThat(r.notes())
        .containsExactly("the parent query could not be parsed, so no rewrite is offered");
    Rewrite notSelect =
        SqlRewriter.joinRewrite(
            "update users set x = 1",
            List.of(child("select id from organizations where id = ?", "id", false)));
    assertThat(notSelect.notes())
        .containsExactly("the parent query is not a plain SELECT, so no rewrite is offered");
  }

  @Test
  void childWithoutEqualityOnTheValue_givesNoRewrite() {
    Rewrite r =
        SqlRewriter.joinRewrite(
            "select id from users",
            List.of(child("select id from events where created_at > ?", "id", true)));
    assertThat(r.sql()).isNull();
    assertThat(r.notes()).singleElement().asString().contains("not compared with '='");
  }

  @Test
  void batch_usesAnyOnPostgresAndH2_andInElsewhere() {
    String child = "select id, name from organizations where id = ? and deleted_at is null";
    List<Link> link = List.of(Link.parameter(1, "organization_id", 0));
    assertThat(SqlRewriter.batchRewrite(child, link, SqlDialect.POSTGRESQL).sql())
        .isEqualTo("SELECT id, name FROM organizations WHERE id = any(?) AND deleted_at IS NULL");
    assertThat(SqlRewriter.batchRewrite(child, link, SqlDialect.H2).sql())
        .isEqualTo("SELECT id, name FROM organizations WHERE id = any(?) AND deleted_at IS NULL");
    assertThat(SqlRewriter.batchRewrite(child, link, SqlDialect.MYSQL).sql())
        .isEqualTo("SELECT id, name FROM organizations WHERE id IN (?) AND deleted_at IS NULL");
  }

  @Test
  void batch_addsTheLookupColumnWhenMissing() {
    Rewrite r =
        SqlRewriter.batchRewrite(
            "select role from user_roles where user_id = ? order by role",
            List.of(Link.parameter(1, "id", 0)),
            SqlDialect.POSTGRESQL);
    assertThat(r.sql())
        .isEqualTo("SELECT role, user_id FROM user_roles WHERE user_id = any(?) ORDER BY role");
    assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("also selects user_id"));
  }

  @Test
  void batch_ofACompositeKey_usesRowValues() {
    Rewrite r =
        SqlRewriter.batchRewrite(
            "select price from order_lines where order_id = ? and line_no = ?",
            List.of(Link.parameter(1, "order_id", 0), Link.parameter(2, "line_no", 0)),
            SqlDialect.POSTGRESQL);
    assertThat(r.sql())
        .isEqualTo(
            "SELECT price, order_id, line_no FROM order_lines WHERE (order_id, line_no) IN ((?, ?))");
  }

  @Test
  void batch_ofAChildWithLimit_isNotOffered() {
    Rewrite r =
        SqlRewriter.batchRewrite(
            "select id from comments where post_id = ? order by created_at desc limit 1",
            List.of(Link.parameter(1, "id", 0)),
            SqlDialect.POSTGRESQL);
    assertThat(r.sql()).isNull();
    assertThat(r.notes())
        .singleElement()
        .asString()
        .contains("row_number() over (partition by post_id");
  }

  @Test
  void theSecondMarker_isFoundWhenTheFirstIsAnotherPredicate() {
    Rewrite r =
        SqlRewriter.batchRewrite(
            "select id from users where status = ? and organization_id = ?",
            List.of(Link.parameter(2, "id", 0)),
            SqlDialect.MYSQL);
    assertThat(r.sql())
        .isEqualTo(
            "SELECT id, organization_id FROM users WHERE status = ? AND organization_id IN (?)");
  }
}
