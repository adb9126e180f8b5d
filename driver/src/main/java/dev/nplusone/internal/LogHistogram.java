package dev.nplusone.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lock-free histogram of non-negative nanosecond values: log-linear buckets (eight per power of
 * two, so a percentile is at most 12.5 % above the true value) in one {@link AtomicLongArray}.
 * Recording is one atomic increment, plus a compare-and-set when a new maximum is seen.
 */
final class LogHistogram {
  /** Values below this are counted exactly. */
  private static final int LINEAR = 16;

  private static final int SUB_BITS = 3;
  private static final int SUB = 1 << SUB_BITS;
  static final int BUCKETS = LINEAR + (63 - 4) * SUB;

  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
  private final AtomicLong max = new AtomicLong();

  void record(long nanos) {
    long v = Math.max(0, nanos);
    counts.incrementAndGet(index(v));
    long m = max.get();
    while (v > m && !max.compareAndSet(m, v)) {
      m = max.get();
    }
  }

  static int index(long v) {
    if (v < LINEAR) {
      return (int) v;
    }
    int exp = 63 - Long.numberOfLeadingZeros(v);
    int sub = (int) (v >>> (exp - SUB_BITS)) & (SUB - 1);
    return LINEAR + (exp - 4) * SUB + sub;
  }

  /** The largest value that falls in bucket {@code i}. */
  static long upperBound(int i) {
    if (i < LINEAR) {
      return i;
    }
    int exp = (i - LINEAR) / SUB + 4;
    int sub = (i - LINEAR) % SUB;
    long lower = (long) (SUB + sub) << (exp - SUB_BITS);
    long width = 1L << (exp - SUB_BITS);
    return lower + width - 1 < 0 ? Long.MAX_VALUE : lower + width - 1;
  }

  /** A consistent-enough copy: counts read one by one while others may still record. */
  Snapshot snapshot() {
    long[] c = new long[BUCKETS];
    long total = 0;
    for (int i = 0; i < BUCKETS; i++) {
      c[i] = counts.get(i);
      total += c[i];
    }
    return new Snapshot(c, total, max.get());
  }

  /** Bucket counts at one moment. */
  static final class Snapshot {
    final long[] counts;
    final long count;
    final long max;

    Snapshot(long[] counts, long count, long max) {
      this.counts = counts;
      this.count = count;
      this.max = max;
    }

    /**
     * The value at or below which {@code fraction} of the values fall: the upper bound of the
     * bucket that holds it, never above the maximum seen; 0 when empty.
     */
    long percentile(double fraction) {
      if (count == 0) {
        return 0;
      }
      long rank = Math.max(1, (long) Math.ceil(fraction * count));
      long seen = 0;
      for (int i = 0; i < counts.length; i++) {
        seen += counts[i];
        if (seen >= rank) {
          return Math.min(upperBound(i), max);
        }
      }
      return max;
    }
  }
}
