package dev.nplusone.examples.springjpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** The load run, short: it measures both endpoints, and it says clearly what went wrong. */
class LoadRunTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final List<LoadRun.Phase> phases = new ArrayList<>();

  private int run(String... args) {
    return LoadRun.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        phases::addAll);
  }

  @Test
  void measuresBothEndpointsWithNoErrorsAfterTheFix() {
    int code =
        run(
            "--clients=4",
            "--seconds=2",
            "--limit=50",
            "--spring.datasource.url=jdbc:h2:mem:loadrun-test;DB_CLOSE_DELAY=-1",
            "--example.seed.users=1000");

    assertThat(code).as("exit code; stderr: %s", err).isZero();
    assertSmokeRun();
  }

  /**
   * As the other PostgreSQL tests of the project: run when {@code NPLUSONE_TEST_POSTGRES_URL} is
   * set, or when databases are required (as in CI), so that a missing database fails the run.
   */
  static boolean postgresConfiguredOrRequired() {
    String url = System.getenv("NPLUSONE_TEST_POSTGRES_URL");
    return (url != null && !url.isBlank())
        || "true".equalsIgnoreCase(System.getenv("NPLUSONE_TEST_REQUIRE_DATABASES"))
        || Boolean.getBoolean("nplusone.test.requireDatabases");
  }

  @Test
  @EnabledIf("postgresConfiguredOrRequired")
  void measuresBothEndpointsOnPostgres() {
    int code =
        run(
            "--clients=4",
            "--seconds=2",
            "--limit=50",
            "--spring.profiles.active=postgres",
            "--example.seed.users=1000");

    assertThat(code).as("exit code; stderr: %s", err).isZero();
    assertSmokeRun();
  }

  private void assertSmokeRun() {
    assertThat(phases).hasSize(2);
    LoadRun.Phase before = phases.get(0);
    LoadRun.Phase after = phases.get(1);
    assertThat(before.path()).isEqualTo("/users");
    assertThat(after.path()).isEqualTo("/users/fixed");
    for (LoadRun.Phase p : phases) {
      assertThat(p.requests()).isPositive();
      assertThat(p.p50Micros()).isPositive();
      assertThat(p.p95Micros()).isGreaterThanOrEqualTo(p.p50Micros());
      assertThat(p.p99Micros()).isGreaterThanOrEqualTo(p.p95Micros());
      assertThat(p.throughput()).isPositive();
      assertThat(p.hikari()).isNotNull();
      assertThat(p.hikari().maximumPoolSize()).isEqualTo(10);
      assertThat(p.poolStats().tracked()).isTrue();
      assertThat(p.poolStats().acquires()).isGreaterThanOrEqualTo(p.requests());
      assertThat(p.poolStats().maximumPoolSize()).isEqualTo(10);
    }
    assertThat(after.errors()).isZero();
    assertThat(before.findingsByKind()).containsKey("N_PLUS_ONE");
    // Pool findings (a slow acquire) may come with the load; an N+1 may not.
    assertThat(after.findingsByKind()).doesNotContainKey("N_PLUS_ONE");
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("GET /users ")
        .contains("GET /users/fixed")
        .contains("p95 ms")
        .contains("Connection pool (datasource):")
        .contains("fix (batch):");
  }

  @Test
  void unreachableUrlIsOneClearLine() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    int code = run("--url=http://127.0.0.1:" + port, "--seconds=1");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "nplusone load run: cannot reach http://127.0.0.1:"
                + port
                + ": connection refused"
                + System.lineSeparator());
    assertThat(phases).isEmpty();
  }

  @Test
  void databaseDownStopsTheAppWithOneClearLine() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    int code =
        run(
            "--seconds=1",
            "--spring.profiles.active=postgres",
            "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + port + "/test?user=postgres");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("nplusone load run: the app did not start: ")
        .contains("127.0.0.1:" + port)
        .hasLineCount(1);
  }

  @Test
  void badOptionsAreAUsageError() {
    assertThat(run("--clients=0")).isEqualTo(64);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--clients must be a whole number from 1 to 1000, got '0'")
        .contains("usage: LoadRun");
  }

  @Test
  void percentileIsNearestRank() {
    long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertThat(LoadRun.percentile(sorted, 50)).isEqualTo(5);
    assertThat(LoadRun.percentile(sorted, 95)).isEqualTo(10);
    assertThat(LoadRun.percentile(new long[0], 99)).isZero();
  }
}
