package dev.nplusone.examples.springjpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.nplusone.Finding;
import dev.nplusone.junit.AllowNPlusOne;
import dev.nplusone.junit.DetectNPlusOne;
import dev.nplusone.junit.ExpectStatements;
import dev.nplusone.junit.StatementRecording;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Both listings through MockMvc, which runs the request on the test's thread, so the extension's
 * scope sees every statement: the fixed one passes {@link DetectNPlusOne} in two statements, the
 * N+1 one is caught (allowed here only to assert on what was found).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:endpoint-test;DB_CLOSE_DELAY=-1",
      "example.seed.users=500"
    })
@AutoConfigureMockMvc
@DirtiesContext // nplusone's listeners are JVM-wide: no other app may stay open beside this one
@DetectNPlusOne
class UsersEndpointTest {
  static final int PAGE = 40;

  @Autowired MockMvc mvc;
  @Autowired UserDirectory directory;
  @Autowired UserRepository users;
  @Autowired AuditLogRepository auditLogs;

  @BeforeEach
  void resetEndpoint() throws Exception {
    mvc.perform(delete("/actuator/nplusone")).andExpect(status().is2xxSuccessful());
  }

  @Test
  @ExpectStatements(select = 2, total = 2)
  void fixedListingRunsTwoQueriesWhateverThePageSize() throws Exception {
    mvc.perform(get("/users/fixed").param("limit", String.valueOf(PAGE)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(PAGE))
        .andExpect(jsonPath("$[0].organization").isString())
        .andExpect(jsonPath("$[0].roles").isNotEmpty());
  }

  @Test
  @AllowNPlusOne(reason = "the N+1 twin of the example: this test asserts that it is caught")
  void nPlusOneListingIsCaughtOnBothLazyAssociations(StatementRecording recording)
      throws Exception {
    mvc.perform(get("/users").param("limit", String.valueOf(PAGE)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(PAGE));

    assertThat(recording.findings())
        .filteredOn(f -> f.kind() == Finding.Kind.N_PLUS_ONE)
        .extracting(Finding::sql)
        .anySatisfy(sql -> assertThat(sql).contains("from user_roles"))
        .anySatisfy(sql -> assertThat(sql).contains("from organizations"));
    assertThat(recording.findings())
        .filteredOn(f -> f.sql().contains("from user_roles"))
        .singleElement()
        .satisfies(f -> assertThat(f.executions()).isEqualTo(PAGE))
        .satisfies(
            f -> {
              // The fix nplusone suggests: the page's query as the parent, one query over all the
              // keys. (No index advice on H2: it indexes every foreign key by itself.)
              assertThat(f.suggestion().parentSql()).contains("from users");
              assertThat(f.suggestion().batchRewrite()).containsIgnoringCase("from user_roles");
            })
        .satisfies(
            f ->
                assertThat(f.callSite().get(0).getClassName())
                    .isEqualTo(UserDirectory.class.getName()));
    // 1 page query, 1 roles query per user, 1 query per distinct organization
    assertThat(recording.count(StatementRecording.Kind.SELECT)).isGreaterThan(PAGE + 1);
  }

  @Test
  @AllowNPlusOne(reason = "compares the N+1 listing with its fix")
  void bothListingsReturnTheSameUsers() {
    assertThat(directory.listFixed(PAGE)).isEqualTo(directory.listWithNPlusOne(PAGE));
    assertThat(directory.listFixed(PAGE))
        .hasSize(PAGE)
        .extracting(UserView::roles)
        .doesNotContain(java.util.List.of());
  }

  @Test
  @AllowNPlusOne(reason = "the endpoint must have a finding to show")
  void actuatorEndpointShowsTheFindingWithItsRoute() throws Exception {
    mvc.perform(get("/users").param("limit", "10")).andExpect(status().isOk());
    mvc.perform(get("/actuator/nplusone"))
        .andExpect(status().isOk())
        .andExpect(
            jsonPath("$.findings[?(@.sql =~ /.*from user_roles.*/)].routes[0]")
                .value(org.hamcrest.Matchers.contains("GET /users")));
  }

  @Test
  void badLimitIsABadRequest() throws Exception {
    mvc.perform(get("/users/fixed").param("limit", "0")).andExpect(status().isBadRequest());
    mvc.perform(get("/users").param("limit", "1001")).andExpect(status().isBadRequest());
  }

  @Test
  void seedIsLoadedWithRolesAndAuditLogs() {
    assertThat(users.count()).isEqualTo(500);
    assertThat(auditLogs.count()).isEqualTo(1000);
  }
}
