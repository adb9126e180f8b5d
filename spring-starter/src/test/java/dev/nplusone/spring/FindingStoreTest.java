package dev.nplusone.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nplusone.Finding;
import dev.nplusone.NPlusOne;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class FindingStoreTest {
  private final DataSource ds = NPlusOne.wrap(H2.dataSource("store"));

  @Test
  void aggregatesByKindSqlAndCallSiteAndEvictsTheLeastRecentlySeen() throws Exception {
    Finding a = H2.nPlusOne(ds, "a").get(0);
    Finding b = H2.nPlusOne(ds, "b").get(0);
    Finding c = H2.nPlusOne(ds, "c").get(0);
    FindingStore store = new FindingStore(2, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    store.onFinding(a);
    store.onFinding(b);
    store.onFinding(a); // a is now the most recently seen
    store.onFinding(c); // evicts b

    NPlusOneEndpoint.Report report = store.report();
    assertThat(report.maxEntries()).isEqualTo(2);
    assertThat(report.evicted()).isEqualTo(1);
    assertThat(report.findings())
        .extracting(NPlusOneEndpoint.Entry::sql)
        .containsExactly(a.sql(), c.sql());
    NPlusOneEndpoint.Entry first = report.findings().get(0);
    assertThat(first.occurrences()).isEqualTo(2);
    assertThat(first.executions()).isEqualTo(6);
    assertThat(first.kind()).isEqualTo("N_PLUS_ONE");
    assertThat(first.routes()).containsExactly("test a");
    assertThat(first.firstSeen()).isEqualTo("1970-01-01T00:00:00Z");

    store.reset();
    assertThat(store.report().findings()).isEmpty();
    assertThat(store.report().evicted()).isZero();
  }

  @Test
  void routesComeFromTheCurrentRequestAndAreBounded() throws Exception {
    Finding a = H2.nPlusOne(ds, "r").get(0);
    FindingStore store = new FindingStore();
    for (int i = 0; i < FindingStore.MAX_ROUTES + 5; i++) {
      String route = "GET /r/" + i;
      var previous = Routes.set(() -> route);
      try {
        store.onFinding(a);
      } finally {
        Routes.restore(previous);
      }
    }
    List<String> routes = store.report().findings().get(0).routes();
    assertThat(routes).hasSize(FindingStore.MAX_ROUTES).startsWith("GET /r/0");
    assertThat(Routes.current()).isNull();
  }
}
