package dev.nplusone.internal;

/**
 * Pool sizing advice that shows its inputs and its reasoning: two rules of thumb side by side,
 * never one magic number.
 */
public final class PoolAdvice {
  private PoolAdvice() {}

  /** The advice for the pool measured by {@code m}. */
  static String sizing(PoolMeter m) {
    if (m == null) {
      return "no pool figures";
    }
    return sizing(m.peakDemand(), m.maximumPoolSize(), Runtime.getRuntime().availableProcessors());
  }

  /**
   * The advice for a pool whose peak of concurrent borrowers (holding or waiting) was {@code
   * peakBorrowers}, configured with {@code maximumPoolSize} connections (-1 unknown), on a machine
   * of {@code cores} cores.
   */
  public static String sizing(int peakBorrowers, int maximumPoolSize, int cores) {
    long low = (peakBorrowers + 1) / 2;
    long high = (long) Math.ceil(peakBorrowers * 0.6);
    if (high <= low) {
      high = low + 1;
    }
    long hikari = cores * 2L + 1;
    return "inputs: peak of "
        + peakBorrowers
        + " concurrent borrowers (holding or waiting for a connection), maximum pool size "
        + (maximumPoolSize > 0 ? String.valueOf(maximumPoolSize) : "unknown")
        + ", "
        + cores
        + " cores. Rule of thumb (pool size = peak concurrent requests × 0.5 + buffer; 50 users"
        + " → 25–30 connections): "
        + peakBorrowers
        + " × 0.5 + buffer ≈ "
        + low
        + "–"
        + high
        + ". HikariCP's guidance (connections = core_count × 2 + effective_spindle_count, one"
        + " spindle assumed, SSDs count about 0): "
        + cores
        + " × 2 + 1 = "
        + hikari
        + ". The first sizes for the demand seen, the second for what the database can run at"
        + " once; when they disagree, the demand is the thing to shrink: N+1 loops hold each"
        + " connection for one round trip per row, so fix them before growing the pool.";
  }
}
