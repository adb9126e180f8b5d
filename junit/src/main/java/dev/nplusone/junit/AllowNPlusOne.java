package dev.nplusone.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets the annotated test, or every test of the annotated class, run repeated queries without
 * failing; statement budgets still apply.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AllowNPlusOne {
  /** Why the repetition is acceptable here, for the next reader; must not be blank. */
  String reason();
}
