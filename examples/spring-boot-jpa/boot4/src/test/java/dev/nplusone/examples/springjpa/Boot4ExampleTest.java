package dev.nplusone.examples.springjpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nplusone.Finding;
import dev.nplusone.junit.AllowNPlusOne;
import dev.nplusone.junit.DetectNPlusOne;
import dev.nplusone.junit.ExpectStatements;
import dev.nplusone.junit.NPlusOneExtension;
import dev.nplusone.junit.StatementRecording;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The example's own sources on Spring Boot 4 and a real Tomcat: the requests are served on server
 * threads, so the extension counts every thread while a test runs.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:boot4-example;DB_CLOSE_DELAY=-1",
      "server.address=127.0.0.1",
      "example.seed.users=500"
    })
@DirtiesContext // nplusone's listeners are JVM-wide: no other app may stay open beside this one
@DetectNPlusOne(threads = NPlusOneExtension.Threads.ALL)
class Boot4ExampleTest {
  @Autowired Environment environment;

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    URI uri = URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path);
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void runsOnSpringBoot4() {
    assertThat(SpringBootVersion.getVersion()).startsWith("4.0.");
  }

  @Test
  @ExpectStatements(select = 2, total = 2)
  void fixedListingRunsTwoQueries() throws Exception {
    HttpResponse<String> response = get("/users/fixed?limit=30");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("\"organization\":\"Organization ")
        .contains("\"roles\":[");
  }

  @Test
  @AllowNPlusOne(reason = "the N+1 twin of the example: this test asserts that it is caught")
  void nPlusOneListingIsCaught(StatementRecording recording) throws Exception {
    assertThat(get("/users?limit=30").statusCode()).isEqualTo(200);
    assertThat(recording.findings())
        .filteredOn(f -> f.kind() == Finding.Kind.N_PLUS_ONE)
        .extracting(Finding::sql)
        .anySatisfy(sql -> assertThat(sql).contains("from user_roles"))
        .anySatisfy(sql -> assertThat(sql).contains("from organizations"));
  }

  @Test
  void actuatorEndpointIsExposed() throws Exception {
    HttpResponse<String> response = get("/actuator/nplusone");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"findings\"");
  }
}
