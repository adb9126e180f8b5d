package dev.nplusone.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails each test, of the annotated class or the annotated method, whose body runs a repeated query
 * (an N+1, a duplicate or a per-row write) or breaks its {@link ExpectStatements} budget.
 *
 * <p>Only the test body counts: a scope opens after {@code @BeforeEach} methods and closes before
 * {@code @AfterEach} ones. Findings listed in the baseline file, and tests or classes annotated
 * {@link AllowNPlusOne}, do not fail. Use it or a {@code @RegisterExtension} field made with {@link
 * NPlusOneExtension#builder()}, not both.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(NPlusOneExtension.class)
public @interface DetectNPlusOne {
  /**
   * Whose statements count: only the test's thread (the default), or every thread while the test
   * runs, such as a server thread behind an HTTP call or {@code @Async} work.
   */
  NPlusOneExtension.Threads threads() default NPlusOneExtension.Threads.CURRENT;

  /**
   * The baseline file of known findings that do not fail; empty for the configuration parameter or
   * system property {@code nplusone.baseline}, else {@code nplusone-baseline.txt} in the working
   * directory.
   */
  String baseline() default "";
}
