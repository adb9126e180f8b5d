package dev.nplusone.internal;

import dev.nplusone.SqlDialect;

/**
 * Everything one DataSource or driver configuration shares between its connections: options,
 * dialect, fingerprint cache and the recorder that statements report to.
 */
public final class JdbcContext {
  private final Config config;
  private final String vendorUrl;
  private final SqlDialect dialect;
  private final FingerprintCache fingerprints;
  final Recorder recorder;
  final boolean enabled;

  /** Whether result sets feed the thread's {@link ValueIndex}: detection on and the option on. */
  final boolean valueCorrelation;

  /** Foreign keys and indexes read for suggestions, cached per table. */
  final SchemaMetadata schema;

  private static final java.util.concurrent.atomic.AtomicLong IDS =
      new java.util.concurrent.atomic.AtomicLong();

  /** Tells contexts apart in cache keys without holding on to them. */
  final long id = IDS.incrementAndGet();

  private volatile RawConnector connector;

  /** Opens a raw vendor connection for the library's own metadata reads. */
  @FunctionalInterface
  public interface RawConnector {
    /** A new raw connection, not ours: nothing run on it is recorded. */
    java.sql.Connection open() throws java.sql.SQLException;
  }

  /**
   * @param config the options in force
   * @param vendorUrl the vendor URL when known (driver path), else null
   * @param recorder where statements are reported; ignored in mode off
   */
  public JdbcContext(Config config, String vendorUrl, Recorder recorder) {
    this.config = config;
    this.vendorUrl = vendorUrl;
    this.dialect = config.dialect(vendorUrl);
    this.fingerprints = FingerprintCache.from(config, dialect);
    this.enabled = config.enabled();
    this.recorder = enabled ? recorder : Recorder.NONE;
    this.valueCorrelation =
        enabled && config.booleanValue(dev.nplusone.NPlusOneProperty.VALUE_CORRELATION);
    this.schema =
        new SchemaMetadata(
            this, enabled && config.booleanValue(dev.nplusone.NPlusOneProperty.SUGGEST_METADATA));
  }

  /** Sets, once, how the library opens raw connections for metadata; later calls are ignored. */
  public void connector(RawConnector c) {
    if (connector == null && c != null) {
      connector = c;
    }
  }

  RawConnector connector() {
    return connector;
  }

  public Config config() {
    return config;
  }

  public String vendorUrl() {
    return vendorUrl;
  }

  public SqlDialect dialect() {
    return dialect;
  }

  public FingerprintCache fingerprints() {
    return fingerprints;
  }

  public Recorder recorder() {
    return recorder;
  }

  public boolean enabled() {
    return enabled;
  }

  /** The shape of {@code sql}, or null in mode off, where nothing is fingerprinted. */
  SqlShape shape(String sql) {
    return enabled ? fingerprints.shape(sql) : null;
  }
}
