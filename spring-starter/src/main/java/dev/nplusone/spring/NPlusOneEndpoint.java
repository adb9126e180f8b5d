package dev.nplusone.spring;

import java.util.List;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The actuator endpoint {@code nplusone}: findings aggregated since start or the last reset (read),
 * and a reset (delete).
 */
@Endpoint(id = "nplusone")
public class NPlusOneEndpoint implements InitializingBean, DisposableBean {
  private final FindingStore store;

  NPlusOneEndpoint(FindingStore store) {
    this.store = store;
  }

  /** Starts collecting findings. */
  @Override
  public void afterPropertiesSet() {
    store.afterPropertiesSet();
  }

  /** Stops collecting findings, when the context closes. */
  @Override
  public void destroy() {
    store.destroy();
  }

  FindingStore store() {
    return store;
  }

  /** The aggregated findings, most often reported first. */
  @ReadOperation
  public Report findings() {
    return store.report();
  }

  /** Forgets every aggregated finding. */
  @DeleteOperation
  public void reset() {
    store.reset();
  }

  /**
   * What the endpoint returns.
   *
   * @param maxEntries entries kept at most; beyond it the least recently seen is evicted
   * @param evicted entries evicted since start or the last reset
   * @param findings the entries
   */
  public record Report(int maxEntries, long evicted, List<Entry> findings) {}

  /**
   * One kind of repeated query from one call site.
   *
   * @param kind N_PLUS_ONE, DUPLICATE or PER_ROW_WRITE
   * @param sql the normalized SQL, no values
   * @param occurrences how many scopes reported it
   * @param executions the executions of those reports, summed
   * @param callSite the application frames, innermost first
   * @param routes the HTTP routes it was reported in, at most 20
   * @param firstSeen when it was first reported (ISO-8601)
   * @param lastSeen when it was last reported (ISO-8601)
   * @param suggestion the fix of the latest report of an N+1, or null
   */
  public record Entry(
      String kind,
      String sql,
      long occurrences,
      long executions,
      List<String> callSite,
      List<String> routes,
      String firstSeen,
      String lastSeen,
      Fix suggestion) {}

  /**
   * How to fix an N+1, from {@code Finding.suggestion()}: no values, only normalized SQL and
   * rewrites with markers.
   *
   * @param parentSql the query whose rows supplied the repeated query's values, or null
   * @param evidence how the parent was found: VALUE_CORRELATION, FOREIGN_KEY, NAMING or NONE
   * @param joinRewrite the parent with the repeated query LEFT JOINed, or null
   * @param batchRewrite the repeated query for all values at once, or null
   * @param ormHints JOIN FETCH, @EntityGraph, @BatchSize hints
   * @param indexes CREATE INDEX statements for unindexed lookup and foreign-key columns
   * @param notes why something is missing and how to bind
   */
  public record Fix(
      String parentSql,
      String evidence,
      String joinRewrite,
      String batchRewrite,
      List<String> ormHints,
      List<String> indexes,
      List<String> notes) {}
}
