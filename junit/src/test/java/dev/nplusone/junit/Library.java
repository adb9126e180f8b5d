package dev.nplusone.junit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** The application code the sample tests exercise: authors and their books, on H2. */
final class Library {
  static final String VENDOR_URL = "jdbc:h2:mem:junit-samples;DB_CLOSE_DELAY=-1";
  static final String URL = "jdbc:nplusone:h2:mem:junit-samples;DB_CLOSE_DELAY=-1";

  /** Stands for a server's request thread, which a test does not control. */
  private static final ExecutorService SERVER =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "sample-server");
            t.setDaemon(true);
            return t;
          });

  private static volatile boolean ready;

  private Library() {}

  /** Creates the schema once, through the vendor driver so it is never counted. */
  static synchronized void prepare() {
    if (ready) {
      return;
    }
    try (Connection c = DriverManager.getConnection(VENDOR_URL);
        Statement s = c.createStatement()) {
      s.execute("create table sample_author (id int primary key, name varchar(50))");
      s.execute(
          "create table sample_book (id int primary key, author_id int not null references"
              + " sample_author (id), title varchar(50))");
      for (int a = 1; a <= 3; a++) {
        s.execute("insert into sample_author values (" + a + ", 'author " + a + "')");
        for (int b = 1; b <= 2; b++) {
          int id = a * 10 + b;
          s.execute("insert into sample_book values (" + id + ", " + a + ", 'book " + id + "')");
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    ready = true;
  }

  static Connection connect() throws SQLException {
    prepare();
    return DriverManager.getConnection(URL);
  }

  /** The N+1: one query for the authors, then one per author for their books. */
  static List<String> titlesOneQueryPerAuthor() throws SQLException {
    List<String> titles = new ArrayList<>();
    try (Connection c = connect()) {
      for (int author : authorIds(c)) {
        titles.addAll(titlesOf(c, author));
      }
    }
    return titles;
  }

  /** The fix: one JOIN. */
  static List<String> titlesJoined() throws SQLException {
    List<String> titles = new ArrayList<>();
    try (Connection c = connect();
        PreparedStatement ps =
            c.prepareStatement(
                "select b.title from sample_author a join sample_book b on b.author_id = a.id"
                    + " order by a.id, b.id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        titles.add(rs.getString(1));
      }
    }
    return titles;
  }

  /** Another N+1, at another call site: one query per author for the name. */
  static List<String> namesOneQueryPerAuthor() throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = connect()) {
      for (int id = 1; id <= 3; id++) {
        try (PreparedStatement ps =
            c.prepareStatement("select name from sample_author where id = ?")) {
          ps.setInt(1, id);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            names.add(rs.getString(1));
          }
        }
      }
    }
    return names;
  }

  /** Renames an author: one UPDATE. */
  static void rename(int id, String name) throws SQLException {
    try (Connection c = connect();
        PreparedStatement ps =
            c.prepareStatement("update sample_author set name = ? where id = ?")) {
      ps.setString(1, name);
      ps.setInt(2, id);
      ps.executeUpdate();
    }
  }

  /** Runs {@code work} on the server thread and waits for it. */
  static void onServerThread(Work work) throws Exception {
    SERVER
        .submit(
            () -> {
              work.run();
              return null;
            })
        .get(30, TimeUnit.SECONDS);
  }

  /** Database work that may throw. */
  interface Work {
    void run() throws Exception;
  }

  private static List<Integer> authorIds(Connection c) throws SQLException {
    List<Integer> ids = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("select id from sample_author order by id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getInt(1));
      }
    }
    return ids;
  }

  private static List<String> titlesOf(Connection c, int author) throws SQLException {
    List<String> titles = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement("select title from sample_book where author_id = ? order by id")) {
      ps.setInt(1, author);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          titles.add(rs.getString(1));
        }
      }
    }
    return titles;
  }
}
