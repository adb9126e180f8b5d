package dev.nplusone.internal;

/**
 * What the detector needs to know about one raw SQL string: its fingerprint and a few facts the
 * normalizer learns in the same pass. Immutable; cached per raw SQL by {@link FingerprintCache}.
 */
public final class SqlShape {
  /** The kind of statement, from its first keyword. */
  public enum StatementKind {
    SELECT,
    INSERT,
    UPDATE,
    DELETE,
    MERGE,
    CALL,
    OTHER
  }

  private final String normalizedSql;
  private final long hash;
  private final long literalsHash;
  private final int literalCount;
  private final int maxListElements;
  private final StatementKind kind;
  private final int canonicalLength;

  /** The raw SQL this shape was made from, for fix suggestions only; never logged. */
  String rawSql;

  /**
   * @param normalizedSql the normalized text, capped at about 4 KB for display
   * @param hash 64-bit hash of the whole canonical text (not only the displayed part)
   * @param literalsHash hash of the literal values taken out of the text, 0 when there were none
   * @param literalCount number of literals taken out
   * @param maxListElements the largest number of simple elements in one {@code IN (…)} / {@code
   *     ARRAY[…]} list before collapsing, 0 when the statement has no such list
   * @param kind the statement's kind
   */
  public SqlShape(
      String normalizedSql,
      long hash,
      long literalsHash,
      int literalCount,
      int maxListElements,
      StatementKind kind) {
    this(
        normalizedSql,
        hash,
        literalsHash,
        literalCount,
        maxListElements,
        kind,
        normalizedSql == null ? 0 : normalizedSql.length());
  }

  /**
   * A shape whose canonical text may be longer than its displayed part.
   *
   * @param canonicalLength the length in chars of the whole canonical text that {@code hash} covers
   */
  public SqlShape(
      String normalizedSql,
      long hash,
      long literalsHash,
      int literalCount,
      int maxListElements,
      StatementKind kind,
      int canonicalLength) {
    this.normalizedSql = normalizedSql;
    this.hash = hash;
    this.literalsHash = literalsHash;
    this.literalCount = literalCount;
    this.maxListElements = maxListElements;
    this.kind = kind;
    this.canonicalLength = canonicalLength;
  }

  public String normalizedSql() {
    return normalizedSql;
  }

  public long hash() {
    return hash;
  }

  public long literalsHash() {
    return literalsHash;
  }

  public int literalCount() {
    return literalCount;
  }

  public int maxListElements() {
    return maxListElements;
  }

  public StatementKind kind() {
    return kind;
  }

  /**
   * The length in chars of the whole canonical text, of which {@link #normalizedSql()} may show
   * only the start.
   */
  public int canonicalLength() {
    return canonicalLength;
  }

  /** Whether one execution carries several values in a list, as a batch fetch does. */
  public boolean multiValued() {
    return maxListElements > 1;
  }

  /** The raw SQL this shape was made from, or null; for fix suggestions only, never logged. */
  String rawSql() {
    return rawSql;
  }

  @Override
  public String toString() {
    return normalizedSql;
  }
}
