package dev.nplusone.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * The point-select of {@link JdbcOverheadBenchmark}, raw and wrapped in turn in one fork: batches
 * of {@value #BATCH} raw point-selects and {@value #BATCH} through the implementation alternate
 * (which goes first alternates too), each batch timed on its own ({@link #pointSelectPair}); and
 * its 1+50 N+1 burst with its report, one burst per side at a time ({@link #burstPair}). Both sides
 * of a ratio are then measured within the same fraction of a millisecond, so the host's slow and
 * fast phases, which on the project's shared two-core guests move H2's time by tens of percent from
 * one minute to the next, fall on both alike instead of on whichever of two separate forks ran in
 * them.
 *
 * <p>JMH's score (time per call) is of no interest here; the figures are the auxiliary counters of
 * each iteration: {@code rawNanos} and {@code wrappedNanos} (time spent in each side's batches) and
 * {@code selects} (point-selects per side). The overhead of an iteration is {@code wrappedNanos /
 * rawNanos}, or {@code (wrappedNanos - rawNanos) / selects} in nanoseconds; {@code
 * benchmarks/interleaved.py} prints both per iteration and their medians from the JSON.
 *
 * <p>Raw and wrapped connections read the same table (H2: the same in-memory database). The two
 * batch loops are separate copies of one body, so each call site in them sees one connection class
 * only, as in a fork that runs one implementation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 20, time = 1)
public class InterleavedOverheadBenchmark {
  /** Point-selects per batch: long enough that the two clock reads around it are noise. */
  static final int BATCH = 64;

  /** Both connections, held for an iteration. */
  @State(Scope.Thread)
  public static class Pair {
    @Param({"nplusone-off", "nplusone-detect", "nplusone-correlate"})
    public String impl;

    @Param({"stub", "h2"})
    public String target;

    DataSource raw;
    DataSource wrapped;
    Connection rawConnection;
    Connection wrappedConnection;
    private long next;
    private boolean rawFirst;

    @Setup(Level.Trial)
    public void setUpTrial() throws SQLException {
      raw = Targets.dataSource(target);
      Class<?> targetConnectionClass = Impls.connectionClass(raw);
      wrapped = Impls.wrap(impl, Targets.dataSource(target));
      try (Connection c = wrapped.getConnection()) {
        Impls.checkWrapped(impl, c, targetConnectionClass);
      }
    }

    @Setup(Level.Iteration)
    public void open() throws SQLException {
      rawConnection = raw.getConnection();
      wrappedConnection = wrapped.getConnection();
    }

    @TearDown(Level.Iteration)
    public void close() throws SQLException {
      rawConnection.close();
      wrappedConnection.close();
    }

    /** The next primary key, cycling through 1..ROWS; both sides draw from the same sequence. */
    long nextId() {
      return (next++ & (Targets.ROWS - 1)) + 1;
    }
  }

  /** Per iteration: time in each side's batches, and point-selects per side. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Times {
    public long rawNanos;
    public long wrappedNanos;
    public long selects;

    @Setup(Level.Iteration)
    public void reset() {
      rawNanos = 0;
      wrappedNanos = 0;
      selects = 0;
    }
  }

  @Benchmark
  public void pointSelectPair(Pair s, Times t, Blackhole bh) throws SQLException {
    boolean rawFirst = s.rawFirst;
    s.rawFirst = !rawFirst;
    // Each batch is called from one place: a wrapped batch called from two lines would be two call
    // sites taking turns, a pattern whose call-site walks the detector pays for (see
    // BENCHMARKS.md).
    for (int half = 0; half < 2; half++) {
      if ((half == 0) == rawFirst) {
        t.rawNanos += rawBatch(s, bh);
      } else {
        t.wrappedNanos += wrappedBatch(s, bh);
      }
    }
    t.selects += BATCH;
  }

  /**
   * The 1+50 burst of {@link JdbcOverheadBenchmark#nPlusOneBurst}, raw and wrapped in turn, each
   * timed on its own: the wrapped one inside a scope that is closed, analysed and reported (mode
   * silent) each time. Here {@code selects} counts bursts per side, so the overhead in ns is per
   * burst.
   */
  @Benchmark
  public void burstPair(Pair s, Times t, Blackhole bh) throws SQLException {
    boolean rawFirst = s.rawFirst;
    s.rawFirst = !rawFirst;
    for (int half = 0; half < 2; half++) {
      if ((half == 0) == rawFirst) {
        t.rawNanos += rawBurst(s, bh);
      } else {
        t.wrappedNanos += wrappedBurst(s, bh);
      }
    }
    t.selects++;
  }

  /** Keys base+1 .. base+50 all exist: base is a multiple of 64 below ROWS - 64. */
  private static long burstBase(Pair s) {
    return (s.nextId() & ~63L) % (Targets.ROWS - 64);
  }

  // The loops below are pairs of one body written twice on purpose (see the class comment).

  private static long rawBurst(Pair s, Blackhole bh) throws SQLException {
    Connection c = s.rawConnection;
    long base = burstBase(s);
    long start = System.nanoTime();
    try (PreparedStatement parent = c.prepareStatement(JdbcOverheadBenchmark.PARENT)) {
      parent.setLong(1, base);
      try (ResultSet rs = parent.executeQuery()) {
        for (int n = 0; n < JdbcOverheadBenchmark.BURST && rs.next(); n++) {
          bh.consume(rs.getLong(1));
        }
      }
    }
    for (int i = 1; i <= JdbcOverheadBenchmark.BURST; i++) {
      try (PreparedStatement ps = c.prepareStatement(JdbcOverheadBenchmark.SELECT)) {
        ps.setLong(1, base + i);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            bh.consume(rs.getString(1));
          }
        }
      }
    }
    return System.nanoTime() - start;
  }

  private static long wrappedBurst(Pair s, Blackhole bh) throws SQLException {
    Connection c = s.wrappedConnection;
    long base = burstBase(s);
    long start = System.nanoTime();
    dev.nplusone.Scope scope = dev.nplusone.NPlusOne.scope("burst", SILENT);
    try {
      try (PreparedStatement parent = c.prepareStatement(JdbcOverheadBenchmark.PARENT)) {
        parent.setLong(1, base);
        try (ResultSet rs = parent.executeQuery()) {
          for (int n = 0; n < JdbcOverheadBenchmark.BURST && rs.next(); n++) {
            bh.consume(rs.getLong(1));
          }
        }
      }
      for (int i = 1; i <= JdbcOverheadBenchmark.BURST; i++) {
        try (PreparedStatement ps = c.prepareStatement(JdbcOverheadBenchmark.SELECT)) {
          ps.setLong(1, base + i);
          try (ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
              bh.consume(rs.getString(1));
            }
          }
        }
      }
    } finally {
      scope.close();
    }
    bh.consume(scope.findings().size());
    return System.nanoTime() - start;
  }

  private static final java.util.Map<String, String> SILENT = java.util.Map.of("mode", "silent");

  private static long rawBatch(Pair s, Blackhole bh) throws SQLException {
    Connection c = s.rawConnection;
    long start = System.nanoTime();
    for (int i = 0; i < BATCH; i++) {
      try (PreparedStatement ps = c.prepareStatement(JdbcOverheadBenchmark.SELECT)) {
        ps.setLong(1, s.nextId());
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new IllegalStateException("no row");
          }
          bh.consume(rs.getString(1));
        }
      }
    }
    return System.nanoTime() - start;
  }

  private static long wrappedBatch(Pair s, Blackhole bh) throws SQLException {
    Connection c = s.wrappedConnection;
    long start = System.nanoTime();
    for (int i = 0; i < BATCH; i++) {
      try (PreparedStatement ps = c.prepareStatement(JdbcOverheadBenchmark.SELECT)) {
        ps.setLong(1, s.nextId());
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new IllegalStateException("no row");
          }
          bh.consume(rs.getString(1));
        }
      }
    }
    return System.nanoTime() - start;
  }
}
