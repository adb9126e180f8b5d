package dev.nplusone.internal;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * Pool-wide figures of one DataSource (or one HikariCP pool over {@code jdbc:nplusone:}): acquire
 * and hold histograms, timeouts, connections in use and threads waiting with their peaks.
 * Lock-free: a checkout costs a handful of atomic operations and allocates nothing.
 *
 * <p>Connections in use are counted when our wrapper is handed out and uncounted before the wrapper
 * gives the connection back, so the count never exceeds the pool's own active count.
 */
public final class PoolMeter {
  /** Where the figures come from: our wrapping DataSource. */
  public static final String DATASOURCE = "datasource";

  /** Where the figures come from: {@code NPlusOneHikariMetrics} in a HikariCP pool. */
  public static final String HIKARI_METRICS = "hikari-metrics";

  private final String source;
  private volatile LongSupplier ticker = System::nanoTime;
  private final LogHistogram acquire = new LogHistogram();
  private final LogHistogram hold = new LogHistogram();
  private final LongAdder timeouts = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final AtomicInteger inUse = new AtomicInteger();
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicInteger peakInUse = new AtomicInteger();
  private final AtomicInteger peakWaiting = new AtomicInteger();
  private final AtomicInteger peakDemand = new AtomicInteger();
  final AtomicBoolean utilizationReported = new AtomicBoolean();

  /**
   * Clock reading when every connection was last out (HikariCP path); tells waits from connects.
   */
  private volatile long lastSaturationEnd = Long.MIN_VALUE / 2;

  /** Live figures of the pool under us (HikariCP's MXBeans), resolved once; null when none. */
  private volatile PoolLive live;

  private volatile boolean liveResolved;
  private final Object liveSource;

  /**
   * @param source {@link #DATASOURCE} or {@link #HIKARI_METRICS}
   * @param liveSource the wrapped DataSource or HikariCP's {@code PoolStats}, for live figures; may
   *     be null
   */
  PoolMeter(String source, Object liveSource) {
    this.source = source;
    this.liveSource = liveSource;
  }

  /** Replaces the nanosecond clock that times checkouts and holds; for tests. */
  public void ticker(LongSupplier nanos) {
    ticker = nanos == null ? System::nanoTime : nanos;
  }

  long now() {
    return ticker.getAsLong();
  }

  // ------------------------------------------------------------ DataSource path

  /** A thread starts waiting in {@code getConnection}; returns the start time. */
  long startAcquire() {
    int w = waiting.incrementAndGet();
    max(peakWaiting, w);
    max(peakDemand, w + inUse.get());
    return ticker.getAsLong();
  }

  /** The checkout that started at {@code start} succeeded; returns its wait. */
  long acquired(long start) {
    long wait = ticker.getAsLong() - start;
    waiting.decrementAndGet();
    max(peakInUse, inUse.incrementAndGet());
    acquire.record(wait);
    return wait;
  }

  /** The checkout that started at {@code start} failed; returns its wait. */
  long acquireFailed(long start, boolean timeout) {
    long wait = ticker.getAsLong() - start;
    waiting.decrementAndGet();
    if (timeout) {
      timeouts.increment();
    } else {
      failures.increment();
    }
    return wait;
  }

  /**
   * Whether the pool is busy as a checkout begins (the caller already counts as waiting): another
   * thread waits, or every connection is out. Cheap: the maximum is read only with connections out.
   */
  boolean busy() {
    if (waiting.get() > 1) {
      return true;
    }
    int u = inUse.get();
    if (u == 0) {
      return false;
    }
    int max = maximumPoolSize();
    return max > 0 && u >= max;
  }

  /**
   * Whether the pool is under pressure right after a checkout: other threads still wait, or every
   * connection is in use (with the maximum unknown, more than one of ours). Called only after a
   * slow checkout, so a slow connect of an idle pool (warming up) is not taken for a pool wait.
   */
  boolean contended() {
    if (waiting.get() > 0) {
      return true;
    }
    int max = maximumPoolSize();
    return max > 0 ? inUse.get() >= max : inUse.get() > 1;
  }

  /** The checkout handed out a connection that is not ours to follow: it is not counted. */
  void abandon() {
    waiting.decrementAndGet();
  }

  /** A connection checked out at {@code openedAt} goes back; returns how long it was held. */
  long released(long openedAt) {
    long held = ticker.getAsLong() - openedAt;
    inUse.decrementAndGet();
    hold.record(held);
    return held;
  }

  // ------------------------------------------------------------ HikariCP tracker path

  /**
   * HikariCP reports a successful checkout that waited {@code nanos}; returns whether the pool was
   * busy during the wait, when it waited {@code slowNanos} or longer; else false.
   */
  boolean trackerAcquired(long nanos, int pendingThreads, long slowNanos) {
    int u = inUse.incrementAndGet();
    max(peakInUse, u);
    max(peakWaiting, pendingThreads);
    max(peakDemand, u + pendingThreads);
    acquire.record(nanos);
    if (nanos < slowNanos) {
      return false;
    }
    // Busy if threads wait, every connection is out now, or every connection was out at some
    // moment of this wait (the pool left saturation during it, which is how we got one).
    int max = maximumPoolSize();
    return pendingThreads > 0
        || (max > 0 && u >= max)
        || lastSaturationEnd - (ticker.getAsLong() - nanos) >= 0;
  }

  /** HikariCP reports a connection given back after {@code nanos} of use. */
  void trackerReleased(long nanos) {
    int before = inUse.getAndDecrement();
    hold.record(nanos);
    if (before > 1 && before >= maximumPoolSize()) {
      lastSaturationEnd = ticker.getAsLong();
    }
  }

  /** HikariCP reports a checkout that timed out. */
  void trackerTimeout(int pendingThreads) {
    lastSaturationEnd = ticker.getAsLong();
    timeouts.increment();
    max(peakWaiting, Math.max(1, pendingThreads));
    max(peakDemand, inUse.get() + Math.max(1, pendingThreads));
  }

  private static void max(AtomicInteger peak, int v) {
    int p = peak.get();
    while (v > p && !peak.compareAndSet(p, v)) {
      p = peak.get();
    }
  }

  // ------------------------------------------------------------ reading

  /** Where the figures come from. */
  public String source() {
    return source;
  }

  /** Checkouts that timed out. */
  public long timeouts() {
    return timeouts.sum();
  }

  /** Checkouts that failed otherwise (the delegate threw another exception). */
  public long failures() {
    return failures.sum();
  }

  /** Our connections in use now. */
  public int inUse() {
    return inUse.get();
  }

  /** The most of our connections in use at once. */
  public int peakInUse() {
    return peakInUse.get();
  }

  /** Threads waiting in {@code getConnection} now (DataSource path). */
  public int waiting() {
    return waiting.get();
  }

  /**
   * The most threads seen waiting at once (exact on the DataSource path, sampled on HikariCP's).
   */
  public int peakWaiting() {
    return peakWaiting.get();
  }

  /**
   * The most threads holding or waiting for a connection at once: the peak concurrent borrowers.
   */
  public int peakDemand() {
    return Math.max(peakDemand.get(), peakInUse.get());
  }

  /** The acquire-time histogram. */
  LogHistogram.Snapshot acquireTimes() {
    return acquire.snapshot();
  }

  /** The hold-time histogram. */
  LogHistogram.Snapshot holdTimes() {
    return hold.snapshot();
  }

  /** The live figures of the pool under us, or null when it is not one we can read. */
  PoolLive live() {
    if (!liveResolved) {
      live = PoolLive.of(liveSource);
      liveResolved = true;
    }
    return live;
  }

  /** Every figure at once, with live figures from {@code liveOverride} when not null. */
  public Snapshot snapshot(PoolLive liveOverride) {
    PoolLive l = liveOverride != null ? liveOverride : live();
    int max = -1;
    int active = -1;
    int total = -1;
    int threadsWaiting = waiting();
    if (l != null) {
      try {
        max = l.maximumPoolSize();
        active = l.activeConnections();
        total = l.totalConnections();
        threadsWaiting = l.threadsAwaitingConnection();
      } catch (RuntimeException e) {
        Failures.log("reading the pool's live figures", e);
      }
    }
    return new Snapshot(
        this, acquire.snapshot(), hold.snapshot(), max, active, total, threadsWaiting);
  }

  /** The maximum pool size when the pool under us tells it, else -1. */
  int maximumPoolSize() {
    PoolLive l = live();
    if (l == null) {
      return -1;
    }
    try {
      return l.maximumPoolSize();
    } catch (RuntimeException e) {
      Failures.log("reading the pool's maximum size", e);
      return -1;
    }
  }

  /**
   * The figures of {@code ds}: our wrapping DataSource, or a HikariCP pool with our tracker; null
   * when neither. Live figures come from HikariCP's MXBeans when {@code ds} unwraps to a pool.
   */
  public static Snapshot snapshotOf(DataSource ds) {
    try {
      PoolMeter m = null;
      if (ds instanceof ProxyDataSource) {
        m = ((ProxyDataSource) ds).poolMeter();
      } else if (ds.isWrapperFor(ProxyDataSource.class)) {
        m = ds.unwrap(ProxyDataSource.class).poolMeter();
      }
      if (m == null && PoolLive.HIKARI) {
        m = HikariPoolTracker.meter(ds);
      }
      return m == null ? null : m.snapshot(PoolLive.of(ds));
    } catch (SQLException | RuntimeException | LinkageError e) {
      Failures.log("reading the pool figures of a DataSource", e);
      return null;
    }
  }

  /** Logs {@code summary} as one INFO on the logger {@code nplusone}. */
  public static void log(String summary) {
    Detector.LOG.info(summary);
  }

  /** Every figure of a meter at one moment; fields are read by {@code NPlusOne.poolStats}. */
  public static final class Snapshot {
    public final String source;
    public final long acquires;
    public final long timeouts;
    public final long acquireP50;
    public final long acquireP95;
    public final long acquireP99;
    public final long acquireMax;
    public final long holds;
    public final long holdP50;
    public final long holdP95;
    public final long holdP99;
    public final long holdMax;
    public final int inUse;
    public final int peakInUse;
    public final int peakWaiting;
    public final int peakDemand;
    public final int maximumPoolSize;
    public final int activeConnections;
    public final int totalConnections;
    public final int threadsWaiting;

    Snapshot(
        PoolMeter m,
        LogHistogram.Snapshot a,
        LogHistogram.Snapshot h,
        int max,
        int active,
        int total,
        int threadsWaiting) {
      source = m.source;
      acquires = a.count;
      timeouts = m.timeouts();
      acquireP50 = a.percentile(0.50);
      acquireP95 = a.percentile(0.95);
      acquireP99 = a.percentile(0.99);
      acquireMax = a.max;
      holds = h.count;
      holdP50 = h.percentile(0.50);
      holdP95 = h.percentile(0.95);
      holdP99 = h.percentile(0.99);
      holdMax = h.max;
      inUse = m.inUse();
      peakInUse = m.peakInUse();
      peakWaiting = m.peakWaiting();
      peakDemand = m.peakDemand();
      maximumPoolSize = max;
      activeConnections = active;
      totalConnections = total;
      this.threadsWaiting = threadsWaiting;
    }
  }
}
