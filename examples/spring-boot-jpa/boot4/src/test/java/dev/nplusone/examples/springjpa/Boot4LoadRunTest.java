package dev.nplusone.examples.springjpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The load run on Spring Boot 4: a short smoke run of both endpoints. */
class Boot4LoadRunTest {
  @Test
  void measuresBothEndpointsWithNoErrorsAfterTheFix() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<LoadRun.Phase> phases = new ArrayList<>();
    int code =
        LoadRun.run(
            new String[] {
              "--clients=4",
              "--seconds=2",
              "--limit=50",
              "--spring.datasource.url=jdbc:h2:mem:boot4-loadrun;DB_CLOSE_DELAY=-1",
              "--example.seed.users=1000"
            },
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            phases::addAll);

    assertThat(code).as("exit code; stderr: %s", err).isZero();
    assertThat(phases).hasSize(2);
    assertThat(phases).allSatisfy(p -> assertThat(p.requests()).isPositive());
    assertThat(phases.get(0).findingsByKind()).containsKey("N_PLUS_ONE");
    assertThat(phases.get(1).errors()).isZero();
    assertThat(phases.get(1).findingsByKind()).doesNotContainKey("N_PLUS_ONE");
    assertThat(phases).allSatisfy(p -> assertThat(p.poolStats().acquires()).isPositive());
  }
}
