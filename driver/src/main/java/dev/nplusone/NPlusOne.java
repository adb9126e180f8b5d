package dev.nplusone;

import dev.nplusone.internal.Config;
import dev.nplusone.internal.Detector;
import dev.nplusone.internal.PoolMeter;
import dev.nplusone.internal.ProxyDataSource;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/** The entry point: wraps DataSources, opens scopes, registers listeners. */
public final class NPlusOne {
  private NPlusOne() {}

  /**
   * Wraps {@code dataSource} so its statements are checked, with the options of system properties,
   * environment variables, {@code nplusone.properties} and defaults. Wrapping an already wrapped
   * DataSource returns it unchanged; {@code unwrap} reaches the wrapped one (a {@code
   * HikariDataSource}, say) and the vendor connection.
   *
   * @throws NullPointerException if {@code dataSource} is null
   * @throws IllegalArgumentException naming the key and the value of a bad option
   */
  public static DataSource wrap(DataSource dataSource) {
    return wrap(dataSource, Map.of());
  }

  /**
   * Wraps {@code dataSource} as {@link #wrap(DataSource)} does, with {@code options} ({@code
   * nplusone.mode} → {@code throw}, say) taking the place of connection properties in the
   * precedence of {@link NPlusOneProperty}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException naming the key and the value of a bad or unknown option
   */
  public static DataSource wrap(DataSource dataSource, Map<String, String> options) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(options, "options");
    if (dataSource instanceof ProxyDataSource) {
      return dataSource;
    }
    try {
      if (dataSource.isWrapperFor(ProxyDataSource.class)) {
        return dataSource;
      }
    } catch (SQLException | RuntimeException e) {
      // Not answerable: treat it as not ours.
    }
    return new ProxyDataSource(dataSource, Config.of(options));
  }

  /**
   * Opens a scope named {@code name} on the calling thread; close it, best with try-with-resources,
   * to analyse and report it. Opening a scope ends the thread's implicit scope.
   *
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public static Scope scope(String name) {
    return new Scope(Detector.openExplicit(checkName(name)));
  }

  /**
   * Opens a scope as {@link #scope(String)} does, with {@code options} taking the place of
   * connection properties in the precedence of {@link NPlusOneProperty}, as in {@link
   * #wrap(DataSource, Map)}: so a framework that wraps its DataSources with some options can open
   * its scopes with the same ones.
   *
   * <p>The configuration of an options map is resolved once and remembered (for a bounded number of
   * distinct maps), so a scope opened per request costs no option parsing; it is resolved again
   * when an {@code nplusone.*} system property has changed since, so such a change takes effect at
   * the next scope, as if nothing were remembered.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code name} is blank, or naming the key and the value of a
   *     bad or unknown option
   */
  public static Scope scope(String name, Map<String, String> options) {
    checkName(name);
    return new Scope(
        Detector.openExplicit(name, Config.of(Objects.requireNonNull(options, "options"))));
  }

  static String checkName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a scope name must not be blank, got '" + name + "'");
    }
    return name;
  }

  /**
   * Ends the calling thread's implicit scope (the statements it ran outside any scope or
   * transaction since its last quiet gap), reports it, and returns its findings.
   *
   * @throws NPlusOneException in mode {@code throw}, when it reported findings
   */
  public static List<Finding> flush() {
    return Detector.flush();
  }

  /**
   * A snapshot of the connection-pool figures of {@code dataSource}: a DataSource wrapped by {@link
   * #wrap(DataSource)}, or a HikariCP pool over {@code jdbc:nplusone:} with {@link
   * NPlusOneHikariMetrics}; any other DataSource gives untracked, all-zero figures. Never throws
   * for a DataSource that misbehaves.
   *
   * @throws NullPointerException if {@code dataSource} is null
   */
  public static PoolStats poolStats(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    return new PoolStats(PoolMeter.snapshotOf(dataSource));
  }

  /**
   * Logs {@link PoolStats#summary()} of {@code dataSource} as one INFO on the logger {@code
   * nplusone} and returns the figures.
   *
   * @throws NullPointerException if {@code dataSource} is null
   */
  public static PoolStats logPoolSummary(DataSource dataSource) {
    PoolStats stats = poolStats(dataSource);
    PoolMeter.log(stats.summary());
    return stats;
  }

  /**
   * Registers {@code listener} for every finding reported from now on; registering it twice makes
   * it called twice.
   *
   * @throws NullPointerException if {@code listener} is null
   */
  public static void addListener(NPlusOneListener listener) {
    Detector.addListener(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Unregisters {@code listener} (one registration of it); returns whether it was registered.
   *
   * @throws NullPointerException if {@code listener} is null
   */
  public static boolean removeListener(NPlusOneListener listener) {
    return Detector.removeListener(Objects.requireNonNull(listener, "listener"));
  }
}
