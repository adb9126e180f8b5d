package dev.nplusone.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nplusone.Finding;
import dev.nplusone.NPlusOne;
import dev.nplusone.Scope;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fast paths of the statement hot path: the per-connection memo of the last statement text, the
 * thread state found through the connection, the typed setters' hash without the multi-value check,
 * the bind-value array sized from the last statement of the same text. Each is checked against what
 * the slow path gives: the fingerprint cache's shape, {@link BindValues#mix}, the scope of the
 * thread that ran the statement.
 */
@SuppressWarnings("try") // scopes opened only for their effect on the statements inside
class HotPathTest {
  private static final String URL = "jdbc:h2:mem:hot_path;DB_CLOSE_DELAY=-1";
  private static final String BY_ID = "select name from hot_item where id = ?";
  private static final String BY_NAME = "select id from hot_item where name = ?";

  /** What the statements told the recorder. */
  static final class Seen {
    final SqlShape shape;
    final long valuesHash;
    final boolean multi;
    final Object[] params;

    Seen(SqlShape shape, long valuesHash, boolean multi, Object[] params) {
      this.shape = shape;
      this.valuesHash = valuesHash;
      this.multi = multi;
      this.params = params;
    }
  }

  private final List<Seen> seen = new ArrayList<>();

  private final Recorder recording =
      new Recorder() {
        @Override
        public void executed(
            ProxyConnection connection,
            SqlShape shape,
            long valuesHash,
            boolean multiValued,
            Object[] params,
            int paramCount,
            long elapsedNanos,
            int batchSize) {
          seen.add(
              new Seen(
                  shape,
                  valuesHash,
                  multiValued,
                  params == null ? null : java.util.Arrays.copyOf(params, paramCount)));
        }
      };

  @BeforeAll
  static void createTable() throws Exception {
    try (Connection c = DriverManager.getConnection(URL);
        Statement s = c.createStatement()) {
      s.execute("drop table if exists hot_item");
      s.execute("create table hot_item (id int primary key, name varchar(50))");
      for (int i = 1; i <= 8; i++) {
        s.execute("insert into hot_item values (" + i + ", 'item " + i + "')");
      }
    }
  }

  @BeforeEach
  void setUp() {
    NPlusOne.flush();
  }

  @AfterEach
  void tearDown() {
    NPlusOne.flush();
  }

  private static JdbcContext context(Recorder recorder) throws Exception {
    Config config = Config.resolve(Map.of("mode", "silent"), null, Config.Sources.system());
    return new JdbcContext(config, URL, recorder == null ? Detector.recorder(config) : recorder);
  }

  private ProxyConnection recorded() throws Exception {
    return new ProxyConnection(DriverManager.getConnection(URL), context(recording), null);
  }

  private static ProxyConnection detecting() throws Exception {
    return new ProxyConnection(DriverManager.getConnection(URL), context(null), null);
  }

  private static String nameById(Connection c, String sql, int id) throws Exception {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static long fold(SqlShape shape, Object... values) {
    long h = shape.literalsHash();
    for (int i = 0; i < values.length; i++) {
      h = BindValues.mix(h, i, values[i]);
    }
    return h;
  }

  @Test
  void theSameTextRePreparedOrInAnotherStringGetsItsOwnShapeEachTime() throws Exception {
    String copy = new String(BY_ID.toCharArray());
    long byId;
    try (ProxyConnection c = recorded()) {
      byId = c.context().fingerprints().shape(BY_ID).hash();
      nameById(c, BY_ID, 1);
      nameById(c, BY_ID, 2);
      nameById(c, BY_NAME.replace("name = ?", "name = 'x' or id = ?"), 3);
      nameById(c, copy, 4);
      nameById(c, BY_ID, 5);
    }
    assertThat(seen).hasSize(5);
    assertThat(seen.get(0).shape.hash()).isEqualTo(byId);
    assertThat(seen.get(1).shape.hash()).isEqualTo(byId);
    assertThat(seen.get(2).shape.hash()).isNotEqualTo(byId);
    assertThat(seen.get(2).shape.normalizedSql()).contains("name =");
    assertThat(seen.get(3).shape.hash()).isEqualTo(byId);
    assertThat(seen.get(4).shape.hash()).isEqualTo(byId);
    // Each execution carries its own values, also when the statement text repeats.
    assertThat(seen.stream().map(s -> s.params[0])).containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  void typedSettersHashAsTheGeneralMixDoes() throws Exception {
    BigDecimal price = new BigDecimal("12.34");
    byte[] bytes = {1, 2, 3};
    try (ProxyConnection c = recorded();
        PreparedStatement ps =
            c.prepareStatement("select ?, ?, ?, ?, ?, ?, ?, ? from hot_item where id = 1")) {
      ps.setString(1, "a");
      ps.setInt(2, 7);
      ps.setBigDecimal(3, price);
      ps.setBoolean(4, true);
      ps.setDouble(5, 0.5);
      ps.setLong(6, 1L << 40);
      ps.setNull(7, Types.VARCHAR);
      ps.setBytes(8, bytes);
      ps.executeQuery().close();
      SqlShape shape = seen.get(0).shape;
      assertThat(seen.get(0).valuesHash)
          .isEqualTo(fold(shape, "a", 7, price, true, 0.5, 1L << 40, BindValues.NULL, bytes));
      assertThat(seen.get(0).multi).isFalse();
      // Another value in one place gives another hash: values still tell N+1 from duplicates.
      ps.setInt(2, 8);
      ps.executeQuery().close();
      assertThat(seen.get(1).valuesHash).isNotEqualTo(seen.get(0).valuesHash);
      assertThat(seen.get(1).valuesHash)
          .isEqualTo(fold(shape, "a", 8, price, true, 0.5, 1L << 40, BindValues.NULL, bytes));
    }
  }

  @Test
  void settersOutOfOrderOrChangingOneValueHashTheValuesInForce() throws Exception {
    try (ProxyConnection c = recorded();
        PreparedStatement ps = c.prepareStatement("select ?, ?, ? from hot_item where id = 1")) {
      ps.setInt(1, 1);
      ps.setInt(2, 2);
      ps.setInt(3, 3);
      ps.executeQuery().close();
      ps.executeQuery().close(); // the same values again
      ps.setInt(2, 20); // one value changed, out of order
      ps.executeQuery().close();
      ps.setInt(1, 10); // index 1 again, the others kept
      ps.executeQuery().close();
      ps.setInt(2, 2);
      ps.setInt(3, 30); // 1, 2, 3 in order again
      ps.executeQuery().close();
      ps.setInt(3, 3);
      ps.setInt(1, 1);
      ps.setInt(2, 2); // the first values, set out of order
      ps.executeQuery().close();
    }
    SqlShape shape = seen.get(0).shape;
    assertThat(seen.get(0).valuesHash).isEqualTo(fold(shape, 1, 2, 3));
    assertThat(seen.get(1).valuesHash).isEqualTo(fold(shape, 1, 2, 3));
    assertThat(seen.get(2).valuesHash).isEqualTo(fold(shape, 1, 20, 3));
    assertThat(seen.get(3).valuesHash).isEqualTo(fold(shape, 10, 20, 3));
    assertThat(seen.get(4).valuesHash).isEqualTo(fold(shape, 10, 2, 30));
    assertThat(seen.get(5).valuesHash).isEqualTo(seen.get(0).valuesHash);
  }

  @Test
  void anArrayBySetObjectIsMultiValuedUntilReplaced() throws Exception {
    try (ProxyConnection c = recorded();
        PreparedStatement ps = c.prepareStatement("select cast(? as varchar) from hot_item")) {
      Object[] ids = {1, 2};
      ps.setObject(1, ids);
      ps.executeQuery().close();
      ps.setObject(1, 5);
      ps.executeQuery().close();
      ps.clearParameters();
      ps.setInt(1, 6);
      ps.executeQuery().close();
    }
    SqlShape shape = seen.get(0).shape;
    assertThat(seen.get(0).multi).isTrue();
    assertThat(seen.get(1).multi).isFalse();
    assertThat(seen.get(1).valuesHash).isEqualTo(fold(shape, 5));
    assertThat(seen.get(2).multi).isFalse();
    assertThat(seen.get(2).valuesHash).isEqualTo(fold(shape, 6));
  }

  @Test
  void bindValuesSizedFromTheLastStatementOfTheTextStillHashInOrder() throws Exception {
    String sql = "select id from hot_item where id in (?, ?, ?)";
    try (ProxyConnection c = recorded()) {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setInt(1, 1);
        ps.setInt(2, 2);
        ps.setInt(3, 3);
        ps.executeQuery().close();
      }
      // Set out of order on a statement whose array comes sized from the hint.
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setInt(3, 3);
        ps.setInt(1, 1);
        ps.setInt(2, 2);
        ps.executeQuery().close();
      }
      // Another text in between: no hint, the array grows as before.
      try (PreparedStatement ps = c.prepareStatement(sql.replace("id in", "id  in"))) {
        ps.setInt(3, 9);
        ps.setInt(1, 7);
        ps.setInt(2, 8);
        ps.executeQuery().close();
      }
    }
    SqlShape shape = seen.get(0).shape;
    assertThat(seen.get(0).valuesHash).isEqualTo(fold(shape, 1, 2, 3));
    assertThat(seen.get(1).valuesHash).isEqualTo(seen.get(0).valuesHash);
    assertThat(seen.get(1).params).containsExactly(1, 2, 3);
    assertThat(seen.get(2).valuesHash).isEqualTo(fold(seen.get(2).shape, 7, 8, 9));
  }

  @Test
  void theFirstExecutionOfATextSetsItsHintAndLaterOnesKeepIt() throws Exception {
    String sql = "select id from hot_item where id in (?, ?, ?)";
    try (ProxyConnection c = recorded()) {
      SqlShape shape = c.shape(sql);
      assertThat(c.paramHint(shape)).isZero();
      for (int round = 0; round < 2; round++) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          ps.setInt(1, 1);
          ps.setInt(2, 2);
          ps.setInt(3, 3);
          ps.executeQuery().close();
          ps.clearParameters();
          ps.setInt(3, 6);
          ps.setInt(2, 5);
          ps.setInt(1, 4);
          ps.executeQuery().close();
        }
        assertThat(c.paramHint(shape)).as("round %d", round).isEqualTo(3);
      }
    }
  }

  @Test
  void theSizeHintFollowsTheLastTextAndIsBounded() throws Exception {
    try (ProxyConnection c = recorded()) {
      SqlShape byId = c.shape(BY_ID);
      assertThat(c.paramHint(byId)).isZero();
      c.noteParams(byId, ProxyConnection.MAX_PARAM_HINT + 1);
      assertThat(c.paramHint(byId)).isZero();
      c.noteParams(byId, 3);
      assertThat(c.paramHint(byId)).isEqualTo(3);
      c.noteParams(byId, 2);
      assertThat(c.paramHint(byId)).isEqualTo(3);
      SqlShape byName = c.shape(BY_NAME);
      assertThat(c.paramHint(byName)).isZero();
      assertThat(c.paramHint(byId)).isZero();
      c.noteParams(byId, 5);
      assertThat(c.shape(new String(BY_NAME.toCharArray()))).isSameAs(byName);
      assertThat(c.paramHint(byName)).isZero();
    }
  }

  @Test
  void aRepeatedStatementCountsEveryExecutionAndItsValues() throws Exception {
    List<Finding> nPlusOne;
    List<Finding> duplicate;
    try (ProxyConnection c = detecting()) {
      try (Scope s = NPlusOne.scope("distinct", Map.of("mode", "silent"))) {
        for (int id = 1; id <= 5; id++) {
          nameById(c, BY_ID, id);
        }
        s.close();
        nPlusOne = s.findings();
      }
      try (Scope s = NPlusOne.scope("same", Map.of("mode", "silent"))) {
        for (int i = 1; i <= 5; i++) {
          nameById(c, BY_ID, 3);
        }
        s.close();
        duplicate = s.findings();
      }
    }
    assertThat(nPlusOne).hasSize(1);
    assertThat(nPlusOne.get(0).kind()).isEqualTo(Finding.Kind.N_PLUS_ONE);
    assertThat(nPlusOne.get(0).executions()).isEqualTo(5);
    assertThat(nPlusOne.get(0).distinctParameterSets()).isEqualTo(5);
    assertThat(duplicate).hasSize(1);
    assertThat(duplicate.get(0).kind()).isEqualTo(Finding.Kind.DUPLICATE);
    assertThat(duplicate.get(0).executions()).isEqualTo(5);
  }

  @Test
  void aConnectionHandedToAnotherThreadRecordsInThatThreadsScope() throws Exception {
    ExecutorService other = Executors.newSingleThreadExecutor();
    try (ProxyConnection c = detecting()) {
      Scope mine = NPlusOne.scope("mine", Map.of("mode", "silent"));
      for (int id = 1; id <= 3; id++) {
        nameById(c, BY_ID, id);
      }
      List<Finding> theirs =
          other
              .submit(
                  () -> {
                    try (Scope s = NPlusOne.scope("theirs", Map.of("mode", "silent"))) {
                      for (int id = 1; id <= 4; id++) {
                        nameById(c, BY_ID, id);
                      }
                      s.close();
                      return s.findings();
                    }
                  })
              .get();
      nameById(c, BY_ID, 4);
      mine.close();
      assertThat(theirs).hasSize(1);
      assertThat(theirs.get(0).executions()).isEqualTo(4);
      assertThat(theirs.get(0).scopeName()).isEqualTo("theirs");
      assertThat(mine.findings()).hasSize(1);
      assertThat(mine.findings().get(0).executions()).isEqualTo(4);
      assertThat(mine.findings().get(0).scopeName()).isEqualTo("mine");
    } finally {
      other.shutdownNow();
    }
  }

  @Test
  void aSaturatedLongSetChangesNoMore() {
    LongSet set = new LongSet(3);
    set.add(1);
    set.add(2);
    set.add(3);
    assertThat(set.saturated()).isFalse();
    set.add(2);
    assertThat(set.saturated()).isFalse();
    set.add(4);
    assertThat(set.saturated()).isTrue();
    assertThat(set.size()).isEqualTo(3);
    set.add(0);
    set.add(5);
    set.add(1);
    assertThat(set.size()).isEqualTo(3);
    assertThat(set.saturated()).isTrue();
  }
}
