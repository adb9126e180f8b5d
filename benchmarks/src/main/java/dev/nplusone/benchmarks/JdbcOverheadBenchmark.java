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
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
public class JdbcOverheadBenchmark {
  static final String SELECT = "SELECT name FROM bench_item WHERE id = ?";

  static final String PARENT = "SELECT id FROM bench_item WHERE id > ? ORDER BY id";

  /** The burst's scope reports (builds its findings) without writing a log line. */
  private static final java.util.Map<String, String> SILENT = java.util.Map.of("mode", "silent");

  /** Children per burst: the "50" of a 1+50 N+1. */
  static final int BURST = 50;

  /**
   * 10,000 distinct statements, one in 50 over 10 KB, so the fingerprint cache (4,000,000
   * characters by default) keeps missing: they cycle through more characters than it holds.
   */
  static final String[] DISTINCT_SQL = distinctSql();

  private static String[] distinctSql() {
    String[] sql = new String[10_000];
    StringBuilder big = new StringBuilder();
    for (int i = 0; big.length() < 10_500; i++) {
      big.append(i == 0 ? "" : ", ").append(i + 100_000);
    }
    for (int i = 0; i < sql.length; i++) {
      String extra =
          i % 50 == 0
              ? " AND id NOT IN (" + big + ", " + i + ")"
              : " AND name <> 'n" + i + "' AND qty >= " + (i % 7) + " OR id = -" + i;
      sql[i] = "SELECT name FROM bench_item WHERE id = ?" + extra;
    }
    return sql;
  }

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
    @Param({
      "raw",
      "nplusone-off",
      "nplusone-detect",
      "nplusone-correlate",
      "nplusone-dsproxy",
      "datasource-proxy",
      "p6spy"
    })
    public String impl;

    /** {@code postgres} is not run by default: {@code -p target=stub,h2,postgres} adds it. */
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

    private int nextSql;

    /** The next of {@link #DISTINCT_SQL}: every call a statement the cache has not seen lately. */
    String nextDistinctSql() {
      String sql = DISTINCT_SQL[nextSql];
      nextSql = (nextSql + 1) % DISTINCT_SQL.length;
      return sql;
    }

    /** The next primary key, cycling through 1..ROWS so each execution has other values. */
    long nextId() {
      return (next++ & (Targets.ROWS - 1)) + 1;
    }
  }

  /** HikariCP over the unpooled target, wrapped by the implementation. */
  @State(Scope.Thread)
  public static class Pooled {
    @Param({
      "raw",
      "nplusone-off",
      "nplusone-detect",
      "nplusone-correlate",
      "nplusone-dsproxy",
      "datasource-proxy",
      "p6spy"
    })
    public String impl;

    /** {@code postgres} is not run by default: {@code -p target=stub,h2,postgres} adds it. */
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
  /**
   * A 1+50 N+1 burst: one parent query, then one point-select per row for 50 rows; for nplusone,
   * inside a scope that is closed, analysed and reported (mode silent) each time.
   */
  @Benchmark
  public int nPlusOneBurst(Held s, Blackhole bh) throws SQLException {
    boolean ours = s.impl.startsWith("nplusone");
    dev.nplusone.Scope scope = ours ? dev.nplusone.NPlusOne.scope("burst", SILENT) : null;
    // Keys base+1 .. base+50 all exist: base is a multiple of 64 below ROWS - 64.
    long base = (s.nextId() & ~63L) % (Targets.ROWS - 64);
    try {
      try (PreparedStatement parent = s.connection.prepareStatement(PARENT)) {
        parent.setLong(1, base);
        try (ResultSet rs = parent.executeQuery()) {
          for (int n = 0; n < BURST && rs.next(); n++) {
            bh.consume(rs.getLong(1));
          }
        }
      }
      for (int i = 1; i <= BURST; i++) {
        try (PreparedStatement ps = s.connection.prepareStatement(SELECT)) {
          ps.setLong(1, base + i);
          try (ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
              bh.consume(rs.getString(1));
            }
          }
        }
      }
    } finally {
      if (scope != null) {
        scope.close();
      }
    }
    return scope == null ? 0 : scope.findings().size();
  }

  /** A point-select of a statement the fingerprint cache has not seen lately. */
  @Benchmark
  public String distinctSqlSelect(Held s) throws SQLException {
    try (PreparedStatement ps = s.connection.prepareStatement(s.nextDistinctSql())) {
      ps.setLong(1, s.nextId());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

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
