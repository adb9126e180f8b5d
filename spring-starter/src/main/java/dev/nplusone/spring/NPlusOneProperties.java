package dev.nplusone.spring;

import dev.nplusone.NPlusOneProperty;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The options of nplusone as Spring Boot properties: one per {@link NPlusOneProperty}, under the
 * same key, plus the starter's own ({@code nplusone.enabled}, {@code nplusone.spring.*}). An option
 * left unset is not passed to the driver, so its system property, environment variable, {@code
 * nplusone.properties} or default applies as without Spring.
 */
@ConfigurationProperties("nplusone")
public class NPlusOneProperties {
  /**
   * Turns the starter off: false leaves every DataSource untouched, opens no request scope and
   * registers no endpoint or meters.
   */
  private boolean enabled = true;

  /**
   * What to do with a finding: 'log' writes one WARN per finding on the logger 'nplusone', 'throw'
   * also raises NPlusOneException, 'silent' only records it for the API, 'off' turns detection off
   * and leaves pure delegation.
   */
  private String mode;

  /**
   * Executions of one query shape, from one call site and with different values, that make an N+1
   * finding. At least 2.
   */
  private Integer threshold;

  /** The SQL dialect used to fingerprint statements; 'auto' picks it from the JDBC URL. */
  private String dialect;

  /**
   * Show bind values in logs and in Finding.exampleSql(), each cut at 200 characters. Off by
   * default: logs show normalized SQL only, since values can be personal data.
   */
  private Boolean logParameters;

  /**
   * Comma-separated regular expressions, matched (find) against the normalized SQL; a statement
   * that matches is never reported.
   */
  private List<String> ignoreSql;

  /**
   * Comma-separated regular expressions, matched (find) against each application frame of a call
   * site ('com.acme.Dao.load(Dao.java:42)'); a finding whose call site matches is never reported.
   */
  private List<String> ignoreCallSites;

  /**
   * Findings whose executions took less than this in total are not reported (e.g. '50ms', '1s',
   * 'PT0.05S'). 0 reports every finding.
   */
  private Duration minTotalDuration;

  /**
   * Remember, per thread in a fixed-size table, which result-set column key-like values (integers,
   * UUIDs, short strings) were read from, so an N+1 finding can name the query whose rows supplied
   * its values and suggest a JOIN. Only hashes are kept.
   */
  private Boolean valueCorrelation;

  private final CallSite callSite = new CallSite();

  private final Pool pool = new Pool();

  private final Suggest suggest = new Suggest();

  private final ScopeLimits scope = new ScopeLimits();

  private final ImplicitScope implicitScope = new ImplicitScope();

  private final FingerprintCache fingerprintCache = new FingerprintCache();

  private final Spring spring = new Spring();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getMode() {
    return mode;
  }

  public void setMode(String mode) {
    this.mode = mode;
  }

  public Integer getThreshold() {
    return threshold;
  }

  public void setThreshold(Integer threshold) {
    this.threshold = threshold;
  }

  public String getDialect() {
    return dialect;
  }

  public void setDialect(String dialect) {
    this.dialect = dialect;
  }

  public Boolean getLogParameters() {
    return logParameters;
  }

  public void setLogParameters(Boolean logParameters) {
    this.logParameters = logParameters;
  }

  public List<String> getIgnoreSql() {
    return ignoreSql;
  }

  public void setIgnoreSql(List<String> ignoreSql) {
    this.ignoreSql = ignoreSql;
  }

  public List<String> getIgnoreCallSites() {
    return ignoreCallSites;
  }

  public void setIgnoreCallSites(List<String> ignoreCallSites) {
    this.ignoreCallSites = ignoreCallSites;
  }

  public Duration getMinTotalDuration() {
    return minTotalDuration;
  }

  public void setMinTotalDuration(Duration minTotalDuration) {
    this.minTotalDuration = minTotalDuration;
  }

  public Boolean getValueCorrelation() {
    return valueCorrelation;
  }

  public void setValueCorrelation(Boolean valueCorrelation) {
    this.valueCorrelation = valueCorrelation;
  }

  public CallSite getCallSite() {
    return callSite;
  }

  public Pool getPool() {
    return pool;
  }

  public Suggest getSuggest() {
    return suggest;
  }

  public ScopeLimits getScope() {
    return scope;
  }

  public ImplicitScope getImplicitScope() {
    return implicitScope;
  }

  public FingerprintCache getFingerprintCache() {
    return fingerprintCache;
  }

  public Spring getSpring() {
    return spring;
  }

  /**
   * The options that are set, keyed as {@link NPlusOneProperty#key()}, valued as the driver parses
   * them; unset ones are left out.
   */
  Map<String, String> toOptions() {
    Map<String, String> o = new LinkedHashMap<>();
    put(o, NPlusOneProperty.MODE, getMode());
    put(o, NPlusOneProperty.THRESHOLD, str(getThreshold()));
    put(o, NPlusOneProperty.DIALECT, getDialect());
    put(o, NPlusOneProperty.LOG_PARAMETERS, str(getLogParameters()));
    put(o, NPlusOneProperty.IGNORE_SQL, join(getIgnoreSql()));
    put(o, NPlusOneProperty.IGNORE_CALL_SITES, join(getIgnoreCallSites()));
    put(o, NPlusOneProperty.MIN_TOTAL_DURATION, str(getMinTotalDuration()));
    put(o, NPlusOneProperty.CALL_SITE_INCLUDE_PACKAGES, join(callSite.getIncludePackages()));
    put(o, NPlusOneProperty.CALL_SITE_EXCLUDE_PACKAGES, join(callSite.getExcludePackages()));
    put(o, NPlusOneProperty.CALL_SITE_DEPTH, str(callSite.getDepth()));
    put(o, NPlusOneProperty.SCOPE_MAX_FINGERPRINTS, str(scope.getMaxFingerprints()));
    put(o, NPlusOneProperty.SCOPE_MAX_VALUE_SETS, str(scope.getMaxValueSets()));
    put(o, NPlusOneProperty.IMPLICIT_SCOPE_IDLE, str(implicitScope.getIdle()));
    put(o, NPlusOneProperty.IMPLICIT_SCOPE_MAX_STATEMENTS, str(implicitScope.getMaxStatements()));
    put(o, NPlusOneProperty.FINGERPRINT_CACHE_MAX_CHARS, str(fingerprintCache.getMaxChars()));
    put(
        o,
        NPlusOneProperty.FINGERPRINT_CACHE_MAX_STATEMENT_CHARS,
        str(fingerprintCache.getMaxStatementChars()));
    put(o, NPlusOneProperty.POOL_SLOW_ACQUIRE, str(pool.getSlowAcquire()));
    put(o, NPlusOneProperty.POOL_UTILIZATION_LIMIT, str(pool.getUtilizationLimit()));
    put(o, NPlusOneProperty.VALUE_CORRELATION, str(getValueCorrelation()));
    put(o, NPlusOneProperty.SUGGEST_METADATA, str(suggest.getMetadata()));
    return o;
  }

  private static void put(Map<String, String> o, NPlusOneProperty p, String value) {
    if (value != null) {
      o.put(p.key(), value);
    }
  }

  private static String str(Object value) {
    return value == null ? null : value.toString();
  }

  private static String join(List<String> values) {
    return values == null ? null : String.join(",", values);
  }

  /** Options under {@code nplusone.call-site}. */
  public static class CallSite {
    /**
     * Comma-separated package prefixes that always count as application frames in a call site, even
     * when they would be filtered as framework code.
     */
    private List<String> includePackages;

    /**
     * Comma-separated package prefixes left out of call sites, in addition to the JDK, JDBC
     * drivers, pools, Spring, Hibernate, proxies and nplusone itself.
     */
    private List<String> excludePackages;

    /** Application frames kept in a call site and used to group executions. */
    private Integer depth;

    public List<String> getIncludePackages() {
      return includePackages;
    }

    public void setIncludePackages(List<String> includePackages) {
      this.includePackages = includePackages;
    }

    public List<String> getExcludePackages() {
      return excludePackages;
    }

    public void setExcludePackages(List<String> excludePackages) {
      this.excludePackages = excludePackages;
    }

    public Integer getDepth() {
      return depth;
    }

    public void setDepth(Integer depth) {
      this.depth = depth;
    }
  }

  /** Options under {@code nplusone.scope}. */
  public static class ScopeLimits {
    /**
     * Distinct query shapes one scope tracks. Statements of further shapes are counted in the
     * scope's total but not analysed; the scope's report says how many were dropped.
     */
    private Integer maxFingerprints;

    /**
     * Distinct bind-value sets remembered per query shape and call site; beyond it the count is
     * reported as 'at least'.
     */
    private Integer maxValueSets;

    public Integer getMaxFingerprints() {
      return maxFingerprints;
    }

    public void setMaxFingerprints(Integer maxFingerprints) {
      this.maxFingerprints = maxFingerprints;
    }

    public Integer getMaxValueSets() {
      return maxValueSets;
    }

    public void setMaxValueSets(Integer maxValueSets) {
      this.maxValueSets = maxValueSets;
    }
  }

  /** Options under {@code nplusone.implicit-scope}. */
  public static class ImplicitScope {
    /**
     * Statements on one thread outside any explicit scope or transaction form an implicit scope
     * that ends after this much quiet time (or at 'implicit-scope.max-statements'), so a loop of
     * one pooled connection per row is caught without merging the unrelated work of a long-lived
     * thread.
     */
    private Duration idle;

    /** Statements after which an implicit scope is analysed and a new one begins. */
    private Integer maxStatements;

    public Duration getIdle() {
      return idle;
    }

    public void setIdle(Duration idle) {
      this.idle = idle;
    }

    public Integer getMaxStatements() {
      return maxStatements;
    }

    public void setMaxStatements(Integer maxStatements) {
      this.maxStatements = maxStatements;
    }
  }

  /** Options under {@code nplusone.fingerprint-cache}. */
  public static class FingerprintCache {
    /**
     * Upper bound of the fingerprint cache, in characters of raw SQL (about two bytes each). 0
     * disables the cache.
     */
    private Integer maxChars;

    /** Statements longer than this many characters are normalized every time and never cached. */
    private Integer maxStatementChars;

    public Integer getMaxChars() {
      return maxChars;
    }

    public void setMaxChars(Integer maxChars) {
      this.maxChars = maxChars;
    }

    public Integer getMaxStatementChars() {
      return maxStatementChars;
    }

    public void setMaxStatementChars(Integer maxStatementChars) {
      this.maxStatementChars = maxStatementChars;
    }
  }

  /** Options under {@code nplusone.pool}. */
  public static class Pool {
    /**
     * A scope whose longest wait for one pooled connection, while the pool was busy (threads
     * waiting or every connection in use), reaches this makes a SLOW_ACQUIRE finding.
     */
    private Duration slowAcquire;

    /**
     * Percent of the maximum pool size that the peak of connections in use may reach before a
     * POOL_UTILIZATION finding (reported once per pool); 80 is an acceptable limit, 70 a
     * production-ready target. 1 to 100.
     */
    private Integer utilizationLimit;

    public Duration getSlowAcquire() {
      return slowAcquire;
    }

    public void setSlowAcquire(Duration slowAcquire) {
      this.slowAcquire = slowAcquire;
    }

    public Integer getUtilizationLimit() {
      return utilizationLimit;
    }

    public void setUtilizationLimit(Integer utilizationLimit) {
      this.utilizationLimit = utilizationLimit;
    }
  }

  /** Options under {@code nplusone.suggest}. */
  public static class Suggest {
    /**
     * Let N+1 suggestions read foreign keys and indexes from DatabaseMetaData, once per table, on a
     * connection nplusone borrows for itself and returns at once.
     */
    private Boolean metadata;

    public Boolean getMetadata() {
      return metadata;
    }

    public void setMetadata(Boolean metadata) {
      this.metadata = metadata;
    }
  }

  /** Options of the starter itself, under {@code nplusone.spring}. */
  public static class Spring {
    /** Names of DataSource beans to leave unwrapped. */
    private List<String> excludeBeans = new ArrayList<>();

    /**
     * Open one scope per HTTP request, named by method and route pattern ('GET /owners/{id}'), in
     * servlet web applications.
     */
    private boolean requestScope = true;

    public List<String> getExcludeBeans() {
      return excludeBeans;
    }

    public void setExcludeBeans(List<String> excludeBeans) {
      this.excludeBeans = excludeBeans;
    }

    public boolean isRequestScope() {
      return requestScope;
    }

    public void setRequestScope(boolean requestScope) {
      this.requestScope = requestScope;
    }
  }
}
