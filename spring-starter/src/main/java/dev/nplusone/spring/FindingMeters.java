package dev.nplusone.spring;

import dev.nplusone.Finding;
import dev.nplusone.NPlusOne;
import dev.nplusone.NPlusOneListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * The counter {@code nplusone.findings}, tagged by {@code kind} only (never SQL or route, which are
 * unbounded), in every registry it is bound to.
 */
final class FindingMeters
    implements MeterBinder, NPlusOneListener, InitializingBean, DisposableBean {
  static final String NAME = "nplusone.findings";

  private final List<Counter[]> counters = new CopyOnWriteArrayList<>();

  @Override
  public void bindTo(MeterRegistry registry) {
    Finding.Kind[] kinds = Finding.Kind.values();
    Counter[] byKind = new Counter[kinds.length];
    for (Finding.Kind kind : kinds) {
      byKind[kind.ordinal()] =
          Counter.builder(NAME)
              .description("Findings reported by nplusone")
              .tag("kind", kind.name())
              .register(registry);
    }
    counters.add(byKind);
  }

  @Override
  public void onFinding(Finding finding) {
    for (Counter[] byKind : counters) {
      byKind[finding.kind().ordinal()].increment();
    }
  }

  @Override
  public void afterPropertiesSet() {
    NPlusOne.addListener(this);
  }

  @Override
  public void destroy() {
    NPlusOne.removeListener(this);
  }
}
