package dev.nplusone;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.nplusone.testing.TestDatabases;
import dev.nplusone.testing.TestDatabases.Kind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 5 end to end on H2, PostgreSQL and MariaDB, through the driver and a wrapped HikariCP pool:
 * each N+1 loop's finding names its parent, and the join and batch rewrites taken from {@code
 * finding.suggestion()} are executed against the same data and must return what the loop read.
 */
class SuggestDatabaseTest {
  enum Access {
    DRIVER,
    HIKARI
  }

  private static final Set<Kind> PREPARED = ConcurrentHashMap.newKeySet();
  private static final Map<String, HikariDataSource> POOLS = new ConcurrentHashMap<>();
  private static final Map<String, DataSource> WRAPPED = new ConcurrentHashMap<>();

  static Stream<Arguments> targets() {
    List<Arguments> list = new ArrayList<>();
    for (Kind k : Kind.values()) {
      for (Access a : Access.values()) {
        list.add(Arguments.of(k, a));
      }
    }
    return list.stream();
  }

  @BeforeEach
  void flushBefore() {
    NPlusOne.flush();
  }

  @AfterEach
  void flushAfter() {
    NPlusOne.flush();
  }

  @AfterAll
  static void closePools() {
    POOLS.values().forEach(HikariDataSource::close);
    POOLS.clear();
    WRAPPED.clear();
  }

  // ------------------------------------------------------------------ schema and data

  static final int USERS = 12;
  static final int ORGS = 4;

  static void prepare(Kind kind) throws SQLException {
    if (!PREPARED.add(kind)) {
      return;
    }
    try (Connection c = TestDatabases.rawConnection(kind, "sg");
        Statement s = c.createStatement()) {
      for (String t :
          List.of(
              "sg_users",
              "sg_organizations",
              "sg_items",
              "sg_orders",
              "sg_products",
              "sg_books",
              "sg_authors",
              "sg_publishers",
              "sg_shipments",
              "sg_order_lines")) {
        s.execute("drop table if exists " + t);
      }
      s.execute("create table sg_organizations (id int primary key, name varchar(50))");
      s.execute(
          "create table sg_users (id int primary key, email varchar(50), organization_id int,"
              + " deleted_at timestamp null)");
      s.execute("create table sg_products (id int primary key, name varchar(50))");
      s.execute("create table sg_orders (id int primary key, customer varchar(50))");
      s.execute(
          "create table sg_items (id int primary key, order_id int, product_id int, qty int)");
      s.execute("create table sg_publishers (id int primary key, name varchar(50))");
      s.execute("create table sg_authors (id int primary key, name varchar(50))");
      s.execute(
          "create table sg_books (id int primary key, title varchar(50),"
              + " author_id int references sg_authors (id), publisher_id int)");
      s.execute(
          "create table sg_order_lines (order_id int, line_no int, price int,"
              + " primary key (order_id, line_no))");
      s.execute(
          "create table sg_shipments (id int primary key, order_id int, line_no int, qty int)");
      for (int i = 1; i <= 5; i++) {
        s.execute("insert into sg_products values (" + (100 + i) + ", 'product " + i + "')");
        s.execute("insert into sg_orders values (" + (10 + i) + ", 'customer " + i + "')");
        s.execute("insert into sg_publishers values (" + (20 + i) + ", 'publisher " + i + "')");
        s.execute("insert into sg_authors values (" + (30 + i) + ", 'author " + i + "')");
      }
      for (int i = 1; i <= 15; i++) {
        s.execute(
            "insert into sg_items values ("
                + i
                + ", "
                + (10 + (i % 4) + 1)
                + ", "
                + (100 + (i % 5) + 1)
                + ", "
                + i
                + ")");
        s.execute(
            "insert into sg_books values ("
                + i
                + ", 'book "
                + i
                + "', "
                + (30 + (i % 5) + 1)
                + ", "
                + (i % 6 == 0 ? "null" : String.valueOf(20 + (i % 4) + 1))
                + ")");
      }
      for (int o = 1; o <= 3; o++) {
        for (int l = 1; l <= 3; l++) {
          s.execute(
              "insert into sg_order_lines values (" + o + ", " + l + ", " + (o * 10 + l) + ")");
        }
      }
      for (int i = 1; i <= 8; i++) {
        s.execute(
            "insert into sg_shipments values ("
                + i
                + ", "
                + (i % 3 + 1)
                + ", "
                + ((i * 2) % 3 + 1)
                + ", "
                + i
                + ")");
      }
      for (int o = 1; o <= ORGS; o++) {
        s.execute("insert into sg_organizations values (" + o + ", 'org " + o + "')");
      }
      for (int u = 1; u <= USERS; u++) {
        // Every fourth user has no organization; user 5 is deleted.
        String org = u % 4 == 0 ? "null" : String.valueOf(u % 3 + 1);
        String deleted = u == 5 ? "timestamp '2020-01-01 00:00:00'" : "null";
        s.execute(
            "insert into sg_users values ("
                + u
                + ", 'user"
                + u
                + "@example.com', "
                + org
                + ", "
                + deleted
                + ")");
      }
    }
  }

  static Connection connect(Kind kind, Access access) throws SQLException {
    return connect(kind, access, Map.of());
  }

  static Connection connect(Kind kind, Access access, Map<String, String> options)
      throws SQLException {
    prepare(kind);
    if (access == Access.DRIVER) {
      java.util.Properties p = new java.util.Properties();
      options.forEach((k, v) -> p.setProperty("nplusone." + k, v));
      return DriverManager.getConnection(TestDatabases.nplusoneUrl(kind, "sg"), p);
    }
    DataSource ds =
        WRAPPED.computeIfAbsent(
            kind.name() + options,
            k -> {
              HikariConfig cfg = new HikariConfig();
              cfg.setJdbcUrl(TestDatabases.vendorUrl(kind, "sg"));
              cfg.setMaximumPoolSize(2);
              cfg.setPoolName("sg-" + kind + "-" + POOLS.size());
              HikariDataSource pool = new HikariDataSource(cfg);
              POOLS.put(k, pool);
              return NPlusOne.wrap(pool, options);
            });
    return ds.getConnection();
  }

  // ------------------------------------------------------------------ helpers

  static Finding onlyNPlusOne(Scope scope) {
    List<Finding> n =
        scope.findings().stream().filter(f -> f.kind() == Finding.Kind.N_PLUS_ONE).toList();
    assertThat(n).hasSize(1);
    return n.get(0);
  }

  /** Runs a join rewrite: parent key (column 1) → the child's {@code childColumn} values. */
  static Map<Integer, List<String>> runJoin(
      Kind kind, String sql, List<Object> parentBinds, String childColumn) throws SQLException {
    assertThat(sql).as("join rewrite").isNotNull();
    Map<Integer, List<String>> out = new TreeMap<>();
    try (Connection c = TestDatabases.rawConnection(kind, "sg");
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < parentBinds.size(); i++) {
        ps.setObject(i + 1, parentBinds.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        List<Integer> childIndexes = new ArrayList<>();
        for (int i = 2; i <= md.getColumnCount(); i++) {
          if (md.getColumnLabel(i).toLowerCase(Locale.ROOT).endsWith("_" + childColumn)) {
            childIndexes.add(i);
          }
        }
        assertThat(childIndexes).as("child columns in " + sql).isNotEmpty();
        while (rs.next()) {
          int key = rs.getInt(1);
          List<String> values = out.computeIfAbsent(key, k -> new ArrayList<>());
          List<String> parts = new ArrayList<>();
          boolean any = false;
          for (int i : childIndexes) {
            String v = rs.getString(i);
            any |= v != null;
            parts.add(String.valueOf(v));
          }
          if (any) {
            values.add(String.join("|", parts));
          }
        }
      }
    }
    out.values().forEach(Collections::sort);
    return out;
  }

  /**
   * Runs a batch rewrite for {@code keys}: an array on PostgreSQL and H2, one marker per value in
   * {@code in (?)} on MariaDB; returns key → the {@code valueColumn} values.
   */
  static Map<Integer, List<String>> runBatch(
      Kind kind, String sql, List<Integer> keys, String keyColumn, String valueColumn)
      throws SQLException {
    assertThat(sql).as("batch rewrite").isNotNull();
    Map<Integer, List<String>> out = new TreeMap<>();
    try (Connection c = TestDatabases.rawConnection(kind, "sg")) {
      String text = sql;
      if (kind == Kind.MARIADB) {
        assertThat(text).containsIgnoringCase("in (?)");
        String markers = String.join(", ", Collections.nCopies(keys.size(), "?"));
        text = text.replaceFirst("(?i)in \\(\\?\\)", "IN (" + markers + ")");
      } else {
        assertThat(text).containsIgnoringCase("any(?)");
      }
      try (PreparedStatement ps = c.prepareStatement(text)) {
        if (kind == Kind.MARIADB) {
          for (int i = 0; i < keys.size(); i++) {
            ps.setInt(i + 1, keys.get(i));
          }
        } else {
          ps.setArray(1, c.createArrayOf("integer", keys.toArray()));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.computeIfAbsent(rs.getInt(keyColumn), k -> new ArrayList<>())
                .add(rs.getString(valueColumn));
          }
        }
      }
    }
    out.values().forEach(Collections::sort);
    return out;
  }

  static String orgName(Connection c, int id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("select id, name from sg_organizations where id = ?")) {
      ps.setInt(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString("name") : null;
      }
    }
  }

  // ------------------------------------------------------------------ scenarios

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void toOne_usersToOrganizations_withNullForeignKeys(Kind kind, Access access) throws Exception {
    Map<Integer, List<String>> loop = new TreeMap<>();
    Map<Integer, List<String>> children = new TreeMap<>();
    Scope scope;
    try (Scope s = NPlusOne.scope("to-one");
        Connection c = connect(kind, access);
        PreparedStatement ps =
            c.prepareStatement("select id, email, organization_id from sg_users order by id");
        ResultSet rs = ps.executeQuery()) {
      scope = s;
      while (rs.next()) {
        int id = rs.getInt(1);
        rs.getString(2);
        int org = rs.getInt(3);
        List<String> names = new ArrayList<>();
        if (!rs.wasNull()) {
          String name = orgName(c, org);
          names.add(name);
          children.put(org, List.of(name));
        }
        loop.put(id, names);
      }
    }
    Finding f = onlyNPlusOne(scope);
    Suggestion sg = f.suggestion();
    assertThat(sg).isNotNull();
    assertThat(sg.evidence()).isEqualTo(Suggestion.Evidence.VALUE_CORRELATION);
    assertThat(sg.parentSql()).contains("sg_users");
    assertThat(sg.joinColumns()).isEqualTo("sg_users.organization_id = sg_organizations.id");
    assertThat(runJoin(kind, sg.joinRewrite(), List.of(), "name")).isEqualTo(loop);
    assertThat(runBatch(kind, sg.batchRewrite(), new ArrayList<>(children.keySet()), "id", "name"))
        .isEqualTo(children);
    assertThat(f.message())
        .contains("parent query: ")
        .contains("fix (join): ")
        .contains("fix (batch): ");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void toMany_organizationsToUsers_withExtraPredicate(Kind kind, Access access) throws Exception {
    Map<Integer, List<String>> loop = new TreeMap<>();
    Scope scope;
    try (Scope s = NPlusOne.scope("to-many");
        Connection c = connect(kind, access)) {
      scope = s;
      List<Integer> orgs = new ArrayList<>();
      try (PreparedStatement ps =
              c.prepareStatement("select id, name from sg_organizations order by name");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          orgs.add(rs.getInt("id"));
          rs.getString("name");
        }
      }
      for (int org : orgs) {
        List<String> emails = new ArrayList<>();
        try (PreparedStatement ps =
            c.prepareStatement(
                "select id, email from sg_users where organization_id = ? and deleted_at is null")) {
          ps.setInt(1, org);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              rs.getInt("id");
              emails.add(rs.getString("email"));
            }
          }
        }
        Collections.sort(emails);
        loop.put(org, emails);
      }
    }
    Finding f = onlyNPlusOne(scope);
    Suggestion sg = f.suggestion();
    assertThat(sg.evidence()).isEqualTo(Suggestion.Evidence.VALUE_CORRELATION);
    assertThat(sg.joinColumns()).isEqualTo("sg_organizations.id = sg_users.organization_id");
    assertThat(sg.notes()).anyMatch(n -> n.contains("repeats once per sg_users row"));
    String index =
        "CREATE INDEX IF NOT EXISTS sg_users_organization_id_idx ON sg_users (organization_id)";
    assertThat(sg.indexes()).containsExactly(index);
    assertThat(f.message()).contains("index: ").contains(index);
    try (Connection c = TestDatabases.rawConnection(kind, "sg");
        Statement st = c.createStatement()) {
      st.execute(index);
      st.execute(index);
      st.execute(
          kind == Kind.MARIADB
              ? "drop index sg_users_organization_id_idx on sg_users"
              : "drop index sg_users_organization_id_idx");
    }
    assertThat(runJoin(kind, sg.joinRewrite(), List.of(), "email")).isEqualTo(loop);
    Map<Integer, List<String>> nonEmpty = new TreeMap<>(loop);
    nonEmpty.values().removeIf(List::isEmpty);
    assertThat(
            runBatch(
                kind,
                sg.batchRewrite(),
                new ArrayList<>(loop.keySet()),
                "organization_id",
                "email"))
        .isEqualTo(nonEmpty);
  }

  /** Plain JDBC: runs {@code sql} with {@code binds} and reads every column with getObject. */
  static List<Object[]> rows(Connection c, String sql, Object... binds) throws SQLException {
    List<Object[]> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < binds.length; i++) {
        ps.setObject(i + 1, binds[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          Object[] row = new Object[n];
          for (int i = 0; i < n; i++) {
            row[i] = rs.getObject(i + 1);
          }
          out.add(row);
        }
      }
    }
    return out;
  }

  /** The same through a plain Statement with the value inlined as a literal. */
  static List<Object[]> literalRows(Connection c, String sqlPrefix, Object value)
      throws SQLException {
    List<Object[]> out = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sqlPrefix + value)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        Object[] row = new Object[n];
        for (int i = 0; i < n; i++) {
          row[i] = rs.getObject(i + 1);
        }
        out.add(row);
      }
    }
    return out;
  }

  static int num(Object o) {
    return ((Number) o).intValue();
  }

  static Finding nPlusOne(Scope scope, String table) {
    List<Finding> n =
        scope.findings().stream()
            .filter(f -> f.kind() == Finding.Kind.N_PLUS_ONE && f.sql().contains(table))
            .toList();
    assertThat(n).as("N+1 on " + table + " in " + scope.findings()).hasSize(1);
    return n.get(0);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void nestedChain_ordersItemsProducts(Kind kind, Access access) throws Exception {
    Map<Integer, List<String>> itemsByOrder = new TreeMap<>();
    Map<Integer, Map<Integer, List<String>>> productByItemPerOrder = new TreeMap<>();
    Scope scope;
    try (Scope s = NPlusOne.scope("chain");
        Connection c = connect(kind, access)) {
      scope = s;
      for (Object[] order : rows(c, "select id, customer from sg_orders order by id")) {
        int orderId = num(order[0]);
        List<String> items = new ArrayList<>();
        Map<Integer, List<String>> products = new TreeMap<>();
        for (Object[] item :
            rows(c, "select id, product_id, qty from sg_items where order_id = ?", orderId)) {
          items.add(String.valueOf(item[2]));
          List<Object[]> product =
              rows(c, "select id, name from sg_products where id = ?", item[1]);
          products.put(num(item[0]), List.of((String) product.get(0)[1]));
        }
        Collections.sort(items);
        itemsByOrder.put(orderId, items);
        productByItemPerOrder.put(orderId, products);
      }
    }
    Suggestion items = nPlusOne(scope, "sg_items").suggestion();
    assertThat(items.evidence()).isEqualTo(Suggestion.Evidence.VALUE_CORRELATION);
    assertThat(items.joinColumns()).isEqualTo("sg_orders.id = sg_items.order_id");
    assertThat(runJoin(kind, items.joinRewrite(), List.of(), "qty")).isEqualTo(itemsByOrder);
    Suggestion products = nPlusOne(scope, "sg_products").suggestion();
    assertThat(products.evidence()).isEqualTo(Suggestion.Evidence.VALUE_CORRELATION);
    assertThat(products.parentSql()).contains("sg_items");
    assertThat(products.joinColumns()).isEqualTo("sg_items.product_id = sg_products.id");
    // The parent keeps its marker: run the join once per order, as the loop ran the parent.
    for (Map.Entry<Integer, Map<Integer, List<String>>> e : productByItemPerOrder.entrySet()) {
      assertThat(runJoin(kind, products.joinRewrite(), List.of(e.getKey()), "name"))
          .isEqualTo(e.getValue());
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void interleavedPair_bookAuthorAndPublisher_oneJoin(Kind kind, Access access) throws Exception {
    Map<Integer, List<String>> loop = new TreeMap<>();
    Scope scope;
    try (Scope s = NPlusOne.scope("interleaved");
        Connection c = connect(kind, access)) {
      scope = s;
      for (Object[] book :
          rows(c, "select id, title, author_id, publisher_id from sg_books order by id")) {
        String author =
            (String) rows(c, "select id, name from sg_authors where id = ?", book[2]).get(0)[1];
        String publisher = "null";
        if (book[3] != null) {
          publisher =
              (String)
                  rows(c, "select id, name from sg_publishers where id = ?", book[3]).get(0)[1];
        }
        loop.put(num(book[0]), List.of(author + "|" + publisher));
      }
    }
    Suggestion authors = nPlusOne(scope, "sg_authors").suggestion();
    Suggestion publishers = nPlusOne(scope, "sg_publishers").suggestion();
    assertThat(authors.joinRewrite()).isNotNull().isEqualTo(publishers.joinRewrite());
    assertThat(authors.notes()).anyMatch(n -> n.contains("also replaces 1 other repeated query"));
    assertThat(runJoin(kind, authors.joinRewrite(), List.of(), "name")).isEqualTo(loop);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void compositeKey_shipmentsToOrderLines(Kind kind, Access access) throws Exception {
    Map<Integer, List<String>> loop = new TreeMap<>();
    Map<List<Integer>, String> byKey = new java.util.HashMap<>();
    Scope scope;
    try (Scope s = NPlusOne.scope("composite");
        Connection c = connect(kind, access)) {
      scope = s;
      for (Object[] sh : rows(c, "select id, order_id, line_no from sg_shipments order by id")) {
        List<Object[]> line =
            rows(
                c,
                "select price from sg_order_lines where order_id = ? and line_no = ?",
                sh[1],
                sh[2]);
        String price = String.valueOf(line.get(0)[0]);
        loop.put(num(sh[0]), List.of(price));
        byKey.put(List.of(num(sh[1]), num(sh[2])), price);
      }
    }
    Suggestion sg = nPlusOne(scope, "sg_order_lines").suggestion();
    assertThat(sg.evidence()).isEqualTo(Suggestion.Evidence.VALUE_CORRELATION);
    assertThat(runJoin(kind, sg.joinRewrite(), List.of(), "price")).isEqualTo(loop);
    // The batch: one row of markers per key.
    String batch = sg.batchRewrite();
    assertThat(batch).containsIgnoringCase("(order_id, line_no) IN ((?, ?))");
    List<List<Integer>> keys = new ArrayList<>(byKey.keySet());
    String markers = String.join(", ", Collections.nCopies(keys.size(), "(?, ?)"));
    String text = batch.replaceFirst("(?i)IN \\(\\(\\?, \\?\\)\\)", "IN (" + markers + ")");
    Map<List<Integer>, String> got = new java.util.HashMap<>();
    try (Connection c = TestDatabases.rawConnection(kind, "sg");
        PreparedStatement ps = c.prepareStatement(text)) {
      int i = 1;
      for (List<Integer> k : keys) {
        ps.setInt(i++, k.get(0));
        ps.setInt(i++, k.get(1));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          got.put(List.of(rs.getInt("order_id"), rs.getInt("line_no")), rs.getString("price"));
        }
      }
    }
    assertThat(got).isEqualTo(byKey);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void parentWithBindsOrderByAndLimit(Kind kind, Access access) throws Exception {
    Map<Integer, List<String>> loop = new TreeMap<>();
    Scope scope;
    try (Scope s = NPlusOne.scope("limit");
        Connection c = connect(kind, access)) {
      scope = s;
      for (Object[] u :
          rows(
              c,
              "select id, email, organization_id from sg_users where id > ?"
                  + " order by id desc limit ?",
              2,
              7)) {
        List<String> names = new ArrayList<>();
        if (u[2] != null) {
          names.add(orgName(c, num(u[2])));
        }
        loop.put(num(u[0]), names);
      }
    }
    Suggestion sg = nPlusOne(scope, "sg_organizations").suggestion();
    assertThat(sg.joinRewrite()).containsIgnoringCase("LIMIT ?").containsIgnoringCase("ORDER BY");
    assertThat(runJoin(kind, sg.joinRewrite(), List.of(2, 7), "name")).isEqualTo(loop);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void inlinedLiterals_insteadOfBinds(Kind kind, Access access) throws Exception {
    Map<Integer, List<String>> loop = new TreeMap<>();
    Map<Integer, List<String>> children = new TreeMap<>();
    Scope scope;
    try (Scope s = NPlusOne.scope("literals");
        Connection c = connect(kind, access)) {
      scope = s;
      for (Object[] u : rows(c, "select id, email, organization_id from sg_users order by id")) {
        List<String> names = new ArrayList<>();
        if (u[2] != null) {
          String name =
              (String)
                  literalRows(c, "select id, name from sg_organizations where id = ", u[2])
                      .get(0)[1];
          names.add(name);
          children.put(num(u[2]), List.of(name));
        }
        loop.put(num(u[0]), names);
      }
    }
    Finding f = nPlusOne(scope, "sg_organizations");
    Suggestion sg = f.suggestion();
    assertThat(sg.evidence()).isEqualTo(Suggestion.Evidence.VALUE_CORRELATION);
    assertThat(sg.notes()).anyMatch(n -> n.contains("inlines its values"));
    assertThat(runJoin(kind, sg.joinRewrite(), List.of(), "name")).isEqualTo(loop);
    assertThat(runBatch(kind, sg.batchRewrite(), new ArrayList<>(children.keySet()), "id", "name"))
        .isEqualTo(children);
    assertThat(f.message()).doesNotContain("where id = 2").doesNotContain("where id = 3");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void parentThatIsAJoin(Kind kind, Access access) throws Exception {
    Map<Integer, List<String>> loop = new TreeMap<>();
    Scope scope;
    try (Scope s = NPlusOne.scope("parent-join");
        Connection c = connect(kind, access)) {
      scope = s;
      for (Object[] b :
          rows(
              c,
              "select b.id, b.title, b.author_id from sg_books b"
                  + " join sg_publishers p on p.id = b.publisher_id where p.name <> ?",
              "publisher 2")) {
        String author =
            (String) rows(c, "select id, name from sg_authors where id = ?", b[2]).get(0)[1];
        loop.put(num(b[0]), List.of(author));
      }
    }
    Suggestion sg = nPlusOne(scope, "sg_authors").suggestion();
    assertThat(sg.joinColumns()).isEqualTo("sg_books.author_id = sg_authors.id");
    assertThat(runJoin(kind, sg.joinRewrite(), List.of("publisher 2"), "name")).isEqualTo(loop);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void unparseableChild_findingWithoutRewriteSaysWhy(Kind kind, Access access) throws Exception {
    Scope scope;
    try (Scope s = NPlusOne.scope("unparseable");
        Connection c = connect(kind, access)) {
      scope = s;
      for (Object[] u : rows(c, "select id, organization_id from sg_users order by id")) {
        if (u[1] != null) {
          rows(c, "select id, name as sample from sg_organizations where id = ?", u[1]);
        }
      }
    }
    Finding f = nPlusOne(scope, "sg_organizations");
    Suggestion sg = f.suggestion();
    assertThat(sg.joinRewrite()).isNull();
    assertThat(sg.batchRewrite()).isNull();
    assertThat(sg.notes()).anyMatch(n -> n.contains("could not be parsed"));
    assertThat(f.message()).contains("could not be parsed").doesNotContain("fix (join)");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void foreignKeyEvidence_whenValueCorrelationIsOff(Kind kind, Access access) throws Exception {
    Map<Integer, List<String>> loop = new TreeMap<>();
    Scope scope;
    try (Scope s = NPlusOne.scope("fk");
        Connection c = connect(kind, access, Map.of("value-correlation", "false"))) {
      scope = s;
      for (Object[] b : rows(c, "select id, title, author_id from sg_books order by id")) {
        String author =
            (String) rows(c, "select id, name from sg_authors where id = ?", b[2]).get(0)[1];
        loop.put(num(b[0]), List.of(author));
      }
    }
    Suggestion sg = nPlusOne(scope, "sg_authors").suggestion();
    assertThat(sg.evidence()).isEqualTo(Suggestion.Evidence.FOREIGN_KEY);
    assertThat(sg.joinColumns()).isEqualTo("sg_books.author_id = sg_authors.id");
    assertThat(runJoin(kind, sg.joinRewrite(), List.of(), "name")).isEqualTo(loop);
    if (kind == Kind.POSTGRESQL) {
      // PostgreSQL does not index foreign keys by itself; MariaDB and H2 do.
      assertThat(sg.indexes())
          .containsExactly(
              "CREATE INDEX IF NOT EXISTS sg_books_author_id_idx ON sg_books (author_id)");
      assertThat(sg.notes()).anyMatch(n -> n.contains("index every foreign key"));
    } else {
      assertThat(sg.indexes()).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void namingEvidence_isWeak_noJoinIsOffered(Kind kind, Access access) throws Exception {
    Map<Integer, List<String>> children = new TreeMap<>();
    Scope scope;
    try (Scope s = NPlusOne.scope("naming");
        Connection c = connect(kind, access, Map.of("value-correlation", "false"))) {
      scope = s;
      for (Object[] u : rows(c, "select id, email, organization_id from sg_users order by id")) {
        if (u[2] != null) {
          children.put(num(u[2]), List.of(orgName(c, num(u[2]))));
        }
      }
    }
    Finding f = nPlusOne(scope, "sg_organizations");
    Suggestion sg = f.suggestion();
    assertThat(sg.evidence()).isEqualTo(Suggestion.Evidence.NAMING);
    assertThat(sg.joinColumns()).isEqualTo("sg_users.organization_id = sg_organizations.id");
    assertThat(sg.joinRewrite()).isNull();
    assertThat(sg.notes()).anyMatch(n -> n.contains("weak evidence"));
    assertThat(runBatch(kind, sg.batchRewrite(), new ArrayList<>(children.keySet()), "id", "name"))
        .isEqualTo(children);
    assertThat(f.message()).doesNotContain("fix (join)").contains("fix (batch)");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void hibernateSql_getsOrmHints(Kind kind, Access access) throws Exception {
    Map<Integer, List<String>> loop = new TreeMap<>();
    Scope scope;
    try (Scope s = NPlusOne.scope("hibernate");
        Connection c = connect(kind, access)) {
      scope = s;
      for (Object[] u :
          rows(
              c,
              "select u1_0.id,u1_0.email,u1_0.organization_id from sg_users u1_0"
                  + " order by u1_0.id")) {
        List<String> names = new ArrayList<>();
        if (u[2] != null) {
          names.add(
              (String)
                  rows(
                          c,
                          "select o1_0.id,o1_0.name from sg_organizations o1_0 where o1_0.id=?",
                          u[2])
                      .get(0)[1]);
        }
        loop.put(num(u[0]), names);
      }
    }
    Finding f = nPlusOne(scope, "sg_organizations");
    Suggestion sg = f.suggestion();
    assertThat(runJoin(kind, sg.joinRewrite(), List.of(), "name")).isEqualTo(loop);
    assertThat(sg.ormHints())
        .anyMatch(h -> h.contains("left join fetch e.organization") && h.contains("guessed"))
        .anyMatch(h -> h.contains("@EntityGraph(attributePaths = \"organization\")"))
        .anyMatch(
            h -> h.contains("@BatchSize") && h.contains("hibernate.default_batch_fetch_size"));
    assertThat(f.message()).contains("hibernate: ");
  }
}
