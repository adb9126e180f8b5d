package dev.nplusone.examples.plainjdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.nplusone.Finding;
import dev.nplusone.NPlusOne;
import dev.nplusone.Scope;
import dev.nplusone.Suggestion;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The README's demo: builds the seed's schema in embedded H2 (or any database given a JDBC URL),
 * runs "list the newest active users with their organization and roles" as an N+1 loop under
 * nplusone, prints what nplusone reported, then runs the JOIN version and compares.
 *
 * <p>Run it with {@code mvn -q -pl examples/plain-jdbc -am package exec:java -DskipTests}, or
 * against PostgreSQL with {@code
 * -Dexec.args="jdbc:postgresql://localhost:5432/test?user=postgres"}.
 */
public final class Demo {
  static final String DEFAULT_URL = "jdbc:h2:mem:nplusone-demo;DB_CLOSE_DELAY=-1";
  static final int ORGANIZATIONS = 50;
  static final int USERS = 5_000;
  static final int LISTED = 200;

  private Demo() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs the demo; returns the process exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    String url = args.length > 0 ? args[0] : DEFAULT_URL;
    if (!url.startsWith("jdbc:")) {
      err.println(
          "nplusone demo: expected a JDBC URL such as " + DEFAULT_URL + ", got '" + url + "'");
      return 64;
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(4);
    config.setConnectionTimeout(5_000);
    config.setInitializationFailTimeout(1);
    config.setPoolName("demo");
    try (HikariDataSource pool = new HikariDataSource(config)) {
      DataSource ds = NPlusOne.wrap(pool, Map.of("mode", "silent"));
      out.printf("Loading %,d organizations and %,d users into %s …%n", ORGANIZATIONS, USERS, url);
      Schema.createAndLoad(pool, ORGANIZATIONS, USERS);

      out.println();
      out.println("1) The N+1 version: one query for the users, then two per user");
      long start = System.nanoTime();
      List<UserDirectory.UserView> slow;
      Scope scope = NPlusOne.scope("list active users");
      try {
        slow = UserDirectory.listWithNPlusOne(ds, LISTED);
      } finally {
        scope.close();
      }
      List<Finding> findings = scope.findings();
      long slowNanos = System.nanoTime() - start;
      out.printf("   listed %d users in %.1f ms%n", slow.size(), slowNanos / 1e6);
      out.printf("   nplusone reported %d finding(s):%n", findings.size());
      for (Finding f : findings) {
        out.println();
        out.println(indent(f.message(), "   | "));
      }

      out.println();
      String joinRewrite = null;
      String batchRewrite = null;
      for (Finding f : findings) {
        Suggestion sg = f.suggestion();
        if (sg == null) {
          continue;
        }
        if (sg.joinRewrite() != null && f.sql().contains("organizations")) {
          joinRewrite = sg.joinRewrite();
        }
        if (f.sql().contains("user_roles")) {
          batchRewrite = sg.batchRewrite();
        }
      }
      boolean suggested = joinRewrite != null && batchRewrite != null;
      out.println(
          suggested
              ? "2) The fix nplusone suggested, run as it wrote it: its JOIN rewrite for the users"
                  + " and their organization, its batch rewrite for the roles"
              : "2) nplusone suggested no runnable fix here (see the notes above); a JOIN written"
                  + " by hand instead");
      start = System.nanoTime();
      List<UserDirectory.UserView> fast;
      Scope fixed = NPlusOne.scope("list active users, fixed");
      try {
        fast =
            suggested
                ? UserDirectory.listWithSuggestedFix(ds, LISTED, joinRewrite, batchRewrite)
                : UserDirectory.listWithJoin(ds, LISTED);
      } finally {
        fixed.close();
      }
      List<Finding> after = fixed.findings();
      long fastNanos = System.nanoTime() - start;
      int statementsAfter = suggested ? 2 : 1;
      out.printf(
          "   listed %d users in %.1f ms with %d statements; nplusone reported %d finding(s)%n",
          fast.size(), fastNanos / 1e6, statementsAfter, after.size());
      out.println();
      out.printf(
          Locale.ROOT,
          "Same result: %s. Statements: %d before, %d after. Time: %.1f ms before, %.1f ms after.%n",
          fast.equals(slow) ? "yes" : "NO",
          1 + 2 * slow.size(),
          statementsAfter,
          slowNanos / 1e6,
          fastNanos / 1e6);
      return fast.equals(slow) ? 0 : 1;
    } catch (HikariPool.PoolInitializationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      err.println("nplusone demo: cannot connect to " + url + ": " + cause.getMessage());
      return 2;
    } catch (SQLException e) {
      err.println("nplusone demo: the database refused a statement: " + e.getMessage());
      return 3;
    }
  }

  private static String indent(String text, String prefix) {
    return prefix + text.replace("\n", "\n" + prefix);
  }
}
