package dev.nplusone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nplusone.internal.Detector;
import dev.nplusone.internal.PoolAdvice;
import dev.nplusone.internal.ProxyDataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pool figures through the wrapping DataSource on H2, with the meter's clock injected: every wait
 * and hold is exact, nothing sleeps.
 */
class PoolClockTest {
  private static final long MS = 1_000_000L;

  private final AtomicLong clock = new AtomicLong(1_000 * MS);
  private final AtomicLong implicitClock = new AtomicLong(1_000 * MS);
  private final List<Finding> reported = new CopyOnWriteArrayList<>();
  private final NPlusOneListener listener = reported::add;

  /** Each getConnection advances the clock by this much: the simulated pool wait. */
  private volatile long waitPerCheckout = 70 * MS;

  /** The next getConnection throws this, once, when set. */
  private volatile SQLException failNext;

  private DataSource ds;

  @BeforeEach
  void setUp() throws SQLException {
    NPlusOne.flush();
    Detector.ticker(implicitClock::get);
    NPlusOne.addListener(listener);
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:poolclock;DB_CLOSE_DELAY=-1");
    try (Connection c = h2.getConnection();
        Statement s = c.createStatement()) {
      s.execute("create table if not exists pc_author(id int primary key, name varchar(20))");
      s.execute("delete from pc_author");
      for (int i = 1; i <= 5; i++) {
        s.execute("insert into pc_author values (" + i + ", 'a" + i + "')");
      }
    }
    DataSource slow =
        (DataSource)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("getConnection")) {
                    clock.addAndGet(waitPerCheckout);
                    SQLException f = failNext;
                    if (f != null) {
                      failNext = null;
                      throw f;
                    }
                  }
                  try {
                    return method.invoke(h2, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    // Suggestions would borrow a connection of their own for metadata through the same DataSource,
    // which advances this test's clock like any checkout; they are not what is measured here.
    ds = NPlusOne.wrap(slow, Map.of("mode", "silent", "suggest.metadata", "false"));
    ds.unwrap(ProxyDataSource.class).poolMeter().ticker(clock::get);
  }

  @AfterEach
  void tearDown() {
    NPlusOne.removeListener(listener);
    try {
      NPlusOne.flush();
    } finally {
      Detector.ticker(null);
    }
  }

  /** The JdbcTemplate-without-transaction loop: one checkout for the ids, one per row. */
  private void perRowLoop(long holdPerRow) throws SQLException {
    List<Integer> ids = new ArrayList<>();
    try (Connection c = ds.getConnection();
        ResultSet rs = c.createStatement().executeQuery("select id from pc_author order by id")) {
      while (rs.next()) {
        ids.add(rs.getInt(1));
      }
    }
    for (int id : ids) {
      try (Connection c = ds.getConnection();
          PreparedStatement ps = c.prepareStatement("select name from pc_author where id = ?")) {
        ps.setInt(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
        }
        clock.addAndGet(holdPerRow);
      }
    }
  }

  @Test
  void scopeFindingsCarryItsCheckoutsWaitsAndHolds() throws SQLException {
    Scope scope = NPlusOne.scope("orders");
    // Another holder keeps a connection: the pool is busy, so the slow checkouts are pool waits.
    Connection other = ds.getConnection();
    try (scope) {
      perRowLoop(10 * MS);
    }
    other.close();
    List<Finding> findings = scope.findings();
    Finding n1 = only(findings, Finding.Kind.N_PLUS_ONE);
    PoolFigures p = n1.pool();
    assertThat(p).isNotNull();
    assertThat(p.acquires()).isEqualTo(7);
    assertThat(p.timeouts()).isZero();
    assertThat(p.totalWait()).isEqualTo(Duration.ofMillis(490));
    assertThat(p.maxWait()).isEqualTo(Duration.ofMillis(70));
    assertThat(p.totalHold()).isEqualTo(Duration.ofMillis(50));
    assertThat(p.queryCheckouts()).isEqualTo(5);
    assertThat(n1.message())
        .contains("the query ran on 5 separate connection checkouts")
        .contains("waited 490 ms for the pool (longest 70 ms)")
        .contains("holding connections 50 ms");

    Finding churn = only(findings, Finding.Kind.CONNECTION_CHURN);
    assertThat(churn.executions()).isEqualTo(5);
    assertThat(churn.sql()).isEqualTo(n1.sql());
    assertThat(churn.callSite()).isEqualTo(n1.callSite());
    assertThat(churn.message()).startsWith("Connection churn: the same query ran on 5 separate");

    Finding slow = only(findings, Finding.Kind.SLOW_ACQUIRE);
    assertThat(slow.executions()).isEqualTo(7);
    assertThat(slow.totalTime()).isEqualTo(Duration.ofMillis(490));
    assertThat(slow.message())
        .contains("waited up to 70 ms for one pooled connection while the pool was busy")
        .contains("nplusone.pool.slow-acquire is 50 ms")
        .contains("the pool peaked at 2 connections in use with 1 thread waiting")
        .contains("sizing: inputs: peak of 2 concurrent borrowers")
        .contains("core_count × 2 + effective_spindle_count");
    assertThat(findings).noneMatch(f -> f.kind() == Finding.Kind.POOL_UTILIZATION);
    assertThat(reported).containsExactlyInAnyOrderElementsOf(findings);

    PoolStats stats = NPlusOne.poolStats(ds);
    assertThat(stats.source()).isEqualTo("datasource");
    assertThat(stats.acquires()).isEqualTo(7);
    assertThat(stats.holds()).isEqualTo(7);
    assertThat(stats.acquireMax()).isEqualTo(Duration.ofMillis(70));
    assertThat(stats.acquireP50().toNanos()).isBetween(70 * MS, 70 * MS * 9 / 8);
    // Holds: 0 ms (the ids), 5 × 10 ms (the rows), 470 ms (the other holder).
    assertThat(stats.holdMax()).isEqualTo(Duration.ofMillis(470));
    // Percentiles are bucket bounds: at most 12.5 % above the true value, never above the max.
    assertThat(stats.holdP50().toNanos()).isBetween(10 * MS, 10 * MS * 9 / 8);
    assertThat(stats.holdP99()).isEqualTo(Duration.ofMillis(470));
    assertThat(stats.peakInUse()).isEqualTo(2);
    assertThat(stats.inUse()).isZero();
    assertThat(stats.maximumPoolSize()).isEqualTo(-1);
    assertThat(stats.peakUtilizationPercent()).isEqualTo(-1);
    assertThat(stats.summary())
        .contains("7 checkouts, 0 timeouts")
        .contains("acquire p50 70 ms")
        .contains("sizing:");
  }

  @Test
  void slowConnectsOfAnIdlePoolAreNoSlowAcquire() throws SQLException {
    Scope scope = NPlusOne.scope("warming-up");
    try (scope) {
      perRowLoop(0);
    }
    Finding n1 = only(scope.findings(), Finding.Kind.N_PLUS_ONE);
    assertThat(n1.pool().maxWait()).isEqualTo(Duration.ofMillis(70));
    assertThat(n1.message()).contains("waited 420 ms for the pool");
    assertThat(scope.findings()).noneMatch(f -> f.kind() == Finding.Kind.SLOW_ACQUIRE);
  }

  @Test
  void fastCheckoutsHeldInOneConnectionMakeNoPoolFindings() throws SQLException {
    waitPerCheckout = MS;
    Scope scope = NPlusOne.scope("one-connection");
    try (scope;
        Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("select name from pc_author where id = ?")) {
      for (int id = 1; id <= 5; id++) {
        ps.setInt(1, id);
        ps.executeQuery().close();
      }
    }
    Finding n1 = only(scope.findings(), Finding.Kind.N_PLUS_ONE);
    assertThat(n1.pool().acquires()).isEqualTo(1);
    assertThat(n1.pool().queryCheckouts()).isEqualTo(1);
    assertThat(n1.message()).doesNotContain("separate connection checkouts");
    assertThat(scope.findings()).hasSize(1);
  }

  @Test
  void perRowLoopWithoutScopeOrTransactionIsChurnInTheImplicitScope() throws SQLException {
    waitPerCheckout = MS;
    perRowLoop(0);
    List<Finding> flushed = NPlusOne.flush();
    assertThat(only(flushed, Finding.Kind.N_PLUS_ONE).pool().acquires()).isEqualTo(6);
    assertThat(only(flushed, Finding.Kind.CONNECTION_CHURN).executions()).isEqualTo(5);
    assertThat(flushed).noneMatch(f -> f.kind() == Finding.Kind.SLOW_ACQUIRE);
  }

  @Test
  void aTimeoutIsCountedReportedAndRethrownUntouched() throws SQLException {
    SQLTransientConnectionException timeout =
        new SQLTransientConnectionException("pool - Connection is not available");
    Scope scope = NPlusOne.scope("exhausted");
    try (scope) {
      failNext = timeout;
      assertThatThrownBy(ds::getConnection).isSameAs(timeout);
      failNext = new SQLException("other");
      assertThatThrownBy(ds::getConnection).hasMessage("other");
    }
    Finding f = only(scope.findings(), Finding.Kind.POOL_EXHAUSTED);
    assertThat(f.executions()).isEqualTo(1);
    assertThat(f.pool().timeouts()).isEqualTo(1);
    assertThat(f.pool().acquires()).isZero();
    assertThat(f.message())
        .startsWith("Pool exhausted: 1 connection checkout of scope 'exhausted'");
    PoolStats stats = NPlusOne.poolStats(ds);
    assertThat(stats.timeouts()).isEqualTo(1);
    assertThat(stats.acquires()).isZero();
    assertThat(stats.threadsWaiting()).isZero();
  }

  @Test
  void untrackedDataSourcesReportZeros() {
    PoolStats stats = NPlusOne.poolStats(new JdbcDataSource());
    assertThat(stats.tracked()).isFalse();
    assertThat(stats.summary()).contains("not tracked");
  }

  @Test
  void sizingAdviceShowsItsInputsAndBothRules() {
    assertThat(PoolAdvice.sizing(50, 10, 4))
        .contains("peak of 50 concurrent borrowers")
        .contains("maximum pool size 10, 4 cores")
        .contains("50 × 0.5 + buffer ≈ 25–30")
        .contains("4 × 2 + 1 = 9")
        .contains("N+1 loops hold each connection");
  }

  @Test
  void poolOptionsAreValidatedNamingKeyAndValue() {
    assertThatThrownBy(() -> NPlusOneProperty.POOL_UTILIZATION_LIMIT.parse("101"))
        .hasMessageContaining("nplusone.pool.utilization-limit")
        .hasMessageContaining("'101'")
        .hasMessageContaining("at most 100");
    assertThatThrownBy(() -> NPlusOne.wrap(new JdbcDataSource(), Map.of("pool.slow-acquire", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nplusone.pool.slow-acquire");
    assertThat(NPlusOneProperty.POOL_SLOW_ACQUIRE.parse("50ms")).isEqualTo(Duration.ofMillis(50));
  }

  static Finding only(List<Finding> findings, Finding.Kind kind) {
    List<Finding> of = findings.stream().filter(f -> f.kind() == kind).toList();
    assertThat(of).as("findings of kind %s in %s", kind, findings).hasSize(1);
    return of.get(0);
  }
}
