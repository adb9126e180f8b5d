package dev.nplusone.spring;

import dev.nplusone.Finding;
import dev.nplusone.NPlusOne;
import dev.nplusone.NPlusOneListener;
import dev.nplusone.Suggestion;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Findings aggregated across requests, for the actuator endpoint: one entry per kind, normalized
 * SQL and call site, with how often it was reported, from which routes, and when first and last.
 * Holds at most {@link #MAX_ENTRIES} entries; the one seen least recently is evicted first. A
 * listener from the endpoint's initialization to context close, so nothing outlives its context.
 */
final class FindingStore implements NPlusOneListener {
  static final int MAX_ENTRIES = 500;
  static final int MAX_ROUTES = 20;

  private final int maxEntries;
  private final Clock clock;
  private final Map<Key, Entry> entries;
  private long evicted;

  FindingStore() {
    this(MAX_ENTRIES, Clock.systemUTC());
  }

  FindingStore(int maxEntries, Clock clock) {
    this.maxEntries = maxEntries;
    this.clock = clock;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
            if (size() > FindingStore.this.maxEntries) {
              evicted++;
              return true;
            }
            return false;
          }
        };
  }

  /** Starts listening. */
  void afterPropertiesSet() {
    NPlusOne.addListener(this);
  }

  /** Stops listening. */
  void destroy() {
    NPlusOne.removeListener(this);
  }

  @Override
  public void onFinding(Finding finding) {
    String route = Routes.current();
    if (route == null && !isDriverScope(finding.scopeName())) {
      route = finding.scopeName();
    }
    List<String> callSite = new ArrayList<>(finding.callSite().size());
    finding.callSite().forEach(e -> callSite.add(e.toString()));
    Key key = new Key(finding.kind(), finding.sql(), callSite);
    Instant now = clock.instant();
    synchronized (this) {
      Entry e = entries.get(key);
      if (e == null) {
        e = new Entry(key, now);
        entries.put(key, e);
      }
      e.occurrences++;
      e.executions += finding.executions();
      Suggestion suggestion = finding.suggestion();
      if (suggestion != null) {
        e.suggestion = suggestion;
      }
      e.lastSeen = now;
      if (route != null && (e.routes.size() < MAX_ROUTES || e.routes.contains(route))) {
        e.routes.add(route);
      }
    }
  }

  private static boolean isDriverScope(String name) {
    return "transaction".equals(name) || "implicit".equals(name);
  }

  /** A copy of the entries, most often reported first. */
  synchronized NPlusOneEndpoint.Report report() {
    List<NPlusOneEndpoint.Entry> list = new ArrayList<>(entries.size());
    for (Entry e : entries.values()) {
      list.add(
          new NPlusOneEndpoint.Entry(
              e.key.kind.name(),
              e.key.sql,
              e.occurrences,
              e.executions,
              e.key.callSite,
              List.copyOf(e.routes),
              e.firstSeen.toString(),
              e.lastSeen.toString(),
              fix(e.suggestion)));
    }
    list.sort(
        Comparator.comparingLong(NPlusOneEndpoint.Entry::occurrences)
            .reversed()
            .thenComparing(NPlusOneEndpoint.Entry::lastSeen, Comparator.reverseOrder()));
    return new NPlusOneEndpoint.Report(maxEntries, evicted, list);
  }

  private static NPlusOneEndpoint.Fix fix(Suggestion s) {
    return s == null
        ? null
        : new NPlusOneEndpoint.Fix(
            s.parentSql(),
            s.evidence().name(),
            s.joinRewrite(),
            s.batchRewrite(),
            s.ormHints(),
            s.indexes(),
            s.notes());
  }

  synchronized void reset() {
    entries.clear();
    evicted = 0;
  }

  private static final class Key {
    final Finding.Kind kind;
    final String sql;
    final List<String> callSite;

    Key(Finding.Kind kind, String sql, List<String> callSite) {
      this.kind = kind;
      this.sql = sql;
      this.callSite = List.copyOf(callSite);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key
          && ((Key) o).kind == kind
          && ((Key) o).sql.equals(sql)
          && ((Key) o).callSite.equals(callSite);
    }

    @Override
    public int hashCode() {
      return Objects.hash(kind, sql, callSite);
    }
  }

  private static final class Entry {
    final Key key;
    final Instant firstSeen;
    final Set<String> routes = new LinkedHashSet<>();
    Instant lastSeen;
    Suggestion suggestion;
    long occurrences;
    long executions;

    Entry(Key key, Instant now) {
      this.key = key;
      this.firstSeen = now;
      this.lastSeen = now;
    }
  }
}
