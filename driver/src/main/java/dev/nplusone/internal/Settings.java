package dev.nplusone.internal;

import dev.nplusone.NPlusOneProperty;
import java.util.List;
import java.util.regex.Pattern;

/** The detection options of one configuration, read once into fields the hot path can use. */
final class Settings {
  final Config.Mode mode;
  final int threshold;
  final boolean logParameters;
  final List<Pattern> ignoreSql;
  final List<Pattern> ignoreCallSites;
  final long minTotalNanos;
  final CallSite.Rules rules;
  final int maxFingerprints;
  final int maxValueSets;
  final long idleNanos;
  final int maxStatements;
  final long slowAcquireNanos;
  final int utilizationLimit;

  Settings(Config c) {
    mode = c.mode();
    threshold = c.threshold();
    logParameters = c.logParameters();
    ignoreSql = c.patterns(NPlusOneProperty.IGNORE_SQL);
    ignoreCallSites = c.patterns(NPlusOneProperty.IGNORE_CALL_SITES);
    minTotalNanos = c.duration(NPlusOneProperty.MIN_TOTAL_DURATION).toNanos();
    rules =
        CallSite.Rules.of(
            c.list(NPlusOneProperty.CALL_SITE_INCLUDE_PACKAGES),
            c.list(NPlusOneProperty.CALL_SITE_EXCLUDE_PACKAGES),
            c.intValue(NPlusOneProperty.CALL_SITE_DEPTH));
    maxFingerprints = c.intValue(NPlusOneProperty.SCOPE_MAX_FINGERPRINTS);
    maxValueSets = c.intValue(NPlusOneProperty.SCOPE_MAX_VALUE_SETS);
    idleNanos = c.duration(NPlusOneProperty.IMPLICIT_SCOPE_IDLE).toNanos();
    maxStatements = c.intValue(NPlusOneProperty.IMPLICIT_SCOPE_MAX_STATEMENTS);
    slowAcquireNanos = c.duration(NPlusOneProperty.POOL_SLOW_ACQUIRE).toNanos();
    utilizationLimit = c.intValue(NPlusOneProperty.POOL_UTILIZATION_LIMIT);
  }
}
