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
