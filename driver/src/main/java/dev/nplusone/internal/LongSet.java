package dev.nplusone.internal;

/**
 * A set of longs with open addressing, growing up to a bound; past it, new values are not kept and
 * {@link #saturated()} says the size is a lower bound.
 */
final class LongSet {
  private final int max;
  private long[] table = new long[8];
  private boolean hasZero;
  private int size;
  private boolean saturated;

  LongSet(int max) {
    this.max = max;
  }

  void add(long v) {
    if (saturated) {
      // Full: a value already in is not added again and a new one is not kept, so nothing changes.
      return;
    }
    if (v == 0) {
      if (!hasZero) {
        if (size >= max) {
          saturated = true;
          return;
        }
        hasZero = true;
        size++;
      }
      return;
    }
    long[] t = table;
    int mask = t.length - 1;
    int i = mix(v) & mask;
    while (true) {
      long k = t[i];
      if (k == v) {
        return;
      }
      if (k == 0) {
        break;
      }
      i = (i + 1) & mask;
    }
    if (size >= max) {
      saturated = true;
      return;
    }
    t[i] = v;
    size++;
    if (size * 2 > t.length) {
      grow();
    }
  }

  /** Whether {@code v} was added (and kept). */
  boolean contains(long v) {
    if (v == 0) {
      return hasZero;
    }
    long[] t = table;
    int mask = t.length - 1;
    for (int i = mix(v) & mask; ; i = (i + 1) & mask) {
      long k = t[i];
      if (k == v) {
        return true;
      }
      if (k == 0) {
        return false;
      }
    }
  }

  private void grow() {
    long[] old = table;
    long[] t = new long[old.length * 2];
    int mask = t.length - 1;
    for (long v : old) {
      if (v != 0) {
        int i = mix(v) & mask;
        while (t[i] != 0) {
          i = (i + 1) & mask;
        }
        t[i] = v;
      }
    }
    table = t;
  }

  static int mix(long v) {
    long h = v * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  int size() {
    return size;
  }

  boolean saturated() {
    return saturated;
  }

  /** Slots held, for bounds tests. */
  int capacity() {
    return table.length;
  }
}
