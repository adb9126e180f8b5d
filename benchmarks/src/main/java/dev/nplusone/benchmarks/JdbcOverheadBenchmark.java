package dev.nplusone.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of one JDBC operation through each implementation ({@code impl}) over each database
 * ({@code target}), in the same run so that ratios to {@code raw} compare like with like.
 *
 * <p>{@code pointSelect} and {@code tenSettersUpdate} run on one connection held for the whole
 * iteration; {@code poolAcquireRelease} takes a connection from HikariCP (over the unpooled target)
 * and gives it back, with the implementation wrapping the pool, as applications wrap theirs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class JdbcOverheadBenchmark {
  static final String SELECT = "SELECT name FROM bench_item WHERE id = ?";

  static final String UPDATE =
      "UPDATE bench_item SET name = ?, qty = ?, price = ?, active = ?, score = ?, updated_at = ?,"
          + " code = ?, small = ?, note = ? WHERE id = ?";

  // Bind values made once, so the benchmark itself allocates nothing per operation.
  private static final String NAME = "renamed";
  private static final String CODE = "C7";
  private static final BigDecimal PRICE = new BigDecimal("12.34");
  private static final Timestamp UPDATED_AT = Timestamp.valueOf("2026-01-02 03:04:05");

  /** A connection from the wrapped, unpooled target, held for one measurement iteration. */
  @State(Scope.Thread)
  public static class Held {
    @Param({"raw", "nplusone-off", "nplusone-detect", "datasource-proxy", "p6spy"})
    public String impl;

    @Param({"stub", "h2"})
    public String target;

    DataSource dataSource;
    Class<?> targetConnectionClass;
    Connection connection;
    private long next;

    @Setup(Level.Trial)
    public void setUpTrial() throws SQLException {
      DataSource unwrapped = Targets.dataSource(target);
      targetConnectionClass = Impls.connectionClass(unwrapped);
      dataSource = Impls.wrap(impl, unwrapped);
    }

    @Setup(Level.Iteration)
    public void open() throws SQLException {
      connection = dataSource.getConnection();
      Impls.checkWrapped(impl, connection, targetConnectionClass);
    }

    @TearDown(Level.Iteration)
    public void close() throws SQLException {
      connection.close();
    }

    /** The next primary key, cycling through 1..ROWS so each execution has other values. */
    long nextId() {
      return (next++ & (Targets.ROWS - 1)) + 1;
    }
  }

  /** HikariCP over the unpooled target, wrapped by the implementation. */
  @State(Scope.Thread)
  public static class Pooled {
    @Param({"raw", "nplusone-off", "nplusone-detect", "datasource-proxy", "p6spy"})
    public String impl;

    @Param({"stub", "h2"})
    public String target;

    HikariDataSource pool;
    DataSource dataSource;

    @Setup(Level.Trial)
    public void setUpTrial() throws SQLException {
      pool = Targets.pool(target);
      dataSource = Impls.wrap(impl, pool);
      try (Connection c = dataSource.getConnection()) {
        Impls.checkWrapped(impl, c, Impls.connectionClass(pool));
      }
    }

    @TearDown(Level.Trial)
    public void tearDownTrial() {
      pool.close();
    }
  }

  /**
   * prepareStatement, setLong, executeQuery, next, getString, close the result set and statement.
   */
  @Benchmark
  public String pointSelect(Held s) throws SQLException {
    try (PreparedStatement ps = s.connection.prepareStatement(SELECT)) {
      ps.setLong(1, s.nextId());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("no row");
        }
        return rs.getString(1);
      }
    }
  }

  /** prepareStatement, ten setters of eight kinds, executeUpdate, close. */
  @Benchmark
  public int tenSettersUpdate(Held s) throws SQLException {
    long id = s.nextId();
    try (PreparedStatement ps = s.connection.prepareStatement(UPDATE)) {
      ps.setString(1, NAME);
      ps.setInt(2, (int) id);
      ps.setBigDecimal(3, PRICE);
      ps.setBoolean(4, (id & 1) == 0);
      ps.setDouble(5, id * 0.5);
      ps.setTimestamp(6, UPDATED_AT);
      ps.setString(7, CODE);
      ps.setShort(8, (short) id);
      ps.setNull(9, Types.VARCHAR);
      ps.setLong(10, id);
      int n = ps.executeUpdate();
      if (n != 1) {
        throw new IllegalStateException("updated " + n + " rows");
      }
      return n;
    }
  }

  /** getConnection from the (wrapped) pool and close it again. */
  @Benchmark
  public void poolAcquireRelease(Pooled s, Blackhole bh) throws SQLException {
    try (Connection c = s.dataSource.getConnection()) {
      bh.consume(c);
    }
  }
}
