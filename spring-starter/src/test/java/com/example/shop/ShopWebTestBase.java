package com.example.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariDataSource;
import dev.nplusone.Finding;
import dev.nplusone.NPlusOne;
import dev.nplusone.NPlusOneListener;
import dev.nplusone.internal.ProxyDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The shop app with the starter: one N+1 per request, reported with its route and the line of the
 * controller; its JOIN FETCH twin clean; requests counted apart; endpoint, meters and Hikari
 * metrics there. Subclasses choose the database.
 */
@SpringBootTest(
    classes = ShopApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {
      "spring.jpa.hibernate.ddl-auto=create-drop",
      "spring.jpa.open-in-view=true",
      "management.endpoints.web.exposure.include=nplusone,metrics,health",
      "spring.datasource.hikari.pool-name=shop"
    })
@AutoConfigureMockMvc
@DirtiesContext // listeners are JVM-wide: no other app context may stay open beside this one
abstract class ShopWebTestBase {
  static final int OWNERS = 5;

  @Autowired MockMvc mvc;
  @Autowired DataSource dataSource;
  @Autowired MeterRegistry meters;
  @Autowired OwnerRepository owners;
  @Autowired OrganizationRepository organizations;
  @Autowired TransactionTemplate tx;

  final List<Finding> findings = new CopyOnWriteArrayList<>();
  private final NPlusOneListener listener = findings::add;
  private ListAppender<ILoggingEvent> log;

  @BeforeEach
  void setUp() throws Exception {
    tx.executeWithoutResult(
        s -> {
          if (owners.count() == 0) {
            for (int i = 1; i <= OWNERS; i++) {
              Organization org = organizations.save(new Organization("org " + i));
              owners.save(new Owner("owner " + i, org));
            }
          }
        });
    mvc.perform(delete("/actuator/nplusone")).andExpect(status().is2xxSuccessful());
    NPlusOne.addListener(listener);
    log = new ListAppender<>();
    log.start();
    ((Logger) LoggerFactory.getLogger("nplusone")).addAppender(log);
  }

  @AfterEach
  void tearDown() {
    ((Logger) LoggerFactory.getLogger("nplusone")).detachAppender(log);
    NPlusOne.removeListener(listener);
  }

  @Test
  void nPlusOneIsReportedOncePerRequestWithRouteAndControllerLine() throws Exception {
    mvc.perform(get("/owners"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(OWNERS));

    assertThat(findings).hasSize(1);
    Finding f = findings.get(0);
    assertThat(f.kind()).isEqualTo(Finding.Kind.N_PLUS_ONE);
    assertThat(f.scopeName()).isEqualTo("GET /owners");
    assertThat(f.executions()).isEqualTo(OWNERS);
    assertThat(f.sql()).contains("sb_organization");
    StackTraceElement top = f.callSite().get(0);
    assertThat(top.getClassName()).isEqualTo(OwnerController.class.getName());
    assertThat(top.getLineNumber())
        .isEqualTo(SourceLines.line("OwnerController.java", "CONTROLLER-N+1"));
    assertThat(f.callSite())
        .noneSatisfy(e -> assertThat(e.getClassName()).startsWith("dev.nplusone.spring."))
        .noneSatisfy(e -> assertThat(e.getClassName()).startsWith("org.apache."));

    List<ILoggingEvent> warns = log.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
    assertThat(warns).hasSize(1);
    assertThat(warns.get(0).getFormattedMessage())
        .contains("in scope 'GET /owners'")
        .contains("OwnerController.list(OwnerController.java:");
  }

  @Test
  void routePatternNamesTheScopeNotTheUri() throws Exception {
    mvc.perform(get("/owners/42/neighbours")).andExpect(status().isOk());
    assertThat(findings)
        .singleElement()
        .extracting(Finding::scopeName)
        .isEqualTo("GET /owners/{id}/neighbours");
  }

  @Test
  void joinFetchTwinIsNotReported() throws Exception {
    mvc.perform(get("/owners/fetched"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(OWNERS));
    assertThat(findings).isEmpty();
  }

  @Test
  void twoRequestsDoNotAddUp() throws Exception {
    mvc.perform(get("/owners")).andExpect(status().isOk());
    mvc.perform(get("/owners")).andExpect(status().isOk());
    assertThat(findings).hasSize(2).allSatisfy(f -> assertThat(f.executions()).isEqualTo(OWNERS));
  }

  @Test
  void transactionalServiceIsReportedByItsTransactionWithTheRouteInTheEndpoint() throws Exception {
    mvc.perform(get("/owners/in-transaction")).andExpect(status().isOk());
    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.scopeName()).isEqualTo("transaction");
              assertThat(f.executions()).isEqualTo(OWNERS);
              assertThat(f.callSite().get(0).getLineNumber())
                  .isEqualTo(SourceLines.line("OwnerService.java", "SERVICE-N+1"));
            });
    mvc.perform(get("/actuator/nplusone"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.findings.length()").value(1))
        .andExpect(jsonPath("$.findings[0].routes[0]").value("GET /owners/in-transaction"));
  }

  @Test
  void endpointAggregatesAcrossRequestsAndResets() throws Exception {
    for (int i = 0; i < 2; i++) { // one line: the test's frame is part of the call site
      mvc.perform(get("/owners")).andExpect(status().isOk());
    }
    mvc.perform(get("/actuator/nplusone"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.maxEntries").value(500))
        .andExpect(jsonPath("$.findings.length()").value(1))
        .andExpect(jsonPath("$.findings[0].kind").value("N_PLUS_ONE"))
        .andExpect(jsonPath("$.findings[0].occurrences").value(2))
        .andExpect(jsonPath("$.findings[0].executions").value(2 * OWNERS))
        .andExpect(jsonPath("$.findings[0].routes[0]").value("GET /owners"))
        .andExpect(jsonPath("$.findings[0].sql").value(findings.get(0).sql()))
        .andExpect(
            jsonPath("$.findings[0].callSite[0]")
                .value(findings.get(0).callSite().get(0).toString()))
        .andExpect(jsonPath("$.findings[0].firstSeen").isNotEmpty())
        .andExpect(jsonPath("$.findings[0].lastSeen").isNotEmpty())
        .andExpect(
            jsonPath("$.findings[0].suggestion.parentSql")
                .value(findings.get(0).suggestion().parentSql()))
        .andExpect(
            jsonPath("$.findings[0].suggestion.batchRewrite")
                .value(findings.get(0).suggestion().batchRewrite()))
        .andExpect(jsonPath("$.findings[0].suggestion.batchRewrite").isNotEmpty())
        .andExpect(jsonPath("$.findings[0].suggestion.ormHints").isNotEmpty());
    mvc.perform(delete("/actuator/nplusone")).andExpect(status().is2xxSuccessful());
    mvc.perform(get("/actuator/nplusone")).andExpect(jsonPath("$.findings.length()").value(0));
  }

  @Test
  void findingsAreCountedByKindAndHikariMetricsAreStillThere() throws Exception {
    double before = meters.get("nplusone.findings").tag("kind", "N_PLUS_ONE").counter().count();
    mvc.perform(get("/owners")).andExpect(status().isOk());
    assertThat(meters.get("nplusone.findings").tag("kind", "N_PLUS_ONE").counter().count())
        .isEqualTo(before + 1);
    assertThat(meters.get("nplusone.findings").meters())
        .allSatisfy(m -> assertThat(m.getId().getTags()).extracting("key").containsExactly("kind"));
    assertThat(meters.find("hikaricp.connections").tag("pool", "shop").gauge()).isNotNull();
    assertThat(meters.find("jdbc.connections.max").gauge()).isNotNull();
    mvc.perform(get("/actuator/metrics/hikaricp.connections")).andExpect(status().isOk());
  }

  @Test
  void theDataSourceIsWrappedAndUnwrapsToHikari() throws Exception {
    assertThat(dataSource).isInstanceOf(ProxyDataSource.class);
    assertThat(dataSource.unwrap(HikariDataSource.class).getPoolName()).isEqualTo("shop");
  }
}
