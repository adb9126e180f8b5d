package dev.nplusone.spring;

import dev.nplusone.Finding;
import dev.nplusone.NPlusOne;
import dev.nplusone.NPlusOneListener;
import dev.nplusone.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** Real findings from an in-memory H2 database, since findings are made only by the driver. */
@SuppressWarnings("try") // scopes opened only for their effect on the statements inside
final class H2 {
  private H2() {}

  static JdbcDataSource dataSource(String name) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    return ds;
  }

  /**
   * Runs {@code select id as <alias> … where id = ?} three times in a scope; returns what it
   * reported.
   */
  static List<Finding> nPlusOne(DataSource wrapped, String alias) throws SQLException {
    List<Finding> found = new ArrayList<>();
    NPlusOneListener l = found::add;
    NPlusOne.addListener(l);
    try (Connection c = wrapped.getConnection()) {
      try (Statement s = c.createStatement()) {
        s.execute("create table if not exists sb_item(id int primary key)");
      }
      try (Scope scope = NPlusOne.scope("test " + alias, java.util.Map.of("mode", "silent"))) {
        for (int id = 1; id <= 3; id++) {
          try (PreparedStatement ps =
              c.prepareStatement("select id as " + alias + " from sb_item where id = ?")) {
            ps.setInt(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
            }
          }
        }
      }
    } finally {
      NPlusOne.removeListener(l);
    }
    return found;
  }
}
