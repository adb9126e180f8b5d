package dev.nplusone.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;

/** The baseline file: written from a suite, merged safely, and suppressing only what it lists. */
class BaselineTest {
  static final String HEADER =
      "# nplusone baseline: known repeated queries that do not fail tests.\n"
          + "# One per line: fingerprint, kind, call site, SQL; only the fingerprint is matched.\n"
          + "# Delete a line once its query is fixed; rewrite the file by deleting it and running"
          + " the suite with -Dnplusone.baseline.write=true.\n";

  // Fingerprints are the first 16 hex digits of SHA-256 over "<sql>\n<Class.method>"; pinned here
  // so that baseline files stay valid across versions.
  static final String NAMES_LINE =
      "6cec55166b719356 N_PLUS_ONE dev.nplusone.junit.Library.namesOneQueryPerAuthor"
          + " select name from sample_author where id = ?";

  static final String TITLES_LINE =
      "d94b60c2d8a5b828 N_PLUS_ONE dev.nplusone.junit.Library.titlesOf"
          + " select title from sample_book where author_id = ? order by id";

  @SampleOnly
  @DetectNPlusOne
  static class Legacy {
    @Test
    void titles() throws SQLException {
      Library.titlesOneQueryPerAuthor();
    }

    @Test
    void names() throws SQLException {
      Library.namesOneQueryPerAuthor();
    }
  }

  static final String ANNOTATED_BASELINE = "target/baseline-test/annotated-baseline.txt";

  @SampleOnly
  @DetectNPlusOne(baseline = ANNOTATED_BASELINE)
  static class AnnotatedBaseline {
    @Test
    void titles() throws SQLException {
      Library.titlesOneQueryPerAuthor();
    }
  }

  @Test
  void write_addsEveryFindingSortedByCallSiteAndPasses(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("nested/baseline.txt");
    Map<String, String> write =
        Map.of("nplusone.baseline", file.toString(), "nplusone.baseline.write", "true");

    assertThat(TestKit.run(Legacy.class, write))
        .isEqualTo(Map.of("titles", "passed", "names", "passed"));
    assertThat(Files.readString(file)).isEqualTo(HEADER + NAMES_LINE + "\n" + TITLES_LINE + "\n");

    // Running again adds nothing and keeps the file as it was.
    assertThat(TestKit.run(Legacy.class, write))
        .isEqualTo(Map.of("titles", "passed", "names", "passed"));
    assertThat(Files.readString(file)).isEqualTo(HEADER + NAMES_LINE + "\n" + TITLES_LINE + "\n");
  }

  @Test
  void read_suppressesOnlyTheFindingsItLists(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("baseline.txt");
    Files.writeString(file, HEADER + "\n" + NAMES_LINE + "\n");

    Map<String, String> outcomes =
        TestKit.run(Legacy.class, Map.of("nplusone.baseline", file.toString()));

    assertThat(outcomes).containsEntry("names", "passed").containsOnlyKeys("names", "titles");
    assertThat(outcomes.get("titles"))
        .startsWith("AssertionFailedError: Legacy.titles() ran 1 repeated query:")
        .contains("\n    baseline: " + TITLES_LINE + "\n")
        .endsWith(
            "or add its baseline line to "
                + file
                + " (-Dnplusone.baseline.write=true adds every current finding).");
  }

  @Test
  void annotation_namesTheBaselineFile() throws Exception {
    Path file = Paths.get(ANNOTATED_BASELINE);
    Files.createDirectories(file.getParent());
    Files.writeString(file, TITLES_LINE + "\n");

    assertThat(TestKit.run(AnnotatedBaseline.class)).isEqualTo(Map.of("titles", "passed"));
  }

  @Test
  void writeSwitch_mustBeTrueOrFalse() {
    assertThat(TestKit.run(Legacy.class, Map.of("nplusone.baseline.write", "yes")))
        .isEqualTo(
            Map.of(
                "titles",
                "ExtensionConfigurationException: nplusone.baseline.write must be true or false,"
                    + " got 'yes'",
                "names",
                "ExtensionConfigurationException: nplusone.baseline.write must be true or false,"
                    + " got 'yes'"));
  }

  @Test
  void read_rejectsALineWithoutAFingerprint(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("baseline.txt");
    Files.writeString(file, "# comment\n\nnot-a-fingerprint N_PLUS_ONE x select 1\n");

    assertThatThrownBy(() -> Baseline.read(file))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage(
            "line 3 of the baseline "
                + file
                + " must start with a 16-digit hex fingerprint, got 'not-a-fingerprint N_PLUS_ONE x"
                + " select 1'");
    assertThat(Baseline.read(dir.resolve("missing.txt"))).isEmpty();
  }

  @Test
  void add_concurrentWritersMergeWithoutLosingLines(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("baseline.txt");
    int writers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        String line = String.format("%016x DUPLICATE app.Site%d.call select %d", i, i, i);
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  return Baseline.add(file, List.of(line));
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    StringBuilder expected = new StringBuilder(HEADER);
    for (int i = 0; i < writers; i++) {
      expected.append(String.format("%016x DUPLICATE app.Site%d.call select %d%n", i, i, i));
    }
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }
}
