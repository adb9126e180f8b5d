package dev.nplusone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import dev.nplusone.internal.Detector;
import dev.nplusone.testing.TestDatabases;
import dev.nplusone.testing.TestDatabases.Kind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real HikariCP pool of 2 connections on PostgreSQL under 20 threads that each run an N+1 loop in
 * their own scope, one checkout per row: through {@link NPlusOne#wrap} over the pool, and through
 * {@link NPlusOneHikariMetrics} in a pool over {@code jdbc:nplusone:}. Waits and timeouts are
 * forced by holding both connections, released by the test, never by tuned sleeps; timing is
 * asserted only with inequalities that hold on a slow machine.
 */
class PoolHikariTest {
  private static final int THREADS = 20;
  private static final int ROWS = 5;
  private static final long HOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(60);

  /** How each test reaches the pool. */
  enum Path {
    DATASOURCE,
    TRACKER
  }

  /** What one worker thread saw. */
  record Result(
      int acquires,
      List<SQLTransientConnectionException> caught,
      List<Finding> findings,
      String scope) {}

  private final List<HikariDataSource> pools = new ArrayList<>();
  private final AtomicInteger delegateAcquired = new AtomicInteger();
  private final AtomicInteger delegateUsage = new AtomicInteger();
  private final AtomicInteger delegateTimeouts = new AtomicInteger();
  private final AtomicInteger delegateClosed = new AtomicInteger();

  @BeforeAll
  static void schema() throws SQLException {
    try (Connection c = TestDatabases.rawConnection(Kind.POSTGRESQL, "pool");
        Statement s = c.createStatement()) {
      s.execute("create table if not exists pool_author(id int primary key, name text)");
      s.execute("create table if not exists pool_book(author_id int, title text)");
      s.execute("delete from pool_book");
      s.execute("delete from pool_author");
      for (int i = 1; i <= ROWS; i++) {
        s.execute("insert into pool_author values (" + i + ", 'a" + i + "')");
        s.execute("insert into pool_book values (" + i + ", 'b" + i + "')");
      }
    }
  }

  @AfterEach
  void tearDown() {
    pools.forEach(HikariDataSource::close);
    NPlusOne.flush();
  }

  /** The pool, and the DataSource the application uses. */
  private DataSource[] open(Path path, String name, long connectionTimeoutMs) {
    HikariConfig cfg = new HikariConfig();
    cfg.setMaximumPoolSize(2);
    cfg.setConnectionTimeout(connectionTimeoutMs);
    cfg.setPoolName(name);
    if (path == Path.DATASOURCE) {
      cfg.setJdbcUrl(TestDatabases.vendorUrl(Kind.POSTGRESQL, "pool"));
      HikariDataSource pool = new HikariDataSource(cfg);
      pools.add(pool);
      return new DataSource[] {pool, NPlusOne.wrap(pool, Map.of("mode", "silent"))};
    }
    cfg.setJdbcUrl(
        TestDatabases.nplusoneUrl(Kind.POSTGRESQL, "pool")
            .replace("jdbc:nplusone:", "jdbc:nplusone[mode=silent]:"));
    cfg.setMetricsTrackerFactory(existingFactory());
    NPlusOneHikariMetrics.install(cfg);
    assertThat(cfg.getMetricsTrackerFactory()).isInstanceOf(NPlusOneHikariMetrics.class);
    HikariDataSource pool = new HikariDataSource(cfg);
    pools.add(pool);
    return new DataSource[] {pool, pool};
  }

  /** A factory the user had set (Micrometer's, say): ours must hand it every call. */
  private MetricsTrackerFactory existingFactory() {
    return (poolName, stats) ->
        new IMetricsTracker() {
          @Override
          public void recordConnectionAcquiredNanos(long nanos) {
            delegateAcquired.incrementAndGet();
          }

          @Override
          public void recordConnectionUsageMillis(long millis) {
            delegateUsage.incrementAndGet();
          }

          @Override
          public void recordConnectionTimeout() {
            delegateTimeouts.incrementAndGet();
          }

          @Override
          public void close() {
            delegateClosed.incrementAndGet();
          }
        };
  }

  /** One checkout for the ids, then one checkout per row: the loop without a transaction. */
  private static Result load(DataSource ds, int i, CyclicBarrier start) throws Exception {
    int acquires = 0;
    List<SQLTransientConnectionException> caught = new ArrayList<>();
    Scope scope = NPlusOne.scope("load-" + i);
    try (scope) {
      start.await();
      try (Connection c = ds.getConnection();
          ResultSet rs = c.createStatement().executeQuery("select id from pool_author")) {
        acquires++;
        while (rs.next()) {
          rs.getInt(1);
        }
      } catch (SQLTransientConnectionException e) {
        caught.add(e);
      }
      for (int id = 1; id <= ROWS; id++) {
        try (Connection c = ds.getConnection();
            PreparedStatement ps =
                c.prepareStatement("select title from pool_book where author_id = ?")) {
          acquires++;
          ps.setInt(1, id);
          ps.executeQuery().close();
        } catch (SQLTransientConnectionException e) {
          caught.add(e);
        }
      }
    }
    return new Result(acquires, caught, scope.findings(), scope.name());
  }

  /** One checkout attempt that must time out, since the test holds every connection. */
  private static Result starve(DataSource ds, int i, CyclicBarrier start) throws Exception {
    int acquires = 0;
    List<SQLTransientConnectionException> caught = new ArrayList<>();
    Scope scope = NPlusOne.scope("starved-" + i);
    try (scope) {
      start.await();
      try (Connection c = ds.getConnection()) {
        acquires += c.isClosed() ? 0 : 1;
      } catch (SQLTransientConnectionException e) {
        caught.add(e);
      }
    }
    return new Result(acquires, caught, scope.findings(), scope.name());
  }

  private interface Work {
    Result run(DataSource ds, int i, CyclicBarrier start) throws Exception;
  }

  /**
   * Runs {@code work} on {@link #THREADS} threads while the test holds both connections: released
   * {@code HOLD_NANOS} after every worker is seen waiting by the pool, or, with {@code untilDone},
   * only after every worker finished.
   */
  private static List<Result> contend(
      DataSource ds, HikariDataSource pool, Work work, boolean untilDone) throws Exception {
    ExecutorService ex = Executors.newFixedThreadPool(THREADS);
    try {
      CyclicBarrier start = new CyclicBarrier(THREADS);
      List<Future<Result>> futures = new ArrayList<>();
      Connection h1 = ds.getConnection();
      Connection h2 = ds.getConnection();
      for (int i = 0; i < THREADS; i++) {
        int n = i;
        Callable<Result> task = () -> work.run(ds, n, start);
        futures.add(ex.submit(task));
      }
      if (!untilDone) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (pool.getHikariPoolMXBean().getThreadsAwaitingConnection() < THREADS) {
          if (System.nanoTime() > deadline) {
            fail("the workers never all waited for the pool");
          }
          LockSupport.parkNanos(100_000);
        }
        // Every worker is waiting now: each of their first checkouts waits at least HOLD_NANOS.
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < HOLD_NANOS) {
          LockSupport.parkNanos(1_000_000);
        }
        h1.close();
        h2.close();
      }
      List<Result> results = new ArrayList<>();
      for (Future<Result> f : futures) {
        results.add(f.get(120, TimeUnit.SECONDS));
      }
      if (untilDone) {
        h1.close();
        h2.close();
      }
      return results;
    } finally {
      ex.shutdownNow();
    }
  }

  private static int sum(List<Result> rs, java.util.function.ToIntFunction<Result> f) {
    return rs.stream().mapToInt(f).sum();
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void timeoutsAndWaitsAreCountedReportedAndAgreeWithHikari(Path path) throws Exception {
    DataSource[] p = open(path, "pool-exhaust-" + path, 250);
    HikariDataSource pool = (HikariDataSource) p[0];
    DataSource ds = p[1];

    // Phase 1: the test holds both connections until every worker has timed out.
    List<Result> starved = contend(ds, pool, PoolHikariTest::starve, true);
    assertThat(sum(starved, r -> r.caught().size())).isEqualTo(THREADS);
    for (Result r : starved) {
      SQLTransientConnectionException e = r.caught().get(0);
      // HikariCP's own exception, rethrown untouched.
      assertThat(e.getClass()).isEqualTo(SQLTransientConnectionException.class);
      assertThat(e.getMessage()).contains("request timed out after");
      Finding f = PoolClockTest.only(r.findings(), Finding.Kind.POOL_EXHAUSTED);
      assertThat(f.scopeName()).isEqualTo(r.scope());
      assertThat(f.pool().timeouts()).isEqualTo(1);
      assertThat(f.pool().acquires()).isZero();
    }
    PoolStats afterStarve = NPlusOne.poolStats(ds);
    assertThat(afterStarve.timeouts()).isEqualTo(THREADS);
    assertThat(afterStarve.acquires()).isEqualTo(2);
    assertThat(afterStarve.peakThreadsWaiting()).isBetween(1, THREADS);

    // Phase 2: free contention; with a 250 ms timeout some checkouts may time out.
    List<Result> loaded = contend(ds, pool, PoolHikariTest::load, false);
    int acquires = sum(loaded, Result::acquires);
    int timeouts = sum(loaded, r -> r.caught().size());
    assertThat(acquires + timeouts).isEqualTo(THREADS * (ROWS + 1));
    for (Result r : loaded) {
      assertThat(r.findings()).isNotEmpty();
      for (Finding f : r.findings()) {
        assertThat(f.pool().acquires()).as("%s", f).isEqualTo(r.acquires());
        assertThat(f.pool().timeouts()).as("%s", f).isEqualTo(r.caught().size());
      }
      boolean slowScope =
          r.acquires() > 0
              && r.findings().get(0).pool().maxWait().compareTo(Duration.ofMillis(50)) >= 0;
      // A slow wait is a SLOW_ACQUIRE when the pool was busy then, which it nearly always is here.
      assertThat(r.findings().stream().filter(f -> f.kind() == Finding.Kind.SLOW_ACQUIRE))
          .hasSizeLessThanOrEqualTo(slowScope ? 1 : 0)
          .allSatisfy(
              slow ->
                  assertThat(slow.message())
                      .contains("of 2 connections in use")
                      .contains("maximum pool size 2"));
      if (r.caught().isEmpty()) {
        Finding n1 = PoolClockTest.only(r.findings(), Finding.Kind.N_PLUS_ONE);
        assertThat(n1.pool().queryCheckouts()).isEqualTo(ROWS);
        assertThat(n1.message()).contains("the query ran on 5 separate connection checkouts");
        assertThat(PoolClockTest.only(r.findings(), Finding.Kind.CONNECTION_CHURN).executions())
            .isEqualTo(ROWS);
      }
    }

    PoolStats stats = NPlusOne.poolStats(ds);
    assertThat(stats.source()).isEqualTo(path == Path.DATASOURCE ? "datasource" : "hikari-metrics");
    assertThat(stats.timeouts()).isEqualTo(THREADS + timeouts);
    assertThat(stats.acquires()).isEqualTo(2 + 2 + acquires);
    assertThat(stats.maximumPoolSize())
        .isEqualTo(pool.getHikariConfigMXBean().getMaximumPoolSize())
        .isEqualTo(2);
    assertThat(stats.peakInUse()).isEqualTo(2);
    assertThat(stats.peakUtilizationPercent()).isEqualTo(100);
    assertThat(stats.activeConnections())
        .isEqualTo(pool.getHikariPoolMXBean().getActiveConnections())
        .isZero();
    assertThat(stats.inUse()).isZero();
    assertThat(stats.totalConnections()).isBetween(1, 2);
    assertThat(stats.threadsWaiting()).isZero();
    assertThat(stats.holds()).isEqualTo(stats.acquires());
    assertThat(stats.peakBorrowers()).isBetween(3, THREADS + 2);
    assertThat(stats.acquireMax()).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    assertThat(stats.acquireP50()).isLessThanOrEqualTo(stats.acquireP95());
    assertThat(stats.acquireP95()).isLessThanOrEqualTo(stats.acquireP99());
    assertThat(stats.acquireP99()).isLessThanOrEqualTo(stats.acquireMax());
    assertThat(stats.holdMax()).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    assertThat(NPlusOne.logPoolSummary(ds).summary())
        .contains("peak 2 of 2 in use (100 %)")
        .contains("maximum pool size 2");

    // Utilization: reported once per pool, by one scope.
    long utilization =
        java.util.stream.Stream.concat(starved.stream(), loaded.stream())
            .flatMap(r -> r.findings().stream())
            .filter(f -> f.kind() == Finding.Kind.POOL_UTILIZATION)
            .count();
    assertThat(utilization).isEqualTo(1);

    if (path == Path.TRACKER) {
      // HikariCP reports a timed-out wait as an acquire too; the tracker does not count those.
      assertThat(delegateAcquired.get()).isEqualTo(stats.acquires() + stats.timeouts());
      assertThat(delegateTimeouts.get()).isEqualTo(stats.timeouts());
      assertThat(delegateUsage.get()).isEqualTo(stats.holds());
    }
  }

  @Test
  void bothPathsReportTheSameForTheSameWorkload() throws Exception {
    Detector.ticker(null);
    PoolStats[] stats = new PoolStats[2];
    List<List<Result>> runs = new ArrayList<>();
    for (Path path : Path.values()) {
      DataSource[] p = open(path, "pool-same-" + path, 30_000);
      List<Result> loaded = contend(p[1], (HikariDataSource) p[0], PoolHikariTest::load, false);
      runs.add(loaded);
      stats[path.ordinal()] = NPlusOne.poolStats(p[1]);
    }
    for (int i = 0; i < 2; i++) {
      PoolStats s = stats[i];
      assertThat(s.acquires()).isEqualTo(2 + THREADS * (ROWS + 1));
      assertThat(s.timeouts()).isZero();
      assertThat(s.holds()).isEqualTo(s.acquires());
      assertThat(s.peakInUse()).isEqualTo(2);
      assertThat(s.maximumPoolSize()).isEqualTo(2);
      // Every worker's first checkout waited for the test to let go of both connections.
      assertThat(s.acquireMax()).isGreaterThanOrEqualTo(Duration.ofNanos(HOLD_NANOS));
      assertThat(s.acquireP99()).isGreaterThanOrEqualTo(Duration.ofNanos(HOLD_NANOS));
      assertThat(s.holdMax()).isGreaterThanOrEqualTo(Duration.ofMillis(HOLD_NANOS / 1_000_000));
      for (Result r : runs.get(i)) {
        assertThat(r.caught()).isEmpty();
        assertThat(r.findings())
            .as("%s %s", Path.values()[i], r.findings())
            .extracting(Finding::kind)
            .contains(
                Finding.Kind.N_PLUS_ONE, Finding.Kind.CONNECTION_CHURN, Finding.Kind.SLOW_ACQUIRE);
        for (Finding f : r.findings()) {
          assertThat(f.pool().acquires()).isEqualTo(ROWS + 1);
          assertThat(f.pool().maxWait()).isGreaterThanOrEqualTo(Duration.ofNanos(HOLD_NANOS));
          assertThat(f.pool().totalWait()).isGreaterThanOrEqualTo(f.pool().maxWait());
        }
        assertThat(
                PoolClockTest.only(r.findings(), Finding.Kind.N_PLUS_ONE).pool().queryCheckouts())
            .isEqualTo(ROWS);
      }
    }
    assertThat(stats[0].acquires()).isEqualTo(stats[1].acquires());
    assertThat(stats[0].holds()).isEqualTo(stats[1].holds());
    assertThat(delegateAcquired.get()).isEqualTo(stats[1].acquires());
  }
}
