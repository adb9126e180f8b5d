package dev.nplusone.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Confirming walks ({@link CallSite#confirm}): from the expected call site they return that very
 * site, and from anywhere else what a full walk finds, with its own method names and lines. Real
 * stacks: this class's frames are the application's, everything else is left out.
 */
class CallSiteConfirmTest {
  private static final CallSite.Rules RULES =
      CallSite.Rules.of(List.of(CallSiteConfirmTest.class.getName()), List.of(), 4);

  private static final CallSite.Rules ONE_FRAME =
      CallSite.Rules.of(List.of(CallSiteConfirmTest.class.getName()), List.of(), 1);

  private final CallSite.Confirmation confirmation = new CallSite.Confirmation();

  /** One call instruction for every walk below, so that its frame is the same in each. */
  private CallSite site(CallSite.Rules rules, CallSite expected) {
    return CallSite.confirm(rules, expected, confirmation);
  }

  private static int line() {
    return new Throwable().getStackTrace()[1].getLineNumber();
  }

  @Test
  void aWalkFromTheExpectedCallSiteReturnsThatSite() {
    List<CallSite> sites = new ArrayList<>();
    CallSite first = null;
    for (int i = 0; i < 3; i++) {
      CallSite s = site(RULES, first);
      sites.add(s);
      first = sites.get(0);
    }
    assertThat(first.elements()).hasSize(2);
    assertThat(first.elements().get(1).getMethodName())
        .isEqualTo("aWalkFromTheExpectedCallSiteReturnsThatSite");
    assertThat(sites.get(1)).isSameAs(first);
    assertThat(sites.get(2)).isSameAs(first);
  }

  @Test
  void aWalkFromAnotherLineFindsThatLineWithItsOwnNames() {
    CallSite first = site(RULES, null);
    int otherLine = line() + 1;
    CallSite other = site(RULES, first);
    // The innermost frame (the helper's one call) is the same: only the caller differs.
    assertThat(other.elements().get(0)).isEqualTo(first.elements().get(0));
    assertThat(other).isNotSameAs(first).isNotEqualTo(first);
    assertThat(other.elements().get(1).getLineNumber()).isEqualTo(otherLine);
    assertThat(other.elements().get(1).getMethodName())
        .isEqualTo("aWalkFromAnotherLineFindsThatLineWithItsOwnNames");
  }

  /**
   * Two walks from one line: the first under {@code first}, the second under {@code second}
   * expecting the first's site; returns both sites.
   */
  private CallSite[] twoWalks(CallSite.Rules first, CallSite.Rules second) {
    CallSite[] sites = new CallSite[2];
    for (int i = 0; i < 2; i++) {
      sites[i] = site(i == 0 ? first : second, sites[0]);
    }
    return sites;
  }

  @Test
  void aStackWithMoreApplicationFramesThanTheExpectedSiteIsNotThatSite() {
    CallSite[] s = twoWalks(ONE_FRAME, RULES);
    assertThat(s[0].elements()).hasSize(1);
    // Under four frames: this helper's call, twoWalks, this test (then the stack has no more).
    assertThat(s[1]).isNotSameAs(s[0]);
    assertThat(s[1].elements()).hasSize(3);
    assertThat(s[1].elements().get(0)).isEqualTo(s[0].elements().get(0));
  }

  @Test
  void aSiteTakenWithMoreFramesIsNotConfirmedByAShallowerDepth() {
    CallSite[] s = twoWalks(RULES, ONE_FRAME);
    assertThat(s[0].elements()).hasSize(3);
    assertThat(s[1]).isNotSameAs(s[0]);
    assertThat(s[1].elements()).hasSize(1);
  }

  @Test
  void withNothingExpectedAWalkCapturesInFull() {
    CallSite s = site(RULES, null);
    assertThat(s.elements()).hasSize(2);
    assertThat(site(RULES, CallSite.NONE)).isNotSameAs(CallSite.NONE);
  }
}
