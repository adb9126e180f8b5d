package dev.nplusone.examples.plainjdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Demo.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void demo_onH2_reportsBothPerUserQueries_andTheJoinReturnsTheSameUsers() {
    int code = run("jdbc:h2:mem:demo-test;DB_CLOSE_DELAY=-1");
    assertThat(code).as(out() + err).isZero();
    assertThat(out())
        .contains("nplusone reported 2 finding(s)")
        .contains("select id, name from organizations where id = ?")
        .contains("select role from user_roles where user_id = ? order by role")
        .contains("UserDirectory.listWithNPlusOne")
        .contains("parent query: select id, email, organization_id from users")
        .contains("Same result: yes. Statements: 401 before, 2 after.");
    assertThat(out()).contains("listed " + Demo.LISTED + " users");
    // The fix is the one nplusone wrote, executed as it stands, and it reads the same users.
    assertThat(out().substring(out().indexOf("2) The fix nplusone suggested, run as it wrote it")))
        .contains("with 2 statements; nplusone reported 0 finding(s)");
  }

  @Test
  void demo_onPostgres_alsoAdvisesTheMissingIndexes() {
    String url = System.getenv("NPLUSONE_TEST_POSTGRES_URL");
    if (url == null || url.isBlank()) {
      org.junit.jupiter.api.Assumptions.assumeFalse(
          "true".equalsIgnoreCase(System.getenv("NPLUSONE_TEST_REQUIRE_DATABASES")),
          "NPLUSONE_TEST_REQUIRE_DATABASES is true but NPLUSONE_TEST_POSTGRES_URL is not set");
      org.junit.jupiter.api.Assumptions.abort(
          "set NPLUSONE_TEST_POSTGRES_URL to run the demo on PostgreSQL");
    }
    int code = run(url);
    assertThat(code).as(out() + err).isZero();
    // H2 indexes every foreign key by itself; on PostgreSQL the two the schema leaves out show.
    assertThat(out())
        .contains("CREATE INDEX IF NOT EXISTS user_roles_user_id_idx ON user_roles (user_id)")
        .contains("CREATE INDEX IF NOT EXISTS users_organization_id_idx ON users (organization_id)")
        .contains("Same result: yes. Statements: 401 before, 2 after.");
  }

  @Test
  void unreachableDatabase_saysSoInOneLine() {
    int code = run("jdbc:postgresql://127.0.0.1:1/nowhere?user=x&connectTimeout=2");
    assertThat(code).isEqualTo(2);
    String e = err.toString(StandardCharsets.UTF_8);
    assertThat(e)
        .startsWith("nplusone demo: cannot connect to jdbc:postgresql://127.0.0.1:1/nowhere");
    assertThat(e.lines().count()).isEqualTo(1);
  }

  @Test
  void notAUrl_isRefusedWithAnExample() {
    assertThat(run("postgres://x")).isEqualTo(64);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("expected a JDBC URL such as jdbc:h2:mem:nplusone-demo");
  }
}
