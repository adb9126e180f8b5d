package dev.nplusone.internal;

import dev.nplusone.NPlusOneProperty;
import dev.nplusone.SqlDialect;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The options in force for one DataSource or driver URL: immutable, validated once.
 *
 * <p>Precedence, highest first: system properties, environment variables, the JDBC URL, the {@code
 * Properties} given to {@code connect} (or to {@code NPlusOne.wrap}), the classpath resource {@code
 * nplusone.properties}, the defaults of {@link NPlusOneProperty}.
 */
public final class Config {
  /** The classpath resource read for options. */
  public static final String RESOURCE = "nplusone.properties";

  private static volatile Properties classpathFile;

  /** Option maps whose configuration is remembered, at most; further ones are resolved per call. */
  static final int MAX_REMEMBERED = 64;

  /** Configurations resolved from option maps with the real sources; see {@link #of(Map)}. */
  private static final ConcurrentHashMap<Map<String, String>, Remembered> REMEMBERED =
      new ConcurrentHashMap<>();

  /** One remembered configuration and what it was resolved from, besides its options. */
  private static final class Remembered {
    final Config config;
    final String[] systemProperties;
    final Properties file;

    Remembered(Config config, String[] systemProperties, Properties file) {
      this.config = config;
      this.systemProperties = systemProperties;
      this.file = file;
    }

    boolean current(Properties currentFile) {
      if (file != currentFile) {
        return false;
      }
      NPlusOneProperty[] all = NPlusOneProperty.values();
      for (int i = 0; i < all.length; i++) {
        if (!Objects.equals(System.getProperty(all[i].key()), systemProperties[i])) {
          return false;
        }
      }
      return true;
    }
  }

  /** This configuration's detection settings, made once. */
  private volatile Settings settings;

  private final EnumMap<NPlusOneProperty, Object> values;
  private final EnumMap<NPlusOneProperty, String> raw;
  private final Mode mode;
  private final int threshold;
  private final boolean logParameters;

  private Config(EnumMap<NPlusOneProperty, String> raw, EnumMap<NPlusOneProperty, Object> values) {
    this.raw = raw;
    this.values = values;
    this.mode =
        Mode.valueOf(
            ((String) values.get(NPlusOneProperty.MODE)).toUpperCase(java.util.Locale.ROOT));
    this.threshold = (Integer) values.get(NPlusOneProperty.THRESHOLD);
    this.logParameters = (Boolean) values.get(NPlusOneProperty.LOG_PARAMETERS);
  }

  /** The four modes of {@code nplusone.mode}. */
  public enum Mode {
    LOG,
    THROW,
    SILENT,
    OFF
  }

  /** Where option values come from; tests replace system properties and the environment. */
  public static final class Sources {
    final UnaryOperator<String> systemProperties;
    final UnaryOperator<String> environment;
    final Properties file;

    /**
     * Sources made of the given lookups.
     *
     * @param systemProperties key → value or null
     * @param environment variable name → value or null
     * @param file the contents of {@code nplusone.properties}, empty when absent
     */
    public Sources(
        UnaryOperator<String> systemProperties,
        UnaryOperator<String> environment,
        Properties file) {
      this.systemProperties = systemProperties;
      this.environment = environment;
      this.file = file;
    }

    /** The real system properties, environment and classpath file. */
    public static Sources system() {
      return new Sources(System::getProperty, System::getenv, classpathFile());
    }
  }

  /** The configuration made of system properties, environment, file and defaults only. */
  public static Config global() {
    return of(Map.of());
  }

  /**
   * The configuration of {@code options} (short or full {@code nplusone.*} keys, in the place of
   * connection properties) with the real system properties, environment and classpath file, as
   * {@code NPlusOne.wrap} and {@code NPlusOne.scope} take it.
   *
   * <p>Remembered per options map (up to {@value #MAX_REMEMBERED} maps), so a scope opened per
   * request does not resolve every option again. A remembered configuration is used only while
   * every {@code nplusone.*} system property still has the value it was resolved with, and the
   * classpath file is the one it read: a system property set at run time takes effect at the next
   * call, as without memory. Environment variables cannot change while the JVM runs.
   *
   * @throws IllegalArgumentException naming the key and the value of a bad or unknown option
   * @throws NullPointerException if a value is null
   */
  public static Config of(Map<String, String> options) {
    Properties file = classpathFile();
    Remembered r = REMEMBERED.get(options);
    if (r != null && r.current(file)) {
      return r.config;
    }
    // Read before resolving: a property set meanwhile makes the next call resolve again.
    NPlusOneProperty[] all = NPlusOneProperty.values();
    String[] system = new String[all.length];
    for (int i = 0; i < all.length; i++) {
      system[i] = System.getProperty(all[i].key());
    }
    Properties props = new Properties();
    for (Map.Entry<String, String> e : options.entrySet()) {
      String key = e.getKey().startsWith("nplusone.") ? e.getKey() : "nplusone." + e.getKey();
      props.setProperty(key, Objects.requireNonNull(e.getValue(), key));
    }
    Config c;
    try {
      c = resolve(Map.of(), props, new Sources(System::getProperty, System::getenv, file));
    } catch (SQLException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    if (r != null || REMEMBERED.size() < MAX_REMEMBERED) {
      REMEMBERED.put(Map.copyOf(options), new Remembered(c, system, file));
    }
    return c;
  }

  /** How many option maps are remembered; for bounds tests. */
  static int rememberedCount() {
    return REMEMBERED.size();
  }

  /** This configuration's detection settings: made once, shared by the scopes that use it. */
  Settings settings() {
    Settings s = settings;
    if (s == null) {
      s = new Settings(this);
      settings = s;
    }
    return s;
  }

  /**
   * Resolves every option from its sources.
   *
   * @param urlOptions options from the JDBC URL, short ({@code mode}) or full keys
   * @param properties the {@code Properties} given to {@code connect}, may be null; only its {@code
   *     nplusone.*} keys are read
   * @throws SQLException SQLState 22023 naming the key and the value of the first bad option, or an
   *     unknown {@code nplusone.*} key in the URL, the properties or the file
   */
  public static Config resolve(
      Map<String, String> urlOptions, Properties properties, Sources sources) throws SQLException {
    EnumMap<NPlusOneProperty, String> chosen = new EnumMap<>(NPlusOneProperty.class);
    EnumMap<NPlusOneProperty, String> origin = new EnumMap<>(NPlusOneProperty.class);
    // Lowest precedence first; each later source overrides.
    putAll(chosen, origin, sources.file, "classpath " + RESOURCE);
    putAll(chosen, origin, properties, "connection properties");
    for (Map.Entry<String, String> e : urlOptions.entrySet()) {
      NPlusOneProperty p = NPlusOneProperty.forKey(e.getKey());
      if (p == null) {
        throw unknown(e.getKey(), "the JDBC URL");
      }
      chosen.put(p, e.getValue());
      origin.put(p, "the JDBC URL");
    }
    for (NPlusOneProperty p : NPlusOneProperty.values()) {
      String env = sources.environment.apply(p.environmentVariable());
      if (env != null) {
        chosen.put(p, env);
        origin.put(p, "environment variable " + p.environmentVariable());
      }
      String sys = sources.systemProperties.apply(p.key());
      if (sys != null) {
        chosen.put(p, sys);
        origin.put(p, "system property " + p.key());
      }
    }
    EnumMap<NPlusOneProperty, Object> parsed = new EnumMap<>(NPlusOneProperty.class);
    EnumMap<NPlusOneProperty, String> raw = new EnumMap<>(NPlusOneProperty.class);
    for (NPlusOneProperty p : NPlusOneProperty.values()) {
      String value = chosen.getOrDefault(p, p.defaultValue());
      try {
        parsed.put(p, p.parse(value));
      } catch (IllegalArgumentException e) {
        throw new SQLException(
            e.getMessage() + " (set in " + origin.getOrDefault(p, "defaults") + ")", "22023", e);
      }
      raw.put(p, value);
    }
    return new Config(raw, parsed);
  }

  private static void putAll(
      EnumMap<NPlusOneProperty, String> chosen,
      EnumMap<NPlusOneProperty, String> origin,
      Properties props,
      String where)
      throws SQLException {
    if (props == null) {
      return;
    }
    for (String key : props.stringPropertyNames()) {
      if (!key.startsWith("nplusone.")) {
        continue;
      }
      NPlusOneProperty p = NPlusOneProperty.forKey(key);
      if (p == null) {
        throw unknown(key, where);
      }
      chosen.put(p, props.getProperty(key));
      origin.put(p, where);
    }
  }

  private static SQLException unknown(String key, String where) {
    StringBuilder known = new StringBuilder();
    for (NPlusOneProperty p : NPlusOneProperty.values()) {
      known.append(known.length() == 0 ? "" : ", ").append(p.key());
    }
    return new SQLException(
        "unknown nplusone option '" + key + "' in " + where + "; known options: " + known, "22023");
  }

  /** Removes our {@code nplusone.*} keys, so the vendor driver never sees them. */
  public static Properties withoutOurKeys(Properties info) {
    Properties copy = new Properties();
    if (info != null) {
      for (String key : info.stringPropertyNames()) {
        if (!key.startsWith("nplusone.")) {
          copy.setProperty(key, info.getProperty(key));
        }
      }
    }
    return copy;
  }

  static Properties classpathFile() {
    Properties p = classpathFile;
    if (p == null) {
      p = new Properties();
      ClassLoader cl = Thread.currentThread().getContextClassLoader();
      if (cl == null) {
        cl = Config.class.getClassLoader();
      }
      try (InputStream in = cl == null ? null : cl.getResourceAsStream(RESOURCE)) {
        if (in != null) {
          p.load(in);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read classpath " + RESOURCE, e);
      }
      classpathFile = p;
    }
    return p;
  }

  /** Forgets the cached classpath file; for tests. */
  static void reloadClasspathFile() {
    classpathFile = null;
  }

  /** The parsed value of an option. */
  public Object get(NPlusOneProperty p) {
    return values.get(p);
  }

  /** The value of an option as it was written. */
  public String raw(NPlusOneProperty p) {
    return raw.get(p);
  }

  public Mode mode() {
    return mode;
  }

  public boolean enabled() {
    return mode != Mode.OFF;
  }

  public int threshold() {
    return threshold;
  }

  public boolean logParameters() {
    return logParameters;
  }

  /** A boolean option's value. */
  public boolean booleanValue(NPlusOneProperty p) {
    return (Boolean) values.get(p);
  }

  public int intValue(NPlusOneProperty p) {
    return (Integer) values.get(p);
  }

  public Duration duration(NPlusOneProperty p) {
    return (Duration) values.get(p);
  }

  @SuppressWarnings("unchecked")
  public List<Pattern> patterns(NPlusOneProperty p) {
    return (List<Pattern>) values.get(p);
  }

  @SuppressWarnings("unchecked")
  public List<String> list(NPlusOneProperty p) {
    return (List<String>) values.get(p);
  }

  /** The dialect named by {@code nplusone.dialect}, or the one of {@code vendorUrl} for auto. */
  public SqlDialect dialect(String vendorUrl) {
    String d = (String) values.get(NPlusOneProperty.DIALECT);
    return d.equals("auto") ? SqlDialect.fromJdbcUrl(vendorUrl) : SqlDialect.fromKey(d);
  }

  /** Every option and its value as written. */
  public Map<NPlusOneProperty, String> asMap() {
    return Collections.unmodifiableMap(raw);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Config && ((Config) o).raw.equals(raw);
  }

  @Override
  public int hashCode() {
    return raw.hashCode();
  }

  @Override
  public String toString() {
    return "Config" + raw;
  }
}
