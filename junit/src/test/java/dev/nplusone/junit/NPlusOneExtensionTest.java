package dev.nplusone.junit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nplusone.NPlusOne;
import dev.nplusone.Scope;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** The builder's validation. */
class NPlusOneExtensionTest {
  @Test
  void baseline_rejectsAnEmptyPath() {
    assertThatThrownBy(() -> NPlusOneExtension.builder().baseline(Paths.get("")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a baseline path must not be empty, got ''");
  }

  @Test
  void builder_rejectsNulls() {
    assertThatThrownBy(() -> NPlusOneExtension.builder().baseline(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("path");
    assertThatThrownBy(() -> NPlusOneExtension.builder().threads(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("threads");
  }

  @Test
  void assertThat_rejectsANullRecordingAndNegativeCounts() {
    assertThatThrownBy(() -> NPlusOneAssertions.assertThat(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("recording");
    try (Scope scope = NPlusOne.scope("counts")) {
      StatementRecording r = new StatementRecording("T.counts()", scope, Paths.get("b.txt"));
      assertThatThrownBy(() -> NPlusOneAssertions.assertThat(r).hasSelectCount(-1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("an expected statement count must be at least 0, got -1");
      NPlusOneAssertions.assertThat(r).hasTotalCount(0).hasNoFindings();
    }
  }
}
