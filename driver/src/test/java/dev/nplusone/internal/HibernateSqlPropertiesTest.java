package dev.nplusone.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The pre-check before the Hibernate alias expression changes no answer. */
class HibernateSqlPropertiesTest {
  private static final Pattern ALIAS = Pattern.compile("\\b[a-z][a-z0-9_]*?\\d+_\\d+\\.");

  @Provide
  Arbitrary<String> sqlLike() {
    // Pieces of Hibernate aliases and near misses, so matches come at every position.
    return Arbitraries.of(
            "a", "o1_0", "o1_0.", "_", "1", "0", ".", " ", "/* load ", "é", "٣", "b9", "9_", "_٣")
        .list()
        .ofMaxSize(8)
        .map(parts -> String.join("", parts));
  }

  @Property(tries = 5000)
  void answersAsTheExpressionAlone(@ForAll("sqlLike") String sql) {
    boolean expected = sql.contains("/* load ") || ALIAS.matcher(sql).find();
    assertThat(SuggestionEngine.hibernateSql(sql)).as(sql).isEqualTo(expected);
  }

  @Property(tries = 500)
  void answersAsTheExpressionAloneOnAnyText(@ForAll String sql) {
    boolean expected = sql.contains("/* load ") || ALIAS.matcher(sql).find();
    assertThat(SuggestionEngine.hibernateSql(sql)).isEqualTo(expected);
  }
}
