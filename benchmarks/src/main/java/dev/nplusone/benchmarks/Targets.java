package dev.nplusone.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.nplusone.benchmarks.stub.StubDataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The databases the benchmarks run against: {@code stub} (no I/O), {@code h2} (in memory) and
 * {@code postgres} (a real server over loopback, at {@code NPLUSONE_TEST_POSTGRES_URL}).
 */
final class Targets {
  /** Rows in {@code bench_item}; keys are 1..ROWS. A power of two, so keys cycle with a mask. */
  static final int ROWS = 4096;

  static final String H2_URL = "jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1";

  /** The environment variable naming the PostgreSQL database, as for the integration tests. */
  static final String POSTGRES_ENV = "NPLUSONE_TEST_POSTGRES_URL";

  /** The targets whose {@code bench_item} this JVM has loaded. */
  private static final Set<String> LOADED = new HashSet<>();

  private Targets() {}

  /** The unpooled DataSource of {@code target}: {@code stub}, {@code h2} or {@code postgres}. */
  static DataSource dataSource(String target) throws SQLException {
    switch (target) {
      case "stub":
        return new StubDataSource();
      case "h2":
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(H2_URL);
        h2.setUser("sa");
        h2.setPassword("");
        load(target, h2);
        return h2;
      case "postgres":
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(postgresUrl());
        load(target, pg);
        return pg;
      default:
        throw new IllegalArgumentException(
            "unknown target: " + target + " (known: stub, h2, postgres)");
    }
  }

  /** The JDBC URL of the PostgreSQL target; fails naming the variable when it is not set. */
  static String postgresUrl() {
    String url = System.getenv(POSTGRES_ENV);
    if (url == null || url.isBlank()) {
      throw new IllegalStateException(
          "target postgres needs "
              + POSTGRES_ENV
              + ", e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres"
              + " (benchmarks/run.sh adds the target only when it is set)");
    }
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new IllegalStateException(
          POSTGRES_ENV + " must be a jdbc:postgresql: URL, got '" + url + "'");
    }
    return url;
  }

  /**
   * A small HikariCP pool whose {@code dataSource} is the unpooled DataSource of {@code target}.
   */
  static HikariDataSource pool(String target) throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setPoolName("bench-" + target);
    config.setDataSource(dataSource(target));
    config.setMaximumPoolSize(2);
    config.setMinimumIdle(2);
    config.setAutoCommit(true);
    return new HikariDataSource(config);
  }

  /**
   * Creates {@code bench_item} if missing and fills it with {@link #ROWS} rows, once per target and
   * JVM (each JMH fork loads its own). The DDL is portable between H2 and PostgreSQL.
   */
  private static synchronized void load(String target, DataSource ds) throws SQLException {
    if (LOADED.contains(target)) {
      return;
    }
    try (Connection c = ds.getConnection()) {
      try (Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE IF NOT EXISTS bench_item (id BIGINT PRIMARY KEY, name VARCHAR(64),"
                + " qty INT, price DECIMAL(12, 2), active BOOLEAN, score DOUBLE PRECISION,"
                + " updated_at TIMESTAMP, code VARCHAR(16), small SMALLINT, note VARCHAR(64))");
        s.execute("DELETE FROM bench_item");
      }
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO bench_item VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        Timestamp now = new Timestamp(System.currentTimeMillis());
        for (int id = 1; id <= ROWS; id++) {
          ps.setLong(1, id);
          ps.setString(2, "name-" + id);
          ps.setInt(3, id % 100);
          ps.setBigDecimal(4, BigDecimal.valueOf(id, 2));
          ps.setBoolean(5, id % 2 == 0);
          ps.setDouble(6, id / 3.0);
          ps.setTimestamp(7, now);
          ps.setString(8, "C" + (id % 10));
          ps.setShort(9, (short) (id % 1000));
          ps.setString(10, null);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      c.commit();
      c.setAutoCommit(true);
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM bench_item")) {
        if (!rs.next() || rs.getInt(1) != ROWS) {
          throw new IllegalStateException("bench_item was not loaded");
        }
      }
    }
    LOADED.add(target);
  }
}
