package dev.nplusone.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nplusone.junit.StatementRecording.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How statements are classified for budgets. */
class StatementRecordingTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "select id from t|SELECT",
        "  (SELECT id from t) union (select id from u)|SELECT",
        "with x as (select 1) select * from x|SELECT",
        "values (1)|SELECT",
        "insert into t values (?)|INSERT",
        "Update t set a = ?|UPDATE",
        "delete from t where id = ?|DELETE",
        "merge into t using u on (t.id = u.id)|OTHER",
        "call p(?)|OTHER",
        "create table t (id int)|OTHER",
        "''|OTHER"
      })
  void of_classifiesByFirstKeyword(String sql, Kind kind) {
    assertThat(Kind.of(sql)).isEqualTo(kind);
  }
}
