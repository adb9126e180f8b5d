package dev.nplusone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import dev.nplusone.internal.ProxyConnection;
import dev.nplusone.testing.TestDatabases;
import dev.nplusone.testing.TestDatabases.Kind;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Through the URL driver and through a wrapped HikariCP pool, on H2, PostgreSQL and MariaDB: the
 * same rows, the same errors, {@code unwrap} to the pool and the vendor connection, and our
 * wrappers wherever JDBC hands back a connection or a statement.
 */
class TransparencyTest {
  private static final String TABLE = "tr_books";

  private static void createSchema(Kind kind) throws SQLException {
    try (Connection c = TestDatabases.rawConnection(kind, "transparency");
        Statement s = c.createStatement()) {
      s.execute("drop table if exists " + TABLE);
      s.execute(
          "create table "
              + TABLE
              + " (id int primary key, title varchar(100), price decimal(8,2), note varchar(20))");
      s.execute(
          "insert into "
              + TABLE
              + " values (1, 'Dune', 9.99, null), (2, 'Emma', 5.50, 'x'), (3, 'Ubik', 7.00, 'é€')");
    }
  }

  private static List<List<Object>> read(Connection c) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select id, title, price, note from " + TABLE + " where id >= ? order by id")) {
      ps.setInt(1, 2);
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        List<Object> labels = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          labels.add(md.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT));
        }
        rows.add(labels);
        while (rs.next()) {
          rows.add(
              List.of(
                  rs.getInt(1),
                  rs.getString("title"),
                  (Object) rs.getBigDecimal(3).stripTrailingZeros(),
                  String.valueOf(rs.getString(4))));
        }
      }
    }
    return rows;
  }

  private static SQLException badStatement(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      return catchThrowableOfType(
          SQLException.class, () -> s.executeQuery("select nope from no_such_table_tr"));
    }
  }

  /** The message without MariaDB's per-connection id, "(conn=42) …". */
  private static String message(SQLException e) {
    return e.getMessage().replaceAll("\\(conn=\\d+\\) ", "");
  }

  private static HikariDataSource hikari(String url) {
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(url);
    cfg.setMaximumPoolSize(2);
    cfg.setPoolName("transparency");
    return new HikariDataSource(cfg);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void urlDriver_givesTheSameRowsAndErrorsAsTheRawDriver(Kind kind) throws SQLException {
    createSchema(kind);
    try (Connection raw = TestDatabases.rawConnection(kind, "transparency");
        Connection ours =
            DriverManager.getConnection(TestDatabases.nplusoneUrl(kind, "transparency"))) {
      assertThat(ours).isInstanceOf(ProxyConnection.class);
      assertThat(read(ours)).isEqualTo(read(raw)).hasSize(3);
      assertThat(read(ours).get(1)).containsExactly(2, "Emma", new BigDecimal("5.5"), "x");
      SQLException expected = badStatement(raw);
      SQLException actual = badStatement(ours);
      assertThat((Throwable) actual).isNotNull().hasSameClassAs(expected);
      assertThat(message(actual)).isEqualTo(message(expected));
      assertThat(actual.getSQLState()).isEqualTo(expected.getSQLState());
      assertThat(actual.getErrorCode()).isEqualTo(expected.getErrorCode());
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void wrappedHikari_givesTheSameRowsAndErrorsAndUnwrapsToThePool(Kind kind) throws Exception {
    createSchema(kind);
    try (HikariDataSource pool = hikari(TestDatabases.vendorUrl(kind, "transparency"));
        Connection raw = TestDatabases.rawConnection(kind, "transparency")) {
      DataSource ds = NPlusOne.wrap(pool);
      assertThat(NPlusOne.wrap(ds)).isSameAs(ds);
      assertThat(ds.unwrap(HikariDataSource.class)).isSameAs(pool);
      assertThat(ds.isWrapperFor(HikariConfigMXBean.class)).isTrue();
      assertThat(ds.unwrap(HikariDataSource.class).getHikariPoolMXBean()).isNotNull();
      try (Connection ours = ds.getConnection()) {
        assertThat(ours).isInstanceOf(ProxyConnection.class);
        assertThat(read(ours)).isEqualTo(read(raw));
        SQLException expected = badStatement(raw);
        SQLException actual = badStatement(ours);
        assertThat((Throwable) actual).hasSameClassAs(expected);
        assertThat(message(actual)).isEqualTo(message(expected));
        assertThat(actual.getSQLState()).isEqualTo(expected.getSQLState());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void wrappers_areReturnedWhereJdbcHandsBackAConnectionOrStatement(Kind kind) throws Exception {
    createSchema(kind);
    try (Connection c =
        DriverManager.getConnection(TestDatabases.nplusoneUrl(kind, "transparency"))) {
      assertThat(c.getMetaData().getConnection()).isSameAs(c);
      try (PreparedStatement ps = c.prepareStatement("select id from " + TABLE)) {
        assertThat(ps.getConnection()).isSameAs(c);
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.getStatement()).isSameAs(ps);
        }
      }
      try (Statement s = c.createStatement()) {
        assertThat(s.execute("select id from " + TABLE)).isTrue();
        ResultSet rs = s.getResultSet();
        assertThat(rs.getStatement()).isSameAs(s);
        assertThat(s.getResultSet()).isSameAs(rs);
        rs.close();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void unwrap_reachesTheVendorConnection_andCloseClosesIt(Kind kind) throws Exception {
    Class<?> vendor =
        Class.forName(
            Map.of(
                    Kind.H2, "org.h2.jdbc.JdbcConnection",
                    Kind.POSTGRESQL, "org.postgresql.PGConnection",
                    Kind.MARIADB, "org.mariadb.jdbc.Connection")
                .get(kind));
    Connection c = DriverManager.getConnection(TestDatabases.nplusoneUrl(kind, "transparency"));
    assertThat(c.isWrapperFor(vendor)).isTrue();
    Object v = c.unwrap(vendor);
    assertThat(v).isInstanceOf(vendor).isSameAs(((ProxyConnection) c).delegate());
    c.close();
    assertThat(c.isClosed()).isTrue();
    assertThat(((Connection) v).isClosed()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void hikariOverOurUrl_worksAndIsNeverWrappedTwice(Kind kind) throws Exception {
    createSchema(kind);
    try (HikariDataSource pool = hikari(TestDatabases.nplusoneUrl(kind, "transparency"));
        Connection raw = TestDatabases.rawConnection(kind, "transparency")) {
      try (Connection c = pool.getConnection()) {
        assertThat(c.isWrapperFor(ProxyConnection.class)).isTrue();
        assertThat(read(c)).isEqualTo(read(raw));
      }
      DataSource ds = NPlusOne.wrap(pool);
      try (Connection c = ds.getConnection()) {
        assertThat(c)
            .as("the pool's own connection, already ours underneath")
            .isNotInstanceOf(ProxyConnection.class);
        ProxyConnection inner = c.unwrap(ProxyConnection.class);
        assertThat(inner.delegate()).isNotInstanceOf(ProxyConnection.class);
        assertThat(inner.delegate().isWrapperFor(ProxyConnection.class)).isFalse();
      }
    }
  }
}
