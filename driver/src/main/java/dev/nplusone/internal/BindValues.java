package dev.nplusone.internal;

import java.util.Arrays;
import java.util.Collection;

/** How bind values are hashed into an execution's value set, the same on every path. */
public final class BindValues {
  /** Stands for a value set with {@code setNull}. */
  public static final Object NULL = new Marker("NULL");

  /** Stands for a stream, reader or LOB, whose content is not read. */
  public static final Object STREAM = new Marker("<stream>");

  private static final long NULL_HASH = 0x9E3779B97F4A7C15L;

  private BindValues() {}

  /** Mixes the value at parameter position {@code index} (0-based) into {@code hash}. */
  public static long mix(long hash, int index, Object v) {
    long vh;
    if (v == null || v == NULL) {
      vh = NULL_HASH;
    } else if (v instanceof byte[]) {
      vh = Arrays.hashCode((byte[]) v);
    } else if (isMultiValued(v)) {
      vh = System.identityHashCode(v);
    } else {
      vh = objectHash(v);
    }
    return fold(hash, index, vh);
  }

  /**
   * A bind value's own hash, without the work or the failures some {@code hashCode}s bring: a
   * {@link java.net.URL}'s resolves its host name (a DNS lookup), so its text is hashed instead; an
   * application type whose {@code hashCode} throws is logged once and hashed by identity.
   */
  private static int objectHash(Object v) {
    if (v instanceof java.net.URL) {
      return ((java.net.URL) v).toExternalForm().hashCode();
    }
    try {
      return v.hashCode();
    } catch (RuntimeException e) {
      Failures.log("hashing a bind value of " + v.getClass().getName(), e);
      return System.identityHashCode(v);
    }
  }

  /**
   * The hash {@link #mix} takes of a value that is not {@linkplain #isMultiValued multi-valued}
   * (one set by a typed setter).
   */
  static long valueHash(Object v) {
    if (v == null || v == NULL) {
      return NULL_HASH;
    }
    if (v instanceof byte[]) {
      return Arrays.hashCode((byte[]) v);
    }
    return objectHash(v);
  }

  /** Folds the hash {@code vh} of the value at position {@code index} into {@code hash}. */
  static long fold(long hash, int index, long vh) {
    return (hash ^ vh) * 0x100000001B3L + index;
  }

  /** Whether one bind value carries several values: an array or a collection. */
  public static boolean isMultiValued(Object v) {
    return v instanceof java.sql.Array || v instanceof Object[] || v instanceof Collection;
  }

  private static final class Marker {
    private final String name;

    Marker(String name) {
      this.name = name;
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
