package dev.nplusone;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.nplusone.internal.Config;
import dev.nplusone.internal.Detector;
import dev.nplusone.internal.DriverConnections;
import dev.nplusone.internal.JdbcContext;
import dev.nplusone.internal.JdbcUrls;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.logging.Logger;

/**
 * The JDBC driver for URLs {@code jdbc:nplusone:<vendor URL without jdbc:>}: connects through the
 * registered driver that accepts {@code jdbc:<vendor URL>} and wraps its connections.
 *
 * <p>Options may be written in the URL between square brackets, {@code
 * jdbc:nplusone[mode=throw;threshold=5]:postgresql://host/db}, or given as {@code nplusone.*}
 * connection properties; neither ever reaches the vendor driver. Registered with {@link
 * DriverManager} when the class loads, through {@code META-INF/services/java.sql.Driver}.
 */
public final class NPlusOneDriver implements Driver {
  private static final Logger PARENT_LOGGER = Logger.getLogger("nplusone");
  private static NPlusOneDriver registered;

  /** Contexts (options, fingerprint cache) shared by connections with the same URL and options. */
  private final Cache<List<Object>, JdbcContext> contexts =
      Caffeine.newBuilder().maximumSize(256).build();

  static {
    try {
      register();
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Creates a driver; applications use the one registered with {@link DriverManager}. */
  public NPlusOneDriver() {}

  /**
   * Registers the driver with {@link DriverManager} unless it already is.
   *
   * @throws SQLException if {@link DriverManager} refuses it
   */
  public static synchronized void register() throws SQLException {
    if (registered == null) {
      NPlusOneDriver driver = new NPlusOneDriver();
      DriverManager.registerDriver(driver);
      registered = driver;
    }
  }

  /**
   * Deregisters the driver, as a container does when it unloads an application.
   *
   * @throws SQLException if {@link DriverManager} refuses it
   */
  public static synchronized void deregister() throws SQLException {
    if (registered != null) {
      DriverManager.deregisterDriver(registered);
      registered = null;
    }
  }

  /** Whether the driver is registered with {@link DriverManager}. */
  public static synchronized boolean isRegistered() {
    return registered != null;
  }

  /**
   * Connects through the vendor driver, or returns {@code null} for a URL that is not ours.
   *
   * @throws SQLException SQLState 08001 when no registered driver accepts the vendor URL (the
   *     others' errors attached as suppressed) or the URL is malformed; 22023 for a bad option; the
   *     vendor driver's own exception, untouched, when it fails to connect
   */
  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (url == null) {
      throw new SQLException("the URL is null", "08001");
    }
    if (!JdbcUrls.accepts(url)) {
      return null;
    }
    JdbcUrls.Parsed parsed = JdbcUrls.parse(url);
    Config config = Config.resolve(parsed.options(), info, Config.Sources.system());
    String vendorUrl = parsed.vendorUrl();
    JdbcContext context =
        contexts.get(
            List.of(config, vendorUrl),
            k -> new JdbcContext(config, vendorUrl, Detector.recorder(config)));
    Properties vendorInfo = Config.withoutOurKeys(info);
    long start = System.nanoTime();
    Connection c = connectVendor(vendorUrl, vendorInfo);
    // Suggestions read metadata on a raw connection of their own, made the same way; never logged.
    context.connector(() -> connectVendor(vendorUrl, vendorInfo));
    return DriverConnections.wrap(c, context, System.nanoTime() - start);
  }

  private Connection connectVendor(String vendorUrl, Properties info) throws SQLException {
    List<Throwable> errors = new ArrayList<>();
    for (Driver d : candidates()) {
      boolean accepts;
      try {
        accepts = d.acceptsURL(vendorUrl);
      } catch (SQLException | RuntimeException e) {
        errors.add(e);
        continue;
      }
      if (accepts) {
        Connection c = d.connect(vendorUrl, info);
        if (c != null) {
          return c;
        }
      }
    }
    SQLException e =
        new SQLException(
            "No JDBC driver accepts "
                + vendorUrl
                + " (the URL after the jdbc:nplusone: prefix): add the database vendor's JDBC"
                + " driver to the classpath, or check the URL",
            "08001");
    errors.forEach(e::addSuppressed);
    throw e;
  }

  private List<Driver> candidates() {
    List<Driver> drivers = new ArrayList<>();
    for (Driver d : java.util.Collections.list(DriverManager.getDrivers())) {
      if (!(d instanceof NPlusOneDriver)) {
        drivers.add(d);
      }
    }
    // Drivers visible to the application's class loader but not to ours, as in some containers.
    ClassLoader tccl = Thread.currentThread().getContextClassLoader();
    if (tccl != null && tccl != NPlusOneDriver.class.getClassLoader()) {
      try {
        for (Driver d : ServiceLoader.load(Driver.class, tccl)) {
          boolean known = false;
          for (Driver k : drivers) {
            known |= k.getClass() == d.getClass();
          }
          if (!known && !(d instanceof NPlusOneDriver)) {
            drivers.add(d);
          }
        }
      } catch (java.util.ServiceConfigurationError | RuntimeException e) {
        // A broken provider elsewhere must not hide the drivers we did find.
      }
    }
    return drivers;
  }

  /**
   * Whether {@code url} starts with {@code jdbc:nplusone:} or {@code jdbc:nplusone[}.
   *
   * @throws SQLException if {@code url} is null
   */
  @Override
  public boolean acceptsURL(String url) throws SQLException {
    if (url == null) {
      throw new SQLException("the URL is null", "08001");
    }
    return JdbcUrls.accepts(url);
  }

  /**
   * The vendor driver's properties followed by ours, each with its current value, description and
   * choices; an empty array for a URL that is not ours.
   */
  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return new DriverPropertyInfo[0];
    }
    JdbcUrls.Parsed parsed = JdbcUrls.parse(url);
    Config config = Config.resolve(parsed.options(), info, Config.Sources.system());
    List<DriverPropertyInfo> result = new ArrayList<>();
    Properties vendorInfo = Config.withoutOurKeys(info);
    for (Driver d : candidates()) {
      try {
        if (d.acceptsURL(parsed.vendorUrl())) {
          result.addAll(Arrays.asList(d.getPropertyInfo(parsed.vendorUrl(), vendorInfo)));
          break;
        }
      } catch (SQLException | RuntimeException e) {
        // Try the next driver.
      }
    }
    for (NPlusOneProperty p : NPlusOneProperty.values()) {
      DriverPropertyInfo pi = new DriverPropertyInfo(p.key(), config.raw(p));
      pi.description = p.description();
      pi.required = false;
      pi.choices = p.allowedValues().isEmpty() ? null : p.allowedValues().toArray(new String[0]);
      result.add(pi);
    }
    return result.toArray(new DriverPropertyInfo[0]);
  }

  @Override
  public int getMajorVersion() {
    return 0;
  }

  @Override
  public int getMinorVersion() {
    return 1;
  }

  /** False: compliance is the vendor driver's, which this driver passes through. */
  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() {
    return PARENT_LOGGER;
  }
}
