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
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The databases the benchmarks run against: {@code stub} (no I/O) and {@code h2} (in memory). */
final class Targets {
  /** Rows in {@code bench_item}; keys are 1..ROWS. A power of two, so keys cycle with a mask. */
  static final int ROWS = 4096;

  static final String H2_URL = "jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1";

  private static boolean h2Loaded;

  private Targets() {}

  /** The unpooled DataSource of {@code target}: {@code stub} or {@code h2}. */
  static DataSource dataSource(String target) throws SQLException {
    switch (target) {
      case "stub":
        return new StubDataSource();
      case "h2":
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(H2_URL);
        h2.setUser("sa");
        h2.setPassword("");
        loadH2(h2);
        return h2;
      default:
        throw new IllegalArgumentException("unknown target: " + target);
    }
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

  private static synchronized void loadH2(DataSource h2) throws SQLException {
    if (h2Loaded) {
      return;
    }
    try (Connection c = h2.getConnection()) {
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
    h2Loaded = true;
  }
}
