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
        .contains("Same result: yes");
    assertThat(out()).contains("listed " + Demo.LISTED + " users");
    assertThat(out().substring(out().indexOf("2) The JOIN version")))
        .contains("nplusone reported 0 finding(s)");
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
