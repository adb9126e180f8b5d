package dev.nplusone.internal;

/**
 * Votes, per query shape in a scope, on which earlier result-set column supplied each of its bind
 * values: filled when the shape repeats (at most {@value #MAX_SAMPLES} executions, first {@value
 * #MAX_PARAMS} markers, {@value #MAX_CANDIDATES} candidate columns each), read when a finding is
 * made. Bounded; touched by the scope's thread (or under the scope's monitor).
 */
final class Correlation {
  static final int MAX_PARAMS = 4;
  static final int MAX_CANDIDATES = 6;
  static final int MAX_SAMPLES = 64;

  /**
   * Past {@link #MAX_SAMPLES}, sampling goes on until {@value #MIN_HITS} samples found a candidate
   * or {@value #MAX_SEARCH} were taken: a parent read in full before the loop (an ORM's way) may
   * have had its first values pushed out of the index by the time the first children run.
   */
  static final int MIN_HITS = 8;

  static final int MAX_SEARCH = 1024;

  /**
   * Whether this shape's loop was already under way in the implicit scope this one took over from
   * when that one reached its statement limit: its first executions here are not the start of a
   * loop, so no parent values can have been pushed out before them, and sampling ends at {@link
   * #MAX_SAMPLES} whatever it found. A loop whose samples there found no candidate at all does not
   * sample here ({@link #searched}): the same loop goes on, its bind values still come from
   * somewhere the index does not see.
   */
  boolean continued;

  /** Set for a continued loop whose earlier samples found no candidate: nothing is sampled. */
  private boolean searched;

  /** Samples in which at least one candidate was found. */
  int hits;

  private int votesCast;

  int samples;

  /** Whether an earlier execution of the shape returned several rows: a to-many child. */
  boolean multiRow;

  final int[] params = new int[MAX_PARAMS];
  int paramCount;
  final SqlShape[][] origins = new SqlShape[MAX_PARAMS][MAX_CANDIDATES];
  final short[][] columns = new short[MAX_PARAMS][MAX_CANDIDATES];
  final String[][] labels = new String[MAX_PARAMS][MAX_CANDIDATES];
  final int[][] all = new int[MAX_PARAMS][MAX_CANDIDATES];
  final int[][] recent = new int[MAX_PARAMS][MAX_CANDIDATES];
  final int[] sizes = new int[MAX_PARAMS];

  /**
   * Looks the bind values of one execution of {@code shape} up in the thread's value index; returns
   * the votes, made on the first call.
   */
  static Correlation sample(
      Correlation c, ValueIndex index, SqlShape shape, Object[] params, int paramCount) {
    if (index == null
        || (c != null && c.searched)
        || (c != null
            && c.samples >= MAX_SAMPLES
            && (c.hits >= MIN_HITS || c.continued || c.samples >= MAX_SEARCH))) {
      return c;
    }
    if (c == null) {
      c = new Correlation();
    }
    c.samples++;
    if (index.isMultiRow(shape.hash())) {
      c.multiRow = true;
    }
    if (params == null) {
      return c;
    }
    int n = Math.min(paramCount, MAX_PARAMS);
    int before = c.votesCast;
    for (int i = 0; i < n; i++) {
      index.vote(ValueIndex.hash(params[i]), i + 1, shape, c);
    }
    if (c.votesCast != before) {
      c.hits++;
    }
    return c;
  }

  /**
   * The votes of a shape whose loop goes on from the previous implicit scope; see {@link
   * #continued}.
   */
  static Correlation continued(boolean found, boolean multiRow) {
    Correlation c = new Correlation();
    c.continued = true;
    c.searched = !found;
    c.multiRow = multiRow;
    return c;
  }

  /** One vote for {@code origin}'s column as the source of {@code param}. */
  void add(int param, SqlShape origin, int column, String label, boolean mostRecent) {
    if (!mostRecent) {
      votesCast++;
    }
    int p = -1;
    for (int i = 0; i < paramCount; i++) {
      if (params[i] == param) {
        p = i;
        break;
      }
    }
    if (p < 0) {
      if (paramCount == MAX_PARAMS) {
        return;
      }
      p = paramCount++;
      params[p] = param;
    }
    int n = sizes[p];
    for (int i = 0; i < n; i++) {
      if (origins[p][i].hash() == origin.hash()
          && columns[p][i] == column
          && java.util.Objects.equals(labels[p][i], label)) {
        if (mostRecent) {
          recent[p][i]++;
        } else {
          all[p][i]++;
        }
        return;
      }
    }
    if (n == MAX_CANDIDATES) {
      return;
    }
    origins[p][n] = origin;
    columns[p][n] = (short) column;
    labels[p][n] = label;
    if (mostRecent) {
      recent[p][n]++;
    } else {
      all[p][n]++;
    }
    sizes[p] = n + 1;
  }
}
