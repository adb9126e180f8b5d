package dev.nplusone.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.nplusone.Finding;
import dev.nplusone.NPlusOne;
import dev.nplusone.NPlusOneListener;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The limits: a transaction or a scope-less thread running hundreds of thousands of statements
 * keeps bounded state, and the report says what was dropped. Drives the recorder directly with
 * made-up shapes, over a real H2 connection for the transaction calls.
 */
class DetectBoundsTest {
  private final List<Finding> reported = new CopyOnWriteArrayList<>();
  private final NPlusOneListener listener = reported::add;
  private ListAppender<ILoggingEvent> log;

  @BeforeEach
  void setUp() {
    NPlusOne.flush();
    Detector.ticker(() -> 0L);
    NPlusOne.addListener(listener);
    log = new ListAppender<>();
    log.start();
    ((Logger) LoggerFactory.getLogger("nplusone")).addAppender(log);
  }

  @AfterEach
  void tearDown() {
    ((Logger) LoggerFactory.getLogger("nplusone")).detachAppender(log);
    NPlusOne.removeListener(listener);
    NPlusOne.flush();
    Detector.ticker(null);
  }

  private static ProxyConnection connect(Map<String, String> options) throws Exception {
    Config config = Config.resolve(options, null, Config.Sources.system());
    JdbcContext ctx = new JdbcContext(config, "jdbc:h2:mem:det_bounds", Detector.recorder(config));
    Connection raw = DriverManager.getConnection("jdbc:h2:mem:det_bounds;DB_CLOSE_DELAY=-1");
    return new ProxyConnection(raw, ctx, null);
  }

  private static SqlShape shape(int i) {
    return new SqlShape(
        "select c from t" + i + " where id = ?",
        LongSet.mix(i) * 0x9E3779B97F4A7C15L + i,
        0,
        0,
        0,
        SqlShape.StatementKind.SELECT);
  }

  @Test
  void longTransactionOfDistinctShapesKeepsAtMostTheCap() throws Exception {
    int statements = 200_000;
    int cap = 100;
    try (ProxyConnection c = connect(Map.of("scope.max-fingerprints", String.valueOf(cap)))) {
      Recorder r = c.context().recorder();
      c.setAutoCommit(false);
      for (int i = 0; i < statements; i++) {
        r.beforeExecute(c);
        r.executed(c, shape(i), i, false, null, 0, 1_000, 0);
        if (i % 10_000 == 0) {
          assertThat(Detector.innermostScope().trackedShapes()).isLessThanOrEqualTo(cap);
        }
      }
      ScopeData tx = Detector.innermostScope();
      assertThat(tx.type).isEqualTo(ScopeData.TRANSACTION);
      assertThat(tx.trackedShapes()).isEqualTo(cap);
      assertThat(tx.shapeCapacity()).isLessThanOrEqualTo(4 * cap);
      assertThat(tx.droppedStatements).isEqualTo(statements - cap);
      c.commit();
      c.setAutoCommit(true);
    }
    assertThat(Detector.innermostScope()).isNull();
    assertThat(log.list)
        .filteredOn(e -> e.getLevel() == Level.WARN)
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.getFormattedMessage())
                    .contains("first " + cap + " query shapes")
                    .contains((statements - cap) + " statements")
                    .contains("dropped")
                    .contains("nplusone.scope.max-fingerprints"));
    assertThat(reported).isEmpty();
  }

  @Test
  void oneShapeWithEndlessDistinctValuesKeepsAtMostTheValueCap() throws Exception {
    int statements = 200_000;
    int cap = 64;
    long firstSeen;
    long repeated;
    try (ProxyConnection c = connect(Map.of("scope.max-value-sets", String.valueOf(cap)))) {
      Recorder r = c.context().recorder();
      c.setAutoCommit(false);
      SqlShape shape = shape(1);
      long t0 = System.nanoTime();
      for (int i = 0; i < statements; i++) {
        r.beforeExecute(c);
        r.executed(c, shape, i + 1, false, null, 0, 1_000, 0);
      }
      repeated = (System.nanoTime() - t0) / statements;
      ScopeData tx = Detector.innermostScope();
      assertThat(tx.largestValueSetCapacity()).isLessThanOrEqualTo(4 * cap);
      SqlShape[] fresh = new SqlShape[1_000];
      for (int i = 0; i < fresh.length; i++) {
        fresh[i] = shape(1_000 + i);
      }
      t0 = System.nanoTime();
      for (int i = 0; i < fresh.length; i++) {
        r.beforeExecute(c);
        r.executed(c, fresh[i], i, false, null, 0, 1_000, 0);
      }
      firstSeen = (System.nanoTime() - t0) / 1_000;
      c.commit();
      c.setAutoCommit(true);
    }
    // The measured cost, for the record (not asserted: machines differ).
    System.out.printf(
        "nplusone detector cost: %d ns per statement of a repeating shape (stack walk"
            + " included), %d ns per first-seen shape%n",
        repeated, firstSeen);
    assertThat(reported)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(Finding.Kind.N_PLUS_ONE);
              assertThat(f.executions()).isEqualTo(statements);
              assertThat(f.distinctParameterSets()).isEqualTo(cap);
              assertThat(f.message()).contains("at least " + cap + " different value sets");
            });
  }

  @Test
  void threadThatNeverOpensAScopeIsBoundedByTheStatementCap() throws Exception {
    int cap = 1_000;
    try (ProxyConnection c =
        connect(
            Map.of(
                "implicit-scope.max-statements",
                String.valueOf(cap),
                "scope.max-fingerprints",
                "50"))) {
      Recorder r = c.context().recorder();
      for (int i = 0; i < 20_000; i++) {
        r.beforeExecute(c);
        r.executed(c, shape(i), i, false, null, 0, 1_000, 0);
        ScopeData implicit = Detector.implicitScope();
        if (implicit != null) {
          assertThat(implicit.statements).isLessThan(cap);
          assertThat(implicit.trackedShapes()).isLessThanOrEqualTo(50);
        }
      }
    }
    assertThat(reported).isEmpty();
  }
}
