package com.example.shop;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs PostgreSQL tests when {@code NPLUSONE_TEST_POSTGRES_URL} is set; skips them otherwise,
 * unless databases are required ({@code NPLUSONE_TEST_REQUIRE_DATABASES=true} or the system
 * property {@code nplusone.test.requireDatabases=true}, as in CI): then they run and fail.
 */
final class PostgresCondition implements ExecutionCondition {
  static final String URL_VARIABLE = "NPLUSONE_TEST_POSTGRES_URL";

  static String url() {
    String url = System.getenv(URL_VARIABLE);
    if (url == null || url.isBlank()) {
      throw new IllegalStateException(
          URL_VARIABLE + " is not set, and databases are required in this run");
    }
    return url;
  }

  static boolean required() {
    return "true".equalsIgnoreCase(System.getenv("NPLUSONE_TEST_REQUIRE_DATABASES"))
        || Boolean.getBoolean("nplusone.test.requireDatabases");
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String url = System.getenv(URL_VARIABLE);
    if ((url != null && !url.isBlank()) || required()) {
      return ConditionEvaluationResult.enabled("PostgreSQL configured or required");
    }
    return ConditionEvaluationResult.disabled(URL_VARIABLE + " not set");
  }
}
