package dev.nplusone.internal;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * Per thread: which result-set column a key-like value was last read from, so a repeated query's
 * bind values can be traced to the earlier query whose rows supplied them (issue 5).
 *
 * <p>A getter only appends to a ring of the last {@value #RING} values read (the value's 64-bit
 * hash, the column, the origin shape and the label, if one was used): a few stores to memory that
 * the previous getter just wrote, no lookup and no branch on what the table holds. Most values read
 * are never looked up, so they are indexed only when a vote needs them: each vote first moves what
 * the ring gained since the last vote into the table, oldest first. Values read while no vote came
 * are in the ring until {@value #RING} later values push them out.
 *
 * <p>The table is fixed at {@value #SLOTS} slots in buckets of {@value #WAYS}, keyed by the hash
 * (numbers of any integral type hash alike, so an {@code int} read matches a {@code long} bind):
 * O(1) memory per thread, no allocation per getter, a new entry replaces the least recently written
 * of its bucket. Only hashes are kept, never the values. Written by result-set getters of the
 * thread that executed the query; a result set read on another thread writes here too, and a torn
 * entry can only cost a vote.
 *
 * <p>A table slot is two adjacent longs: the value's hash, and a word packing a 32-bit hash of the
 * origin shape, the column, whether a label was used and a write stamp. Moving a value in reads one
 * bucket; the origin shape and label are read only to confirm a slot whose value, origin hash and
 * column already match, and written only when they change. Origins are told apart by that 32-bit
 * hash when a slot is reused.
 */
final class ValueIndex {
  static final int SLOTS = 2048;

  /** Values read since the last vote that the ring keeps; a power of two. */
  static final int RING = 2048;

  /** Entries per bucket. */
  static final int WAYS = 4;

  /** Strings longer than this are not key-like. */
  static final int MAX_STRING = 64;

  /** Columns beyond this index are not captured. */
  static final int MAX_COLUMN = 64;

  private static final ThreadLocal<ValueIndex> CURRENT = ThreadLocal.withInitial(ValueIndex::new);

  // The packed word: origin hash (bits 32-63), column (25-31), label used (24), stamp (0-23).
  private static final long STAMP_BITS = 0xFF_FFFFL;
  private static final long LABEL_BIT = 1L << 24;
  private static final int COLUMN_SHIFT = 25;

  /** Per slot: the value's hash at {@code 2 * slot}, the packed word at {@code 2 * slot + 1}. */
  private final long[] slots = new long[2 * SLOTS];

  private final SqlShape[] origins = new SqlShape[SLOTS];
  private final String[] labels = new String[SLOTS];
  private int clock;

  // The ring: per position, the value's hash, the column, the origin and the label (or null).
  private final long[] ringHashes = new long[RING];
  private final byte[] ringColumns = new byte[RING];
  private final SqlShape[] ringOrigins = new SqlShape[RING];
  private final String[] ringLabels = new String[RING];

  /** Values appended to the ring so far, and how many of them the table has taken. */
  private long appended;

  private long indexed;

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

  /** The origin, column and label part of a packed word (everything but the stamp). */
  private static long identity(SqlShape origin, int column, String label) {
    long h = origin.hash();
    return ((h ^ (h >>> 32)) << 32)
        | ((long) column << COLUMN_SHIFT)
        | (label != null ? LABEL_BIT : 0);
  }

  /** Whether stamp {@code a} was written before stamp {@code b}, modulo 2^24. */
  private static boolean older(long a, long b) {
    return ((a - b) << 40) < 0;
  }

  /** Records that the value hashed {@code h} was read from {@code origin}'s column. */
  void put(long h, SqlShape origin, int column, String label) {
    if (h == 0 || origin == null || column > MAX_COLUMN || column < 0) {
      return;
    }
    long n = appended;
    int i = (int) n & (RING - 1);
    ringHashes[i] = h;
    ringColumns[i] = (byte) column;
    // A loop puts the same origin and label where it put them one lap ago: not storing them again
    // saves G1's write barrier its fence (see ThreadState.statement).
    if (ringOrigins[i] != origin) {
      ringOrigins[i] = origin;
    }
    if (ringLabels[i] != label) {
      ringLabels[i] = label;
    }
    appended = n + 1;
  }

  /**
   * Moves the values the ring gained since the last call into the table, oldest first; when more
   * than {@value #RING} came, only the last {@value #RING}, which are all the ring holds.
   */
  void drain() {
    long end = appended;
    long from = Math.max(indexed, end - RING);
    indexed = end;
    for (long k = from; k < end; k++) {
      int i = (int) k & (RING - 1);
      SqlShape origin = ringOrigins[i];
      // Null only where another thread's getter raced this one's: that value is lost.
      if (origin != null) {
        index(ringHashes[i], origin, ringColumns[i], ringLabels[i]);
      }
    }
  }

  /** Enters the value hashed {@code h}, read from {@code origin}'s column, into the table. */
  private void index(long h, SqlShape origin, int column, String label) {
    // WAYS entries per bucket: the same value from the same column refreshes its entry, a new
    // one replaces the least recently written way.
    int base = (int) (h ^ (h >>> 32)) & (SLOTS - WAYS);
    long stamp = ++clock & STAMP_BITS;
    if (stamp == 0) {
      // A stamp is never 0, so a written slot's word never is.
      stamp = ++clock & STAMP_BITS;
    }
    long id = identity(origin, column, label);
    long[] t = slots;
    int victim = base;
    long victimStamp = t[2 * base + 1] & STAMP_BITS;
    for (int k = base; k < base + WAYS; k++) {
      long word = t[2 * k + 1];
      if (word == 0) {
        // Ways fill in order and are never emptied: the rest of the bucket is empty too.
        victim = k;
        break;
      }
      if (t[2 * k] == h && (word & ~STAMP_BITS) == id && sameOrigin(k, origin, label)) {
        t[2 * k + 1] = id | stamp;
        return;
      }
      long st = word & STAMP_BITS;
      if (older(st, victimStamp)) {
        victim = k;
        victimStamp = st;
      }
    }
    long replaced = t[2 * victim + 1];
    t[2 * victim] = h;
    t[2 * victim + 1] = id | stamp;
    // The replaced word tells whether the slot already holds this origin (by its hash) and no
    // label, so that a new value from the same query, read by index, writes nothing else.
    if ((replaced >>> 32) != (id >>> 32) || replaced == 0) {
      origins[victim] = origin;
    }
    if (label != null || (replaced & LABEL_BIT) != 0) {
      labels[victim] = label;
    }
  }

  /** Whether slot {@code k}, whose packed word matches, holds {@code origin} and {@code label}. */
  private boolean sameOrigin(int k, SqlShape origin, String label) {
    SqlShape o = origins[k];
    return o != null && (o == origin || o.hash() == origin.hash()) && labels[k] == label;
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
    long[] t = slots;
    for (int m = base; m < k; m++) {
      if (t[2 * m] == t[2 * k]
          && (t[2 * m + 1] & ~STAMP_BITS) == (t[2 * k + 1] & ~STAMP_BITS)
          && java.util.Objects.equals(labels[m], labels[k])
          && origins[m] != null
          && origins[m].hash() == origins[k].hash()) {
        return true;
      }
    }
    return false;
  }

  private static int column(long word) {
    return (int) (word >>> COLUMN_SHIFT) & 0x7F;
  }

  /**
   * Votes for the origins of the value hashed {@code h} into {@code votes} as the source of
   * parameter {@code param}, skipping {@code self}.
   */
  void vote(long h, int param, SqlShape self, Correlation votes) {
    if (h == 0) {
      return;
    }
    drain();
    int base = (int) (h ^ (h >>> 32)) & (SLOTS - WAYS);
    long[] t = slots;
    int best = -1;
    for (int k = base; k < base + WAYS; k++) {
      if (t[2 * k] == h
          && origins[k] != null
          && origins[k].hash() != self.hash()
          && !seenBefore(base, k)) {
        votes.add(param, origins[k], column(t[2 * k + 1]), labels[k], false);
        if (best < 0 || older(t[2 * best + 1] & STAMP_BITS, t[2 * k + 1] & STAMP_BITS)) {
          best = k;
        }
      }
    }
    if (best >= 0) {
      votes.add(param, origins[best], column(t[2 * best + 1]), labels[best], true);
    }
  }
}
