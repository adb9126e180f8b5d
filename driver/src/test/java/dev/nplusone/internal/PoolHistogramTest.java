package dev.nplusone.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The lock-free log-linear histogram: bucket bounds and percentiles. */
class PoolHistogramTest {
  @Test
  void everyValueFallsInABucketAtMostOneEighthWide() {
    Random r = new Random(42);
    for (int i = 0; i < 100_000; i++) {
      long v = (r.nextLong() >>> 1) >>> r.nextInt(63);
      int idx = LogHistogram.index(v);
      assertThat(idx).isBetween(0, LogHistogram.BUCKETS - 1);
      long upper = LogHistogram.upperBound(idx);
      assertThat(upper).isGreaterThanOrEqualTo(v);
      long lower = idx == 0 ? 0 : LogHistogram.upperBound(idx - 1) + 1;
      assertThat(lower).isLessThanOrEqualTo(v);
      assertThat((double) (upper - lower)).isLessThanOrEqualTo(Math.max(1, lower / 8.0));
    }
    assertThat(LogHistogram.index(Long.MAX_VALUE)).isEqualTo(LogHistogram.BUCKETS - 1);
  }

  @Test
  void percentilesAreWithinOneEighthAboveTheTrueValue() {
    LogHistogram h = new LogHistogram();
    for (int ms = 1; ms <= 1000; ms++) {
      h.record(ms * 1_000_000L);
    }
    LogHistogram.Snapshot s = h.snapshot();
    assertThat(s.count).isEqualTo(1000);
    assertThat(s.max).isEqualTo(1_000_000_000L);
    assertThat(s.percentile(0.50)).isBetween(500_000_000L, 562_500_000L);
    assertThat(s.percentile(0.95)).isBetween(950_000_000L, 1_000_000_000L);
    assertThat(s.percentile(0.99)).isBetween(990_000_000L, 1_000_000_000L);
    assertThat(s.percentile(1.0)).isEqualTo(1_000_000_000L);
    assertThat(new LogHistogram().snapshot().percentile(0.5)).isZero();
  }
}
