package dev.nplusone.internal;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * Per thread: which result-set column a key-like value was last read from, so a repeated query's
 * bind values can be traced to the earlier query whose rows supplied them (issue 5).
 *
 * <p>A fixed table of {@value #SLOTS} slots in buckets of {@value #WAYS}, keyed by a 64-bit hash of
 * the value (numbers of any integral type hash alike, so an {@code int} read matches a {@code long}
 * bind): O(1) memory per thread, no allocation per getter, a new entry replaces the least recently
 * written of its bucket. Only the hash is kept, never the value. Written by result-set getters of
 * the thread that executed the query; a result set read on another thread writes here too, and a
 * torn entry can only cost a vote.
 */
final class ValueIndex {
  static final int SLOTS = 2048;

  /** Entries per bucket. */
  static final int WAYS = 4;

  /** Strings longer than this are not key-like. */
  static final int MAX_STRING = 64;

  /** Columns beyond this index are not captured. */
  static final int MAX_COLUMN = 64;

  private static final ThreadLocal<ValueIndex> CURRENT = ThreadLocal.withInitial(ValueIndex::new);

  private final long[] keys = new long[SLOTS];
  private final SqlShape[] origins = new SqlShape[SLOTS];
  private final short[] columns = new short[SLOTS];
  private final String[] labels = new String[SLOTS];
  private final int[] stamps = new int[SLOTS];
  private int clock;

  /** Shapes whose result sets yielded a second row: hashes, open addressing, overwrite. */
  private final long[] multiRow = new long[256];

  static ValueIndex current() {
    return CURRENT.get();
  }

  // ------------------------------------------------------------------ hashing

  static long hashLong(long v) {
    long h = v * 0x9E3779B97F4A7C15L;
    h ^= h >>> 29;
    return h == 0 ? 1 : h;
  }

  static long hashString(String s) {
    long h = ((long) s.hashCode() << 21) ^ s.length() ^ 0x5bd1e9955bd1e995L;
    h *= 0xC2B2AE3D27D4EB4FL;
    h ^= h >>> 31;
    return h == 0 ? 2 : h;
  }

  static long hashUuid(UUID u) {
    long h = (u.getMostSignificantBits() * 31 + u.getLeastSignificantBits()) * 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    return h == 0 ? 3 : h;
  }

  /** The hash of a key-like value, or 0 when {@code v} is not one. */
  static long hash(Object v) {
    if (v instanceof Long || v instanceof Integer || v instanceof Short) {
      return hashLong(((Number) v).longValue());
    }
    if (v instanceof String) {
      String s = (String) v;
      return s.length() <= MAX_STRING ? hashString(s) : 0;
    }
    if (v instanceof UUID) {
      return hashUuid((UUID) v);
    }
    if (v instanceof BigDecimal) {
      BigDecimal d = (BigDecimal) v;
      if (d.scale() == 0 && d.precision() < 19) {
        return hashLong(d.longValue());
      }
      return 0;
    }
    if (v instanceof java.math.BigInteger && ((java.math.BigInteger) v).bitLength() < 63) {
      return hashLong(((java.math.BigInteger) v).longValue());
    }
    return 0;
  }

  // ------------------------------------------------------------------ writing

  /** Records that the value hashed {@code h} was read from {@code origin}'s column. */
  void put(long h, SqlShape origin, int column, String label) {
    if (h == 0 || origin == null || column > MAX_COLUMN) {
      return;
    }
    // WAYS entries per bucket: the same value from the same column refreshes its entry, a new
    // one replaces the least recently written way.
    int base = (int) (h ^ (h >>> 32)) & (SLOTS - WAYS);
    int stamp = ++clock;
    int victim = base;
    for (int k = base; k < base + WAYS; k++) {
      SqlShape o = origins[k];
      if (keys[k] == h
          && columns[k] == column
          && labels[k] == label
          && o != null
          && (o == origin || o.hash() == origin.hash())) {
        stamps[k] = stamp;
        return;
      }
      if (stamps[k] - stamps[victim] < 0) {
        victim = k;
      }
    }
    keys[victim] = h;
    origins[victim] = origin;
    columns[victim] = (short) column;
    labels[victim] = label;
    stamps[victim] = stamp;
  }

  void putLong(long v, SqlShape origin, int column, String label) {
    put(hashLong(v), origin, column, label);
  }

  void putObject(Object v, SqlShape origin, int column, String label) {
    if (v != null) {
      put(hash(v), origin, column, label);
    }
  }

  void putString(String v, SqlShape origin, int column, String label) {
    if (v != null && v.length() <= MAX_STRING) {
      put(hashString(v), origin, column, label);
    }
  }

  /** Marks {@code shape} as one whose executions can return several rows. */
  void markMultiRow(SqlShape shape) {
    long h = shape.hash();
    multiRow[(int) (h ^ (h >>> 32)) & (multiRow.length - 1)] = h;
  }

  boolean isMultiRow(long shapeHash) {
    return multiRow[(int) (shapeHash ^ (shapeHash >>> 32)) & (multiRow.length - 1)] == shapeHash;
  }

  // ------------------------------------------------------------------ reading

  /** Whether a way before {@code k} in the bucket holds the same value from the same column. */
  private boolean seenBefore(int base, int k) {
    for (int m = base; m < k; m++) {
      if (keys[m] == keys[k]
          && columns[m] == columns[k]
          && java.util.Objects.equals(labels[m], labels[k])
          && origins[m] != null
          && origins[m].hash() == origins[k].hash()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Votes for the origins of the value hashed {@code h} into {@code votes} as the source of
   * parameter {@code param}, skipping {@code self}.
   */
  void vote(long h, int param, SqlShape self, Correlation votes) {
    if (h == 0) {
      return;
    }
    int base = (int) (h ^ (h >>> 32)) & (SLOTS - WAYS);
    int best = -1;
    for (int k = base; k < base + WAYS; k++) {
      if (keys[k] == h
          && origins[k] != null
          && origins[k].hash() != self.hash()
          && !seenBefore(base, k)) {
        votes.add(param, origins[k], columns[k], labels[k], false);
        if (best < 0 || stamps[k] - stamps[best] > 0) {
          best = k;
        }
      }
    }
    if (best >= 0) {
      votes.add(param, origins[best], columns[best], labels[best], true);
    }
  }
}
