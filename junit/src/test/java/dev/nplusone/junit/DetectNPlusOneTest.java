package dev.nplusone.junit;

import static dev.nplusone.junit.NPlusOneAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nplusone.NPlusOne;
import java.sql.SQLException;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension run on sample test classes through the Jupiter engine, on H2. */
class DetectNPlusOneTest {

  @SampleOnly
  @DetectNPlusOne
  static class Loops {
    @BeforeEach
    void setUp() throws SQLException {
      // A fixture that loops does not count: only the test body does.
      Library.titlesOneQueryPerAuthor();
    }

    @Test
    void oneQueryPerAuthor() throws SQLException {
      Library.titlesOneQueryPerAuthor();
    }

    @Test
    void joined() throws SQLException {
      Library.titlesJoined();
    }

    @Test
    @AllowNPlusOne(reason = "three authors in a demo")
    void allowed() throws SQLException {
      Library.titlesOneQueryPerAuthor();
    }

    @Test
    @AllowNPlusOne(reason = " ")
    void allowedWithoutReason() throws SQLException {
      Library.titlesOneQueryPerAuthor();
    }
  }

  /** The failure of a test whose body ran {@link Library#titlesOneQueryPerAuthor()}. */
  static String titlesLoopFailure(String sample, String test, String... extraFrames) {
    String name = sample + "." + test + "()";
    StringBuilder where =
        new StringBuilder("    where: dev.nplusone.junit.Library.titlesOf(Library.java)")
            .append("\n           ")
            .append("dev.nplusone.junit.Library.titlesOneQueryPerAuthor(Library.java)");
    for (String frame : extraFrames) {
      where.append("\n           ").append(frame);
    }
    return """
        AssertionFailedError: %s ran 1 repeated query:

        1) N+1 query: the same query ran 3 times from one call site with 3 different value sets, \
        one per execution (… ms in total) in scope '%s'
            sql:   select title from sample_book where author_id = ? order by id
        %s
            parent query: select id from sample_author order by id
            linked by:    sample_author.id = sample_book.author_id (value correlation)
            fix (join):   SELECT sample_author.id, sb.title AS sb_title FROM sample_author \
        LEFT JOIN sample_book sb ON sb.author_id = sample_author.id ORDER BY sample_author.id
            fix (batch):  SELECT title, author_id FROM sample_book WHERE author_id = any(?) \
        ORDER BY id
            note:         the repeated query's values were read from the parent query's rows \
        (2 of 2 sampled executions matched)
            note:         each parent row now repeats once per sample_book row (and appears once \
        with NULLs when it has none): group the rows by the parent's key in code
            note:         bind one array of all the values: setArray(i, connection.createArrayOf(…))
            note:         the rewrite also selects author_id so each row can be matched back to \
        its parent
            baseline: d94b60c2d8a5b828 N_PLUS_ONE dev.nplusone.junit.Library.titlesOf \
        select title from sample_book where author_id = ? order by id

        To fix:
          N+1: load the related rows with the first query (a JOIN) or in one more query \
        (IN (…) over the keys, a batch fetch), not one query per row.
        To accept it: annotate the test or its class with @AllowNPlusOne(reason = "…"), \
        or add its baseline line to nplusone-baseline.txt \
        (-Dnplusone.baseline.write=true adds every current finding)."""
        .formatted(name, name, where);
  }

  @Test
  void loops_failOnlyTheTestBodyThatRunsOneQueryPerRow() {
    assertThat(TestKit.run(Loops.class))
        .isEqualTo(
            Map.of(
                "oneQueryPerAuthor",
                titlesLoopFailure(
                    "Loops",
                    "oneQueryPerAuthor",
                    "dev.nplusone.junit.DetectNPlusOneTest$Loops.oneQueryPerAuthor"
                        + "(DetectNPlusOneTest.java)",
                    "dev.nplusone.junit.TestKit.run(TestKit.java)"),
                "joined",
                "passed",
                "allowed",
                "passed",
                "allowedWithoutReason",
                "ExtensionConfigurationException: @AllowNPlusOne needs a reason saying why the"
                    + " repetition is acceptable, got ' ' on"
                    + " dev.nplusone.junit.DetectNPlusOneTest$Loops.allowedWithoutReason"));
  }

  @SampleOnly
  @DetectNPlusOne
  @AllowNPlusOne(reason = "the budgets are under test here")
  static class Budgets {
    @Test
    @ExpectStatements(select = 1)
    void loopOverBudget() throws SQLException {
      Library.titlesOneQueryPerAuthor();
    }

    @Test
    @ExpectStatements(select = 1, maxTotal = 1)
    void joinWithinBudget() throws SQLException {
      Library.titlesJoined();
    }

    @Test
    @ExpectStatements(maxSelect = 2, update = 2, maxTotal = 3)
    void severalBroken() throws SQLException {
      Library.titlesOneQueryPerAuthor();
      Library.rename(1, "renamed");
    }

    @Test
    @ExpectStatements(select = 1, maxSelect = 2)
    void exactAndMaximum() throws SQLException {
      Library.titlesJoined();
    }

    @Test
    @ExpectStatements(maxTotal = -2)
    void negative() throws SQLException {
      Library.titlesJoined();
    }

    @Test
    @ExpectStatements
    void empty() throws SQLException {
      Library.titlesJoined();
    }

    @Test
    @ExpectStatements(select = 1)
    void twiceWrappedDataSourceCountsOnce() throws SQLException {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL(Library.VENDOR_URL);
      Library.prepare();
      try (var c = NPlusOne.wrap(NPlusOne.wrap(h2)).getConnection();
          var s = c.createStatement()) {
        s.executeQuery("select count(*) from sample_book").close();
      }
    }
  }

  @Test
  void budgets_failWithCountDiffsAndTheStatementsRun() {
    assertThat(TestKit.run(Budgets.class))
        .isEqualTo(
            Map.of(
                "loopOverBudget",
                """
                AssertionFailedError: Statement budget of Budgets.loopOverBudget() not met:
                  expected 1 SELECT but 4 ran (+3)
                Statements run (4):
                  3 × select title from sample_book where author_id = ? order by id
                  1 × select id from sample_author order by id
                Change the code, or @ExpectStatements if the new count is intended.""",
                "joinWithinBudget",
                "passed",
                "severalBroken",
                """
                AssertionFailedError: Statement budget of Budgets.severalBroken() not met:
                  expected at most 2 SELECT but 4 ran (+2)
                  expected 2 UPDATE but 1 ran (-1)
                  expected at most 3 statements but 5 ran (+2)
                Statements run (5):
                  3 × select title from sample_book where author_id = ? order by id
                  1 × select id from sample_author order by id
                  1 × update sample_author set name = ? where id = ?
                Change the code, or @ExpectStatements if the new count is intended.""",
                "exactAndMaximum",
                "ExtensionConfigurationException: @ExpectStatements sets select or maxSelect, not"
                    + " both, got select = 1 and maxSelect = 2",
                "negative",
                "ExtensionConfigurationException: @ExpectStatements counts are at least 0, or -1"
                    + " for unchecked, got maxTotal = -2",
                "empty",
                "ExtensionConfigurationException: @ExpectStatements must set at least one count,"
                    + " got none",
                "twiceWrappedDataSourceCountsOnce",
                "passed"));
  }

  @SampleOnly
  @DetectNPlusOne
  static class Recordings {
    @Test
    void joined(StatementRecording recording) throws SQLException {
      Library.titlesJoined();
      assertThat(recording).hasNoNPlusOne().hasSelectCount(1).hasTotalCountAtMost(1);
    }

    @Test
    void loop(StatementRecording recording) throws SQLException {
      Library.titlesOneQueryPerAuthor();
      assertThat(recording).hasSelectCountAtMost(2);
    }

    @Test
    @AllowNPlusOne(reason = "checked by the assertion")
    void loopHasNPlusOne(StatementRecording recording) throws SQLException {
      Library.titlesOneQueryPerAuthor();
      assertThat(recording).hasNoNPlusOne();
    }
  }

  @Test
  void recordings_areInjectedAndAssertedFluently() {
    assertThat(TestKit.run(Recordings.class))
        .isEqualTo(
            Map.of(
                "joined",
                "passed",
                "loop",
                """
                AssertionFailedError: Recordings.loop(): expected at most 2 SELECT but 4 ran (+2)
                Statements run (4):
                  3 × select title from sample_book where author_id = ? order by id
                  1 × select id from sample_author order by id""",
                "loopHasNPlusOne",
                titlesLoopFailure(
                    "Recordings",
                    "loopHasNPlusOne",
                    "dev.nplusone.junit.DetectNPlusOneTest$Recordings.loopHasNPlusOne"
                        + "(DetectNPlusOneTest.java)",
                    "dev.nplusone.junit.TestKit.run(TestKit.java)")));
  }

  @SampleOnly
  @DetectNPlusOne
  static class CurrentThread {
    @Test
    @ExpectStatements(total = 0)
    void serverThreadLoops() throws Exception {
      Library.onServerThread(Library::titlesOneQueryPerAuthor);
    }
  }

  @SampleOnly
  @DetectNPlusOne(threads = NPlusOneExtension.Threads.ALL)
  static class AllThreads {
    @Test
    @ExpectStatements(select = 1)
    void serverThreadLoops() throws Exception {
      Library.onServerThread(Library::titlesOneQueryPerAuthor);
    }
  }

  @SampleOnly
  static class AllThreadsRegistered {
    @RegisterExtension
    static final NPlusOneExtension EXTENSION =
        NPlusOneExtension.builder().threads(NPlusOneExtension.Threads.ALL).build();

    @Test
    void serverThreadLoops() throws Exception {
      Library.onServerThread(Library::titlesOneQueryPerAuthor);
    }
  }

  @Test
  void threads_currentByDefaultSoAServerThreadDoesNotCount() {
    assertThat(TestKit.run(CurrentThread.class)).isEqualTo(Map.of("serverThreadLoops", "passed"));
  }

  @Test
  void threads_allCountsAServerThreadWithBudgetAndFindings() {
    String serverFrames = "dev.nplusone.junit.Library.lambda$onServerThread$1(Library.java)";
    assertThat(TestKit.run(AllThreads.class))
        .isEqualTo(
            Map.of(
                "serverThreadLoops",
                """
                AssertionFailedError: Statement budget of AllThreads.serverThreadLoops() not met:
                  expected 1 SELECT but 4 ran (+3)
                Statements run (4):
                  3 × select title from sample_book where author_id = ? order by id
                  1 × select id from sample_author order by id
                Change the code, or @ExpectStatements if the new count is intended.

                """
                    + titlesLoopFailure("AllThreads", "serverThreadLoops", serverFrames)
                        .substring("AssertionFailedError: ".length())));
  }

  @Test
  void threads_allFromTheBuilderOfARegisteredExtension() {
    assertThat(TestKit.run(AllThreadsRegistered.class))
        .isEqualTo(
            Map.of(
                "serverThreadLoops",
                titlesLoopFailure(
                    "AllThreadsRegistered",
                    "serverThreadLoops",
                    "dev.nplusone.junit.Library.lambda$onServerThread$1(Library.java)")));
  }

  @SampleOnly
  @DetectNPlusOne
  static class RegisteredTwice {
    @RegisterExtension
    static final NPlusOneExtension EXTENSION = NPlusOneExtension.builder().build();

    @Test
    void oneQueryPerAuthor() throws SQLException {
      Library.titlesOneQueryPerAuthor();
    }
  }

  @Test
  void registeredTwice_oneScopeAndOneFailure() {
    assertThat(TestKit.run(RegisteredTwice.class))
        .isEqualTo(
            Map.of(
                "oneQueryPerAuthor",
                titlesLoopFailure(
                    "RegisteredTwice",
                    "oneQueryPerAuthor",
                    "dev.nplusone.junit.DetectNPlusOneTest$RegisteredTwice.oneQueryPerAuthor"
                        + "(DetectNPlusOneTest.java)",
                    "dev.nplusone.junit.TestKit.run(TestKit.java)")));
  }

  @Test
  void throwMode_fixtureFindingsStayOutOfTheBodyWhichFailsWithTheExtensionsMessage() {
    System.setProperty("nplusone.mode", "throw");
    try {
      assertThat(TestKit.run(Loops.class))
          .containsEntry("joined", "passed")
          .containsEntry(
              "oneQueryPerAuthor",
              titlesLoopFailure(
                  "Loops",
                  "oneQueryPerAuthor",
                  "dev.nplusone.junit.DetectNPlusOneTest$Loops.oneQueryPerAuthor"
                      + "(DetectNPlusOneTest.java)",
                  "dev.nplusone.junit.TestKit.run(TestKit.java)"));
    } finally {
      System.clearProperty("nplusone.mode");
    }
  }
}
