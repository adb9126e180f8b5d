package com.example.boot4;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.nplusone.Finding;
import dev.nplusone.NPlusOne;
import dev.nplusone.NPlusOneListener;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The starter, compiled against Spring Boot 3.5, in a Spring Boot 4 web app on a real Tomcat: the
 * DataSource is wrapped, each request is a scope named by its route, the finding carries the
 * controller's line, the endpoint and the meters have it, Hikari metrics are still there.
 */
@SpringBootTest(
    classes = Boot4Application.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:boot4;DB_CLOSE_DELAY=-1",
      "spring.datasource.hikari.pool-name=boot4",
      "spring.jpa.hibernate.ddl-auto=create-drop",
      "spring.jpa.open-in-view=true",
      "management.endpoints.web.exposure.include=nplusone,metrics",
      "nplusone.ignore-sql=^insert "
    })
class Boot4StarterTest {
  static final int PLAYERS = 4;

  @Autowired Environment environment;
  @Autowired DataSource dataSource;
  @Autowired MeterRegistry meters;
  @Autowired PlayerRepository players;
  @Autowired TeamRepository teams;
  @Autowired TransactionTemplate tx;

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Finding> findings = new CopyOnWriteArrayList<>();
  private final NPlusOneListener listener = findings::add;

  @BeforeEach
  void setUp() {
    tx.executeWithoutResult(
        s -> {
          if (players.count() == 0) {
            for (int i = 1; i <= PLAYERS; i++) {
              players.save(new Player("player " + i, teams.save(new Team("team " + i))));
            }
          }
        });
    NPlusOne.addListener(listener);
  }

  @AfterEach
  void tearDown() {
    NPlusOne.removeListener(listener);
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    String port = environment.getProperty("local.server.port");
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** The scope closes after the response is written: wait for the listener a little. */
  private List<Finding> awaitFindings(int count) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (findings.size() < count && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    Thread.sleep(100);
    return List.copyOf(findings);
  }

  @Test
  void runsOnSpringBoot4() {
    assertThat(SpringBootVersion.getVersion()).startsWith("4.0.");
  }

  @Test
  void theDataSourceIsWrappedAndHikariMetricsAreStillThere() throws Exception {
    assertThat(dataSource.getClass().getName()).isEqualTo("dev.nplusone.internal.ProxyDataSource");
    assertThat(dataSource.unwrap(HikariDataSource.class).getPoolName()).isEqualTo("boot4");
    assertThat(meters.find("hikaricp.connections").tag("pool", "boot4").gauge()).isNotNull();
    assertThat(send("GET", "/actuator/metrics/hikaricp.connections").statusCode()).isEqualTo(200);
  }

  @Test
  void anNPlusOneIsReportedWithTheRouteAndTheControllerLine() throws Exception {
    double before = meters.get("nplusone.findings").tag("kind", "N_PLUS_ONE").counter().count();
    assertThat(send("DELETE", "/actuator/nplusone").statusCode()).isBetween(200, 204);

    HttpResponse<String> response = send("GET", "/leagues/east/players");
    assertThat(response.statusCode()).isEqualTo(200);

    List<Finding> found = awaitFindings(1);
    assertThat(found).hasSize(1);
    Finding f = found.get(0);
    assertThat(f.kind()).isEqualTo(Finding.Kind.N_PLUS_ONE);
    assertThat(f.scopeName()).isEqualTo("GET /leagues/{league}/players");
    assertThat(f.executions()).isEqualTo(PLAYERS);
    assertThat(f.callSite()).isNotEmpty();
    assertThat(f.callSite().get(0).getClassName()).isEqualTo(PlayerController.class.getName());
    assertThat(f.callSite().get(0).getLineNumber()).isEqualTo(line("BOOT4-N+1"));
    assertThat(f.callSite())
        .allSatisfy(e -> assertThat(e.getClassName()).startsWith("com.example."));

    assertThat(meters.get("nplusone.findings").tag("kind", "N_PLUS_ONE").counter().count())
        .isEqualTo(before + 1);
    HttpResponse<String> endpoint = send("GET", "/actuator/nplusone");
    assertThat(endpoint.statusCode()).isEqualTo(200);
    assertThat(endpoint.body())
        .contains("\"kind\":\"N_PLUS_ONE\"")
        .contains("\"routes\":[\"GET /leagues/{league}/players\"]")
        .contains("PlayerController.list(PlayerController.java:" + line("BOOT4-N+1") + ")");
  }

  @Test
  void theJoinFetchTwinIsNotReported() throws Exception {
    assertThat(send("GET", "/leagues/east/players/fetched").statusCode()).isEqualTo(200);
    assertThat(awaitFindings(1)).isEmpty();
  }

  private static int line(String marker) throws Exception {
    List<String> lines =
        Files.readAllLines(Path.of("src/test/java/com/example/boot4/PlayerController.java"));
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("// " + marker)) {
        return i + 1;
      }
    }
    throw new AssertionError(marker);
  }
}
