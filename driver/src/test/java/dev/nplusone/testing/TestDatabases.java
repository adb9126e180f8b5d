package dev.nplusone.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real databases integration tests run against.
 *
 * <p>Each is resolved, in order, from an environment variable ({@code NPLUSONE_TEST_POSTGRES_URL},
 * {@code NPLUSONE_TEST_MARIADB_URL}: a vendor JDBC URL with user and password in it), else from a
 * Testcontainers container when a Docker engine is reachable, else the test is skipped with a
 * message saying how to enable it. With the system property {@code
 * nplusone.test.requireDatabases=true} or the variable {@code NPLUSONE_TEST_REQUIRE_DATABASES=true}
 * (set by CI) a missing database fails the test instead.
 */
public final class TestDatabases {
  /** A database the tests can use. */
  public enum Kind {
    H2("NPLUSONE_TEST_H2_URL"),
    POSTGRESQL("NPLUSONE_TEST_POSTGRES_URL"),
    MARIADB("NPLUSONE_TEST_MARIADB_URL");

    final String variable;

    Kind(String variable) {
      this.variable = variable;
    }
  }

  private static final Map<Kind, String> URLS = new ConcurrentHashMap<>();
  private static final Map<Kind, JdbcDatabaseContainer<?>> CONTAINERS = new ConcurrentHashMap<>();

  private TestDatabases() {}

  /**
   * The vendor JDBC URL (without our prefix) of a database of this kind; H2 is a fresh in-memory
   * database named {@code name}.
   */
  public static String vendorUrl(Kind kind, String name) {
    if (kind == Kind.H2) {
      return "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
    }
    return URLS.computeIfAbsent(kind, TestDatabases::resolve);
  }

  /** The same database through our driver: {@code jdbc:nplusone:<vendor URL without jdbc:>}. */
  public static String nplusoneUrl(Kind kind, String name) {
    return "jdbc:nplusone:" + vendorUrl(kind, name).substring("jdbc:".length());
  }

  /** Opens a raw vendor connection, for setting up schemas. */
  public static Connection rawConnection(Kind kind, String name) throws SQLException {
    return DriverManager.getConnection(vendorUrl(kind, name));
  }

  private static String resolve(Kind kind) {
    String url = System.getenv(kind.variable);
    if (url != null && !url.isBlank()) {
      return url;
    }
    if (dockerAvailable()) {
      JdbcDatabaseContainer<?> c = CONTAINERS.computeIfAbsent(kind, TestDatabases::start);
      String jdbc = c.getJdbcUrl();
      String sep = jdbc.contains("?") ? "&" : "?";
      return jdbc + sep + "user=" + c.getUsername() + "&password=" + c.getPassword();
    }
    String message =
        kind.name().toLowerCase(Locale.ROOT)
            + " is not available: set "
            + kind.variable
            + " to a JDBC URL with user and password (e.g. "
            + (kind == Kind.POSTGRESQL
                ? "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"
                : "jdbc:mariadb://127.0.0.1:3306/test?user=root&password=")
            + "), or start a Docker engine so Testcontainers can run one";
    if (Boolean.getBoolean("nplusone.test.requireDatabases")
        || "true".equalsIgnoreCase(System.getenv("NPLUSONE_TEST_REQUIRE_DATABASES"))) {
      throw new IllegalStateException(message);
    }
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  @SuppressWarnings("resource") // stopped by Testcontainers' Ryuk when the JVM exits
  private static JdbcDatabaseContainer<?> start(Kind kind) {
    JdbcDatabaseContainer<?> c =
        kind == Kind.POSTGRESQL
            ? new PostgreSQLContainer("postgres:16-alpine")
            : new MariaDBContainer("mariadb:11");
    c.start();
    return c;
  }
}
