package dev.nplusone.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The value index on its own: what a put records, what a vote finds, which way of a full bucket a
 * new value replaces, that this stays right after the 24-bit write stamps wrap around, and how many
 * values read since the last vote the ring keeps.
 */
class ValueIndexTest {
  private static final SqlShape AUTHORS = SqlNormalizer.shape("select id from author", null);
  private static final SqlShape BOOKS = SqlNormalizer.shape("select author_id from book", null);
  private static final SqlShape CHILD =
      SqlNormalizer.shape("select name from author where id = ?", null);

  /**
   * Value hashes that share one bucket: the bucket is {@code (h ^ h >>> 32) & (SLOTS - WAYS)}, so
   * 8, 9, 10, 11 and 8 + SLOTS all land in bucket 8.
   */
  private static final long[] SAME_BUCKET = {8, 9, 10, 11, 8 + ValueIndex.SLOTS};

  /** The votes the index gives for the value hashed {@code h} as parameter 1 of the child. */
  private static Correlation votes(ValueIndex index, long h) {
    Correlation c = new Correlation();
    index.vote(h, 1, CHILD, c);
    return c;
  }

  @Test
  void aVoteFindsTheColumnAndTheLabelAValueWasReadFrom() {
    ValueIndex index = new ValueIndex();
    index.putLong(42, AUTHORS, 1, null);
    index.putString("ada", AUTHORS, 0, "name");
    Correlation byIndex = votes(index, ValueIndex.hashLong(42));
    assertThat(byIndex.paramCount).isEqualTo(1);
    assertThat(byIndex.sizes[0]).isEqualTo(1);
    assertThat(byIndex.origins[0][0]).isSameAs(AUTHORS);
    assertThat(byIndex.columns[0][0]).isEqualTo((short) 1);
    assertThat(byIndex.labels[0][0]).isNull();
    Correlation byLabel = votes(index, ValueIndex.hashString("ada"));
    assertThat(byLabel.columns[0][0]).isEqualTo((short) 0);
    assertThat(byLabel.labels[0][0]).isEqualTo("name");
    assertThat(votes(index, ValueIndex.hashLong(43)).paramCount).isZero();
  }

  @Test
  void oneValueFromTwoOriginsVotesForBothAndMarksTheLatest() {
    ValueIndex index = new ValueIndex();
    index.putLong(7, AUTHORS, 1, null);
    index.putLong(7, BOOKS, 1, null);
    Correlation c = votes(index, ValueIndex.hashLong(7));
    assertThat(c.sizes[0]).isEqualTo(2);
    int books = c.origins[0][0] == BOOKS ? 0 : 1;
    assertThat(c.origins[0][books]).isSameAs(BOOKS);
    assertThat(c.recent[0][books]).isEqualTo(1);
    assertThat(c.recent[0][1 - books]).isZero();
    assertThat(c.all[0][0]).isEqualTo(1);
    assertThat(c.all[0][1]).isEqualTo(1);
  }

  @Test
  void theQueryItselfIsNeverItsOwnOrigin() {
    ValueIndex index = new ValueIndex();
    index.putLong(5, CHILD, 1, null);
    assertThat(votes(index, ValueIndex.hashLong(5)).paramCount).isZero();
  }

  @Test
  void readingTheSameValueAgainRefreshesItsEntryInsteadOfAddingOne() {
    ValueIndex index = new ValueIndex();
    for (int i = 0; i < 3; i++) {
      index.put(SAME_BUCKET[0], AUTHORS, 1, null);
    }
    // Three more values fill the bucket; had the repeats taken ways, the first would be gone.
    for (int i = 1; i < 4; i++) {
      index.put(SAME_BUCKET[i], AUTHORS, 1, null);
    }
    for (int i = 0; i < 4; i++) {
      assertThat(votes(index, SAME_BUCKET[i]).paramCount).as("value %d", i).isEqualTo(1);
    }
  }

  @Test
  void aFullBucketLosesItsLeastRecentlyWrittenValue() {
    ValueIndex index = new ValueIndex();
    for (int i = 0; i < 4; i++) {
      index.put(SAME_BUCKET[i], AUTHORS, 1, null);
    }
    // Reading the first again makes the second the least recent.
    index.put(SAME_BUCKET[0], AUTHORS, 1, null);
    index.put(SAME_BUCKET[4], AUTHORS, 1, null);
    assertThat(votes(index, SAME_BUCKET[1]).paramCount).isZero();
    for (int i : new int[] {0, 2, 3, 4}) {
      assertThat(votes(index, SAME_BUCKET[i]).paramCount).as("value %d", i).isEqualTo(1);
    }
  }

  @Test
  void theLeastRecentlyWrittenIsStillFoundWhenTheStampsWrapAround() {
    ValueIndex index = new ValueIndex();
    // Puts into other buckets (values 16 to 2015) until the next stamp is the last below 2^24;
    // stamps are given as values move from the ring into the table, so move them in as they come.
    for (int i = 0; i < (1 << 24) - 2; i++) {
      index.put(16 + i % 2000, AUTHORS, 1, null);
      if ((i & 1023) == 1023) {
        index.drain();
      }
    }
    // The first value gets the largest stamp, the next three stamps after the wrap.
    for (int i = 0; i < 4; i++) {
      index.put(SAME_BUCKET[i], AUTHORS, 1, null);
    }
    index.put(SAME_BUCKET[4], AUTHORS, 1, null);
    assertThat(votes(index, SAME_BUCKET[0]).paramCount).isZero();
    for (int i = 1; i < 5; i++) {
      assertThat(votes(index, SAME_BUCKET[i]).paramCount).as("value %d", i).isEqualTo(1);
    }
  }

  @Test
  void aValueFromAnotherColumnOrLabelIsAnEntryOfItsOwn() {
    ValueIndex index = new ValueIndex();
    index.put(SAME_BUCKET[0], AUTHORS, 1, null);
    index.put(SAME_BUCKET[0], AUTHORS, 2, null);
    index.put(SAME_BUCKET[0], AUTHORS, 0, "id");
    Correlation c = votes(index, SAME_BUCKET[0]);
    assertThat(c.sizes[0]).isEqualTo(3);
  }

  @Test
  void aVoteFindsAValueReadUpToRingValuesAgoAndNoEarlier() {
    long early = SAME_BUCKET[0];
    long later = ValueIndex.hashLong(100);
    ValueIndex kept = new ValueIndex();
    kept.put(early, AUTHORS, 1, null);
    // One value read again and again: one table entry, but a ring position each time.
    for (int i = 0; i < ValueIndex.RING - 1; i++) {
      kept.put(later, BOOKS, 1, null);
    }
    assertThat(votes(kept, early).paramCount).isEqualTo(1);
    ValueIndex lost = new ValueIndex();
    lost.put(early, AUTHORS, 1, null);
    for (int i = 0; i < ValueIndex.RING; i++) {
      lost.put(later, BOOKS, 1, null);
    }
    assertThat(votes(lost, early).paramCount).isZero();
    assertThat(votes(lost, later).paramCount).isEqualTo(1);
  }

  @Test
  void aValueAVoteTookInStaysFoundAfterTheRingMovesOn() {
    ValueIndex index = new ValueIndex();
    long early = SAME_BUCKET[0];
    index.put(early, AUTHORS, 1, null);
    assertThat(votes(index, early).paramCount).isEqualTo(1);
    long later = ValueIndex.hashLong(100);
    for (int i = 0; i < 3 * ValueIndex.RING; i++) {
      index.put(later, BOOKS, 1, null);
    }
    assertThat(votes(index, later).paramCount).isEqualTo(1);
    assertThat(votes(index, early).paramCount).isEqualTo(1);
  }

  @Test
  void valuesWithoutAnOriginOrOutsideTheTracedColumnsAreNotKept() {
    ValueIndex index = new ValueIndex();
    index.put(SAME_BUCKET[0], null, 1, null);
    index.put(SAME_BUCKET[1], AUTHORS, -1, null);
    index.put(SAME_BUCKET[2], AUTHORS, ValueIndex.MAX_COLUMN + 1, null);
    index.put(SAME_BUCKET[3], AUTHORS, ValueIndex.MAX_COLUMN, null);
    assertThat(votes(index, SAME_BUCKET[0]).paramCount).isZero();
    assertThat(votes(index, SAME_BUCKET[1]).paramCount).isZero();
    assertThat(votes(index, SAME_BUCKET[2]).paramCount).isZero();
    assertThat(votes(index, SAME_BUCKET[3]).columns[0][0]).isEqualTo((short) ValueIndex.MAX_COLUMN);
  }
}
