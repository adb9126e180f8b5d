package dev.nplusone.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A statement budget for the test body: exact counts, or maxima that let the count fall without
 * editing the test; {@code -1}, the default, leaves a count unchecked. On a method it replaces one
 * on the class. Needs {@link DetectNPlusOne} or a registered {@link NPlusOneExtension}.
 *
 * <p>A JDBC batch counts as one statement; statements are classified by their first keyword ({@code
 * WITH} counts as a SELECT, {@code MERGE}, {@code CALL} and DDL as other kinds, counted only in the
 * totals).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ExpectStatements {
  /** The exact number of SELECT statements. */
  int select() default -1;

  /** The exact number of INSERT statements. */
  int insert() default -1;

  /** The exact number of UPDATE statements. */
  int update() default -1;

  /** The exact number of DELETE statements. */
  int delete() default -1;

  /** The exact number of statements of every kind. */
  int total() default -1;

  /** The most SELECT statements allowed. */
  int maxSelect() default -1;

  /** The most INSERT statements allowed. */
  int maxInsert() default -1;

  /** The most UPDATE statements allowed. */
  int maxUpdate() default -1;

  /** The most DELETE statements allowed. */
  int maxDelete() default -1;

  /** The most statements of every kind allowed. */
  int maxTotal() default -1;
}
