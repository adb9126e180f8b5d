package dev.nplusone.internal;

import dev.nplusone.SqlDialect;
import java.util.Arrays;

/**
 * The single-pass SQL lexer that turns one raw statement into its canonical shape.
 *
 * <p>It reads the input once, char by char, and writes canonical tokens to an output buffer;
 * literals and bind markers become {@code ?}, comments go, unquoted words are lower-cased in ASCII
 * only, and the spacing is canonical (see {@link dev.nplusone.SqlFingerprint}). {@code IN (…)} and
 * {@code ARRAY[…]} lists of simple values and repeated {@code VALUES} rows are collapsed by cutting
 * the output buffer back when the list or row closes, so nothing recurses: brackets are tracked on
 * an explicit stack. Time and memory are linear in the input, and it never throws: a failure it did
 * not foresee falls back to whitespace-collapsed text.
 *
 * <p>Facts it records: {@link SqlShape#literalCount()} and {@link SqlShape#literalsHash()} cover
 * literals and savepoint, cursor and prepared-statement names (values written in the text), not
 * bind markers, whose values the JDBC layer sees. Block comments of every kind go, MySQL's
 * executable {@code /*! … *}{@code /} comments included. Output spacing has two exceptions to the
 * rules of {@link dev.nplusone.SqlFingerprint}, so that the output lexes as the input did: a space
 * between {@code :} and {@code ::}, and between {@code .} and an identifier starting with a digit.
 *
 * <p>How it stays fast (it runs on every statement the cache has not seen):
 *
 * <ul>
 *   <li>The input is copied once into a {@code char[]} and the output is written to a {@code
 *       char[]}: plain array reads and writes, no {@code String.charAt} or {@code StringBuilder}
 *       checks per char. Both arrays and the bracket stack are per-thread scratch, reused from call
 *       to call (see {@link #SCRATCH}), so a call allocates its result and one small object.
 *   <li>Chars are classified through a 128-entry table; only non-ASCII chars take the slower {@link
 *       Character} checks.
 *   <li>A word is read once: scanned and written lower-cased straight to its place in the output
 *       (see {@link #word}), its last eight chars packed into a {@code long} on the way. That key
 *       is looked up among the keywords in a perfect-hash table: one multiply and three reads, no
 *       loop and no branch. The result is a small int id; every later decision (spacing, unary
 *       signs, list and statement tracking) compares ids or reads tables indexed by id, never
 *       Strings. A NUL after the input's last char ends the last word, and the output is made room
 *       for before a word starts, so the word loop needs no bound of its own.
 *   <li>The token runs that make up most ORM SQL ({@code o1_0.id,o1_0.created_at}, {@code
 *       c1_0.id=o1_0.customer_id and o1_0.total>5 and o1_0.note='x'}) are read by one loop, {@link
 *       #lane}, that keeps the output position and the previous-token fields in locals and never
 *       returns to the dispatcher between tokens. It runs only while nothing else can happen: no
 *       semicolon pending, no name awaited, statement kind known, no list, row or VALUES clause in
 *       the innermost bracket; there identifiers and most keywords, dots, commas, most operators,
 *       numbers and strings change nothing but the output and those fields. Anything else hands
 *       back to the general path.
 *   <li>Spacing is a table by (previous token class, token class); only an opening bracket after a
 *       word asks the full rule.
 *   <li>Operators are found from a table of their first two chars.
 * </ul>
 */
public final class SqlNormalizer {
  /** Characters of normalized text kept for display. */
  public static final int DISPLAY_LIMIT = 4096;

  private static final int MAX_DOLLAR_TAG = 63;

  /** Brackets nested deeper than this are written out but not tracked, bounding the stack. */
  private static final int MAX_DEPTH = 10_000;

  // Token classes, for spacing and list tracking.
  private static final int NONE = 0;
  private static final int WORD = 1;
  private static final int QUOTED = 2;
  private static final int VALUE = 3;
  private static final int OP = 4;
  private static final int OPEN = 5;
  private static final int CLOSE = 6;
  private static final int COMMA = 7;
  private static final int DOT = 8;
  private static final int CAST = 9;
  private static final int SEMI = 10;
  private static final int COLON = 11;

  // Frame kinds.
  private static final int PLAIN = 0;
  private static final int LIST = 1;
  private static final int ROW = 2;

  // States of the element being read in a LIST or ROW frame.
  private static final int E_START = 0;
  private static final int E_SIGN = 1;
  private static final int E_VALUE = 2;
  private static final int E_CASTED = 3;
  private static final int E_TYPE = 4;
  private static final int E_ROWDONE = 5;
  private static final int E_INROW = 6;
  private static final int E_BAD = 7;

  // States of a VALUES clause opened in a frame.
  private static final int V_NONE = 0;
  private static final int V_FIRST = 1;
  private static final int V_IN_FIRST = 2;
  private static final int V_AFTER = 3;
  private static final int V_EXPECT = 4;
  private static final int V_IN_ROW = 5;

  // The bracket stack is one int[]: frame f holds its fields at [f * FRAME + F_...]. Frame 0 is the
  // statement itself.
  private static final int FRAME = 16;
  private static final int F_CHAR = 0;
  private static final int F_KIND = 1;
  private static final int F_STATE = 2;
  private static final int F_COUNT = 3;
  private static final int F_ELEM_START = 4;
  private static final int F_FIRST_START = 5;
  private static final int F_FIRST_END = 6;
  private static final int F_SIMPLE = 7; // 0 or 1
  private static final int F_SAME = 8; // 0 or 1
  private static final int F_VAL = 9;
  private static final int F_VAL_FIRST_START = 10;
  private static final int F_VAL_FIRST_END = 11;
  private static final int F_VAL_COMMA = 12;
  private static final int F_VAL_ROW_START = 13;

  private static final String[] OPS3 = {"<=>", "->>", "#>>", "!~*", "~~*", "!~~", "<<=", ">>="};
  private static final String[] OPS2 = {
    "<=", ">=", "<>", "!=", "||", "&&", "->", "#>", "#-", "@>", "<@", "~*", "!~", "~~", "<<", ">>",
    "=>", "@@", "^@", "&<", "&>"
  };

  // ---------------------------------------------------------------------------------------------
  // Per-thread scratch

  /**
   * Scratch arrays up to this many chars are kept for the next call on the thread: statements up to
   * about 16 KB allocate nothing but their result, and a thread keeps at most 2 × 32 KB.
   */
  private static final int SCRATCH_CHARS = 1 << 14;

  /** Bracket stacks up to this many frames are kept for the next call on the thread. */
  private static final int SCRATCH_FRAMES = 64;

  private static final int S_IN = 0;
  private static final int S_OUT = 1;
  private static final int S_FRAMES = 2;

  /**
   * Per-thread scratch: {@code {char[] input, char[] output, int[] frames}}. Only JDK types are
   * stored in the thread, so a pool thread that outlives this class's class loader (a redeployed
   * web application) does not keep it loaded. A call is never re-entered on its thread: the lexer
   * calls out to nothing. Arrays that had to grow past the {@code SCRATCH_*} bounds for a large
   * statement are used for that call only, so what a thread keeps stays small.
   */
  private static final ThreadLocal<Object[]> SCRATCH =
      ThreadLocal.withInitial(
          () -> new Object[] {new char[1024], new char[1024], new int[8 * FRAME]});

  private final Object[] scratch;
  private final String str;
  private final char[] s;
  private final int n;
  private final SqlDialect dialect;
  private final boolean mysql;

  /** Whether the facts for a {@link SqlShape} are wanted, not only the text. */
  private final boolean facts;

  private char[] out;
  private int len;

  private int prevClass = NONE;
  private int prevWord = NO_WORD;
  private int prevPrevWord = NO_WORD;
  private int pendingSemis;

  private long literalsHash = FNV_OFFSET;
  private int literalCount;
  private int maxListElements;

  private SqlShape.StatementKind kind;
  private boolean withSeen;
  private int withDepth;

  private int stmtFirst = NO_WORD;
  private int stmtWords;
  private boolean nameNext;

  private int[] fr;
  private int depth;

  /** {@code depth * FRAME}: where the innermost frame's fields start. */
  private int top;

  private int bracketDepth;
  private int untracked;

  private char pendingOpen;
  private boolean digitWord;

  private SqlNormalizer(String sql, SqlDialect dialect, boolean facts, Object[] scratch) {
    this.scratch = scratch;
    this.facts = facts;
    this.str = sql;
    this.n = sql.length();
    this.dialect = dialect;
    this.mysql = dialect == SqlDialect.MYSQL || dialect == SqlDialect.MYSQL_ANSI_QUOTES;
    char[] in = (char[]) scratch[S_IN];
    if (in.length <= n) {
      in = new char[Math.max(n + 1, Math.min(in.length * 2, SCRATCH_CHARS))];
      if (in.length <= SCRATCH_CHARS) {
        scratch[S_IN] = in;
      }
    }
    sql.getChars(0, n, in, 0);
    in[n] = '\0'; // a sentinel: no word goes on past it
    this.s = in;
    this.out = (char[]) scratch[S_OUT];
    int want = Math.min(n, 1 << 16) + 16;
    if (out.length < want) {
      out = new char[Math.max(want, Math.min(out.length * 2, SCRATCH_CHARS))];
    }
    this.fr = (int[]) scratch[S_FRAMES];
    Arrays.fill(fr, 0, FRAME, 0);
  }

  /** Hands grown arrays back to the thread's scratch if they are small enough to keep. */
  private void release() {
    if (out.length <= SCRATCH_CHARS) {
      scratch[S_OUT] = out;
    }
    if (fr.length <= SCRATCH_FRAMES * FRAME) {
      scratch[S_FRAMES] = fr;
    }
  }

  /**
   * The full canonical text of {@code sql}.
   *
   * @param sql raw SQL; null is treated as empty
   * @param dialect the dialect; null is treated as {@link SqlDialect#GENERIC}
   */
  public static String normalize(String sql, SqlDialect dialect) {
    SqlNormalizer z = run(sql, dialect, false);
    String text = new String(z.out, 0, z.len);
    z.release();
    return text;
  }

  /**
   * The shape of {@code sql}: display text, hashes and the facts learnt while normalizing.
   *
   * @param sql raw SQL; null is treated as empty
   * @param dialect the dialect; null is treated as {@link SqlDialect#GENERIC}
   */
  public static SqlShape shape(String sql, SqlDialect dialect) {
    SqlNormalizer z = run(sql, dialect, true);
    char[] o = z.out;
    int len = z.len;
    String display;
    if (len <= DISPLAY_LIMIT) {
      display = new String(o, 0, len);
    } else {
      int cut = DISPLAY_LIMIT;
      if (Character.isHighSurrogate(o[cut - 1])) {
        cut--;
      }
      display = new String(o, 0, cut) + "…";
    }
    long lh = z.literalCount == 0 ? 0 : fmix(z.literalsHash);
    if (z.literalCount != 0 && lh == 0) {
      lh = 1;
    }
    SqlShape shape =
        new SqlShape(
            display,
            hash(o, len),
            lh,
            z.literalCount,
            z.maxListElements,
            z.kind == null ? SqlShape.StatementKind.OTHER : z.kind,
            len);
    z.release();
    shape.rawSql = sql;
    return shape;
  }

  private static SqlNormalizer run(String sql, SqlDialect dialect, boolean facts) {
    String text = sql == null ? "" : sql;
    SqlDialect d = dialect == null ? SqlDialect.GENERIC : dialect;
    Object[] scratch = SCRATCH.get();
    SqlNormalizer z = new SqlNormalizer(text, d, facts, scratch);
    try {
      z.lex();
    } catch (RuntimeException e) {
      z = new SqlNormalizer(text, d, facts, scratch);
      z.fallback();
    }
    return z;
  }

  // ---------------------------------------------------------------------------------------------
  // Hashing

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  /** A 64-bit hash of {@code text[0, len)}: FNV-1a over UTF-16 units, then a final mix. */
  static long hash(char[] text, int len) {
    long h = FNV_OFFSET;
    for (int i = 0; i < len; i++) {
      h = (h ^ text[i]) * FNV_PRIME;
    }
    return fmix(h ^ len);
  }

  private static long fmix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  // ---------------------------------------------------------------------------------------------
  // Characters

  // ASCII char classes, as bits of CLASS[c].
  private static final byte C_SPACE = 1;
  private static final byte C_DIGIT = 2;
  private static final byte C_IDENT_START = 4;
  private static final byte C_IDENT_PART = 8;

  private static final byte[] CLASS = new byte[128];

  static {
    for (int c = 0; c < 128; c++) {
      int k = 0;
      if (c <= ' ' || c == 0x7f) {
        k |= C_SPACE;
      }
      if (c >= '0' && c <= '9') {
        k |= C_DIGIT | C_IDENT_PART;
      }
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {
        k |= C_IDENT_START | C_IDENT_PART;
      }
      if (c == '$') {
        k |= C_IDENT_PART;
      }
      CLASS[c] = (byte) k;
    }
  }

  private static boolean isSpace(char c) {
    return c < 128 ? (CLASS[c] & C_SPACE) != 0 : isWideSpace(c);
  }

  /** Whether a non-ASCII char counts as whitespace; every other non-ASCII char is a word char. */
  private static boolean isWideSpace(char c) {
    return Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isIdentStart(char c) {
    return c < 128 ? (CLASS[c] & C_IDENT_START) != 0 : !isWideSpace(c);
  }

  private static boolean isIdentPart(char c) {
    return c < 128 ? (CLASS[c] & C_IDENT_PART) != 0 : !isWideSpace(c);
  }

  private static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  /**
   * {@link #lower} of the ASCII chars that may go on a word ({@link #isIdentPart}), 0 for the
   * others: the word loop's one table read per char.
   */
  private static final char[] WORD_LOWER = new char[128];

  static {
    for (char c = 0; c < 128; c++) {
      WORD_LOWER[c] = (CLASS[c] & C_IDENT_PART) != 0 ? lower(c) : 0;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Output

  private void grow(int min) {
    out = Arrays.copyOf(out, Math.max(min, out.length * 2));
  }

  private void put(char c) {
    if (len == out.length) {
      grow(len + 1);
    }
    out[len++] = c;
  }

  private void put(String text) {
    int k = text.length();
    if (len + k > out.length) {
      grow(len + k);
    }
    text.getChars(0, k, out, len);
    len += k;
  }

  /** Cuts the output back to {@code newLength} chars, as {@code StringBuilder.setLength} does. */
  private void setLength(int newLength) {
    if (newLength < 0) {
      throw new IndexOutOfBoundsException(); // a bug: caught, and the fallback runs
    }
    if (newLength > len) {
      // Never expected (lists only cut back), but pad with NULs as StringBuilder.setLength does.
      if (newLength > out.length) {
        grow(newLength);
      }
      Arrays.fill(out, len, newLength, '\0');
    }
    len = newLength;
  }

  /** Appends the input chars {@code s[i, j)}. */
  private void putRange(int i, int j) {
    int k = j - i;
    if (len + k > out.length) {
      grow(len + k);
    }
    System.arraycopy(s, i, out, len, k);
    len += k;
  }

  // ---------------------------------------------------------------------------------------------
  // The lexer

  private void lex() {
    final char[] s = this.s;
    final int n = this.n;
    int i = 0;
    while (i < n) {
      char c = s[i];
      // Words (the commonest token) and spaces first; no case of the switch below is either.
      if (c < 128) {
        int k = CLASS[c];
        if ((k & C_IDENT_START) != 0) {
          i = laneOpen() ? lane(i) : word(i);
          continue;
        }
        if ((k & C_SPACE) != 0) {
          i++;
          continue;
        }
      } else if (isWideSpace(c)) {
        i++;
        continue;
      } else {
        i = word(i);
        continue;
      }
      char d = i + 1 < n ? s[i + 1] : '\0';
      switch (c) {
        case '-':
          if (d == '-' && (!mysql || i + 2 >= n || isSpace(s[i + 2]))) {
            i = lineEnd(i + 2);
            continue;
          }
          i = signOrOperator(i);
          continue;
        case '+':
          i = signOrOperator(i);
          continue;
        case '#':
          if (mysql) {
            i = lineEnd(i + 1);
            continue;
          }
          i = operator(i);
          continue;
        case '/':
          if (d == '*') {
            i = blockCommentEnd(i);
            continue;
          }
          if (d == '/' && dialect == SqlDialect.H2) {
            i = lineEnd(i + 2);
            continue;
          }
          i = operator(i);
          continue;
        case '\'':
          i = literal(i, stringEnd(i, '\'', mysql));
          continue;
        case '"':
          if (dialect == SqlDialect.MYSQL) {
            i = literal(i, stringEnd(i, '"', true));
          } else {
            i = quoted(i, stringEnd(i, '"', false));
          }
          continue;
        case '`':
          if (mysql || dialect == SqlDialect.H2) {
            i = quoted(i, stringEnd(i, '`', false));
          } else {
            i = operator(i);
          }
          continue;
        case '$':
          i = dollar(i);
          continue;
        case '?':
          i = question(i);
          continue;
        case ':':
          i = colon(i);
          continue;
        case '(', '[', '{':
          open(c);
          i++;
          continue;
        case ')', ']', '}':
          close(c);
          i++;
          continue;
        case ',':
          comma();
          i++;
          continue;
        case ';':
          semicolon();
          i++;
          continue;
        case '.':
          if (isDigit(d) && !afterOperand()) {
            i = number(i, i);
          } else {
            dot();
            i++;
          }
          continue;
        default:
          break;
      }
      if (isDigit(c)) {
        i = number(i, i);
      } else {
        i = operator(i);
      }
    }
  }

  /**
   * Whether {@link #lane} may run: no semicolon is pending, no name is awaited, the statement kind
   * is known, and the innermost frame is a plain bracket (not an {@code IN} or {@code ARRAY} list,
   * not a row) with no {@code VALUES} clause open. While that holds, identifiers, dots, commas,
   * operators and numbers change nothing but the output and the previous-token fields.
   */
  private boolean laneOpen() {
    return pendingSemis == 0
        && !nameNext
        && kind != null
        && (fr[top + F_KIND] | fr[top + F_VAL]) == 0; // PLAIN and V_NONE are both 0
  }

  /**
   * Chars that the lexer reads as the start of an operator and nothing else ({@code -}, {@code +},
   * {@code #} and {@code /} may start comments or signed numbers, so they are not among them).
   */
  private static final boolean[] LANE_OP = new boolean[128];

  static {
    for (char c : "=<>!~@%^&|*".toCharArray()) {
      LANE_OP[c] = true;
    }
  }

  /**
   * The fast lane for the token runs that make up most ORM SQL ({@code o1_0.id,o1_0.created_at},
   * {@code c1_0.id=o1_0.customer_id and o1_0.total>5}): identifiers, dots, commas, the operators of
   * {@link #LANE_OP}, unsigned numbers and whitespace, read in one loop from {@code s[i]} (an
   * identifier start) while {@link #laneOpen} holds, with the output position and the
   * previous-token fields in locals. Under that condition each of these tokens does exactly what
   * the general methods would do, reduced to its output and the previous-token fields: no space is
   * pending behind a semicolon, {@link #endValues} and {@link #after} have no frame state to
   * change, and an identifier only counts itself in the statement.
   *
   * <p>A keyword is finished by {@link #wordEnd} with the fields written back; the lane goes on if
   * {@link #laneOpen} still holds. Anything else hands back: a char the lane does not read ends it
   * there, for {@link #lex} to read; a word it cannot finish (one that runs into a quote, an {@code
   * &} or a non-ASCII char, or one that needs the output to grow) goes to {@link #word}. Fewer than
   * 8 chars left in the output end the lane too, so a token never checks for room.
   */
  private int lane(int i) {
    final char[] s = this.s;
    final int n = Math.min(this.n, s.length); // n <= s.length: lets the JIT drop range checks
    char[] o = out;
    int p = len;
    int pc = prevClass;
    int pw = prevWord;
    int ppw = prevPrevWord;
    int words = stmtWords;
    int j = i;
    while (j < n && p + 8 <= o.length) {
      char c = s[j];
      if (c >= 128) {
        break;
      }
      if ((CLASS[c] & C_IDENT_START) != 0) {
        // A word: written lower-cased after a space if one is due (the space is written anyway and
        // overwritten if not).
        o[p] = ' ';
        int at = p + SPACING[(pc << 4) | WORD]; // never SPACE_DEPENDS for a word; 1 is a space
        if (n - j > o.length - at) {
          // The rest of the input might not fit after at: make room for it, so that no word needs
          // a bound of its own (the sentinel at s[n] ends the last one).
          grow(at + (n - j) + 16);
          o = out;
        }
        int delta = at - j;
        int e = j;
        long key = 0; // the last KEY_CHARS chars, for the keyword lookup
        while (true) {
          char ch = s[e];
          char l = WORD_LOWER[ch & 0x7f];
          if (l == 0 || ch >= 128) {
            break;
          }
          o[e + delta] = l;
          key = (key << 8) | l;
          e++;
        }
        if (e < n) {
          char q = s[e];
          if (q >= 128 || q == '\'' || q == '&') {
            // Maybe a prefixed literal, or a word going on in non-ASCII chars: read in full.
            writeBack(p, pc, pw, ppw, words);
            return word(j);
          }
        }
        int wl = e - j;
        int w = keywordByKey(key, wl);
        if (wl > KEY_CHARS && w != IDENT) {
          w = keywordPrefix(w, wl, o, at);
        }
        if (!LANE_WORD[w] || (words == 0 && w != IDENT)) {
          if (!laneKeyword(w) || words == 0) {
            writeBack(p, pc, pw, ppw, words);
            j = wordEnd(j, e, at, w);
            if (!laneOpen()) {
              return j;
            }
            o = out;
            p = len;
            pc = prevClass;
            pw = prevWord;
            ppw = prevPrevWord;
            words = stmtWords;
            continue;
          }
        }
        p = at + wl;
        ppw = pw;
        pw = w;
        pc = WORD;
        if (words == 0) {
          stmtFirst = IDENT; // a keyword that starts a statement is not read here
        }
        words++;
        // What most often follows a word is passed here, saving it a turn of the loop (s[n] is the
        // sentinel, none of these): a space; a comma; a dot after an identifier, which is never
        // the start of a number such as .5 there. Each takes one char of input for one of output,
        // so the room made for the rest of the input still holds.
        char next = s[e];
        if (next == ' ') {
          j = e + 1;
        } else if (next == ',') {
          o[p++] = ',';
          ppw = w;
          pw = NO_WORD;
          pc = COMMA;
          j = e + 1;
        } else if (next == '.' && w == IDENT) {
          o[p++] = '.';
          ppw = w;
          pw = NO_WORD;
          pc = DOT;
          j = e + 1;
        } else {
          j = e;
        }
      } else if ((CLASS[c] & C_SPACE) != 0) {
        j++;
      } else if (c == ',') {
        o[p++] = ',';
        ppw = pw;
        pw = NO_WORD;
        pc = COMMA;
        j++;
      } else if (c == '.') {
        if (isDigit(s[j + 1]) && !afterOperand(pc, pw)) { // s[n] is the sentinel, not a digit
          break; // a number such as .5
        }
        o[p++] = '.';
        ppw = pw;
        pw = NO_WORD;
        pc = DOT;
        j++;
      } else if (isDigit(c) || c == '\'') {
        int end;
        if (c == '\'') {
          end = stringEnd(j, '\'', mysql);
        } else {
          // Plain digits ended by neither a word char nor a dot (the sentinel ends them at n) are
          // the whole number; anything else (1.5, 1e3, 0x1F, 1_000, 1abc) is read by numberEnd.
          end = j + 1;
          while (isDigit(s[end])) {
            end++;
          }
          char after = s[end];
          if (after == '.' || after >= 128 || WORD_LOWER[after] != 0) {
            end = numberEnd(j);
          }
        }
        if (end <= 0) {
          break; // a number run into identifier chars: a word, read in full
        }
        literalCount++;
        if (facts) {
          hashLiteral(j, end);
        }
        if (SPACING[(pc << 4) | VALUE] == SPACE_YES) {
          o[p++] = ' ';
        }
        o[p++] = '?';
        ppw = pw;
        pw = NO_WORD;
        pc = VALUE;
        j = end;
      } else if (LANE_OP[c]) {
        if (SPACING[(pc << 4) | OP] == SPACE_YES) {
          o[p++] = ' ';
        }
        int m = operatorLength(c, j);
        if (m == 2 && c == '!' && s[j + 1] == '=') {
          o[p++] = '<'; // != is written <>
          o[p++] = '>';
        } else {
          for (int k = 0; k < m; k++) {
            o[p++] = s[j + k];
          }
        }
        j += m;
        ppw = pw;
        pw = NO_WORD;
        pc = OP;
      } else {
        break;
      }
    }
    writeBack(p, pc, pw, ppw, words);
    // Nothing read (the output is nearly full): the general path reads the word and grows it.
    return j == i ? word(i) : j;
  }

  /** Stores the locals of {@link #lane} back in their fields. */
  private void writeBack(int p, int pc, int pw, int ppw, int words) {
    len = p;
    prevClass = pc;
    prevWord = pw;
    prevPrevWord = ppw;
    stmtWords = words;
  }

  private void fallback() {
    // Only reached on a bug: collapse whitespace, keep the rest verbatim.
    boolean space = false;
    for (int i = 0; i < n; i++) {
      char c = s[i];
      if (isSpace(c)) {
        space = len > 0;
      } else {
        if (space) {
          put(' ');
          space = false;
        }
        put(c);
      }
    }
    kind = SqlShape.StatementKind.OTHER;
  }

  private int lineEnd(int i) {
    while (i < n) {
      char c = s[i];
      if (c == '\n' || c == '\r') {
        return i + 1;
      }
      i++;
    }
    return n;
  }

  private int blockCommentEnd(int i) {
    boolean nests = dialect == SqlDialect.POSTGRESQL || dialect == SqlDialect.H2;
    int level = 1;
    i += 2;
    while (i < n) {
      char c = s[i];
      if (c == '*' && i + 1 < n && s[i + 1] == '/') {
        i += 2;
        if (--level == 0) {
          return i;
        }
      } else if (nests && c == '/' && i + 1 < n && s[i + 1] == '*') {
        level++;
        i += 2;
      } else {
        i++;
      }
    }
    return n;
  }

  /** The end (exclusive) of a string or quoted identifier opened by {@code q} at {@code i}. */
  private int stringEnd(int i, char q, boolean backslash) {
    i++;
    while (i < n) {
      char c = s[i];
      if (backslash && c == '\\') {
        i += 2;
      } else if (c == q) {
        if (i + 1 < n && s[i + 1] == q) {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return n;
  }

  private int dollar(int i) {
    if (mysql) {
      return word(i);
    }
    char d = i + 1 < n ? s[i + 1] : '\0';
    if (isDigit(d)) {
      int j = i + 1;
      while (j < n && isDigit(s[j])) {
        j++;
      }
      marker();
      return j;
    }
    if (dialect == SqlDialect.POSTGRESQL || dialect == SqlDialect.H2) {
      int j = i + 1;
      if (d != '$' && dialect == SqlDialect.POSTGRESQL && isIdentStart(d)) {
        while (j < n && j - i <= MAX_DOLLAR_TAG && s[j] != '$' && isIdentPart(s[j])) {
          j++;
        }
      }
      if (j < n && s[j] == '$') {
        String tag = str.substring(i, j + 1);
        int close = str.indexOf(tag, j + 1);
        return literal(i, close < 0 ? n : close + tag.length());
      }
    }
    return operator(i);
  }

  private int question(int i) {
    char d = i + 1 < n ? s[i + 1] : '\0';
    if (dialect == SqlDialect.POSTGRESQL && d == '?') {
      char e = i + 2 < n ? s[i + 2] : '\0';
      if (e == '|' || e == '&') {
        before(OP);
        int start = len;
        putRange(i, i + 3);
        after(OP, NO_WORD, start);
        return i + 3;
      }
      simple(OP, "??");
      return i + 2;
    }
    int j = i + 1;
    if (dialect == SqlDialect.H2) {
      while (j < n && isDigit(s[j])) {
        j++;
      }
    }
    marker();
    return j;
  }

  private int colon(int i) {
    char d = i + 1 < n ? s[i + 1] : '\0';
    if (d == ':') {
      simple(CAST, "::");
      return i + 2;
    }
    if (d == '=') {
      simple(OP, ":=");
      return i + 2;
    }
    if (bracketDepth == 0 && (isIdentStart(d) || isDigit(d))) {
      int j = i + 1;
      while (j < n && isIdentPart(s[j])) {
        j++;
      }
      marker();
      return j;
    }
    simple(COLON, ':');
    return i + 1;
  }

  private int signOrOperator(int i) {
    if (!afterOperand()) {
      int k = i + 1;
      while (k < n && isSpace(s[k])) {
        k++;
      }
      if (k < n) {
        char c = s[k];
        if (isDigit(c) || (c == '.' && k + 1 < n && isDigit(s[k + 1]))) {
          int end = numberEnd(k);
          if (end > 0) {
            return literal(i, end);
          }
        }
      }
    }
    return operator(i);
  }

  /** Whether the previous token ends an operand, so a following sign is binary. */
  private boolean afterOperand() {
    return afterOperand(prevClass, prevWord);
  }

  private static boolean afterOperand(int prevClass, int prevWord) {
    return prevClass == VALUE
        || prevClass == QUOTED
        || prevClass == CLOSE
        || (prevClass == WORD && !unaryAfter(prevWord));
  }

  /**
   * The multi-char operators by their first two chars, {@code (first << 7) | second}: 0 if no
   * operator starts with them, else 1, plus the chars that make a 3-char operator of them (every
   * 3-char operator's first two chars are an operator of their own; at most two such chars per
   * pair) in bits 8 to 15 and 16 to 23. So an operator is found with one table read.
   */
  private static final int[] OP_PAIRS = new int[128 * 128];

  static {
    for (String op : OPS2) {
      int info = 1;
      int shift = 8;
      for (String op3 : OPS3) {
        if (op3.startsWith(op)) {
          if (shift > 16) {
            throw new AssertionError(op); // operatorLength reads two thirds at most
          }
          info |= op3.charAt(2) << shift;
          shift += 8;
        }
      }
      OP_PAIRS[(op.charAt(0) << 7) | op.charAt(1)] = info;
    }
    for (String op3 : OPS3) {
      if (OP_PAIRS[(op3.charAt(0) << 7) | op3.charAt(1)] == 0) {
        throw new AssertionError(op3); // operatorLength assumes the pair is an operator
      }
    }
  }

  /**
   * The length (1 to 3) of the operator starting with the ASCII char {@code c} at {@code s[i]}: the
   * longest of {@link #OPS3}, {@link #OPS2} and the one char.
   */
  private int operatorLength(char c, int i) {
    char d = s[i + 1]; // s[n] is the sentinel, never part of an operator
    int info = d < 128 ? OP_PAIRS[(c << 7) | d] : 0;
    if (info == 0) {
      return 1;
    }
    if (info == 1 || i + 2 >= n) {
      return 2;
    }
    int third = s[i + 2];
    // Unused third slots hold 0, which a NUL in the input must not match.
    return third != 0 && (third == ((info >>> 8) & 0xff) || third == (info >>> 16)) ? 3 : 2;
  }

  private int operator(int i) {
    char c = s[i];
    // MySQL reads # as a comment, so no operator starts with it there.
    int m = c < 128 && !(mysql && c == '#') ? operatorLength(c, i) : 1;
    if (m == 1) {
      simple(OP, c);
    } else if (m == 2 && c == '!' && s[i + 1] == '=') {
      simple(OP, "<>");
    } else {
      before(OP);
      int start = len;
      putRange(i, i + m);
      after(OP, NO_WORD, start);
    }
    return i + m;
  }

  /**
   * The end of the number starting at {@code i}, or minus the position where identifier chars
   * follow it.
   */
  private int numberEnd(int i) {
    final char[] s = this.s;
    final int n = this.n;
    int j = i;
    char c = s[j];
    char d = j + 1 < n ? s[j + 1] : '\0';
    if (c == '0' && (d == 'x' || d == 'X' || d == 'b' || d == 'B' || d == 'o' || d == 'O')) {
      int k = j + 2;
      while (k < n && (isHexDigit(s[k]) || s[k] == '_')) {
        k++;
      }
      if (k > j + 2) {
        j = k;
      } else {
        j++;
      }
    } else {
      while (j < n && (isDigit(s[j]) || s[j] == '_')) {
        j++;
      }
      if (j < n && s[j] == '.') {
        j++;
        while (j < n && (isDigit(s[j]) || s[j] == '_')) {
          j++;
        }
      }
      if (j < n && (s[j] == 'e' || s[j] == 'E')) {
        int k = j + 1;
        if (k < n && (s[k] == '+' || s[k] == '-')) {
          k++;
        }
        if (k < n && isDigit(s[k])) {
          while (k < n && isDigit(s[k])) {
            k++;
          }
          j = k;
        }
      }
    }
    if (j < n && isIdentPart(s[j])) {
      return -j;
    }
    return j;
  }

  private static boolean isHexDigit(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private int number(int start, int i) {
    int end = numberEnd(i);
    if (end > 0) {
      return literal(start, end);
    }
    // A number run into identifier chars (1abc, 1.5x, 1e): one identifier, as MySQL reads 1abc;
    // taking the whole run keeps the output lexing the same way.
    int j = -end;
    while (j < n && isIdentPart(s[j])) {
      j++;
    }
    return emitWord(i, j);
  }

  /**
   * The word starting at {@code i}. Its chars are read once: the scan writes them lower-cased
   * straight to where the word goes in the output if it is written as a word, after a space if one
   * is due. A word that turns out to be a literal is written as {@code ?} over them instead. The
   * space can be decided before the word is known: it is the same for a word, a {@code ?} and a
   * quoted identifier (spacing tells them apart only for words starting with a digit, which this is
   * not), and nothing written before the word moves it unless semicolons are pending (rare: those
   * take {@link #wordSlow}).
   */
  private int word(int i) {
    if (pendingSemis > 0) {
      return wordSlow(i);
    }
    // Straight from the table: it never answers SPACE_DEPENDS for a word, and digitWord is false
    // here (a word starting with a digit is read by number).
    int at = len + (SPACING[(prevClass << 4) | WORD] == SPACE_YES ? 1 : 0);
    final char[] s = this.s;
    final int n = this.n;
    // s[j] goes to out[j + delta]: one index for both arrays keeps the loop tight.
    final int delta = at - i;
    int j = i;
    while (true) {
      final char[] o = out;
      // Bounded by s.length too (n <= s.length), so the JIT can drop the range check on s[j].
      int limit = Math.min(Math.min(n, s.length), o.length - delta);
      while (j < limit) {
        char c = s[j];
        if (c >= 128) {
          break;
        }
        char l = WORD_LOWER[c]; // one load both classifies and lower-cases
        if (l == 0) {
          break;
        }
        o[j + delta] = l;
        j++;
      }
      if (j < limit) {
        char c = s[j];
        if (c >= 128 && !isWideSpace(c)) {
          o[j + delta] = c; // a non-ASCII word char
          j++;
          continue;
        }
        break;
      }
      if (j == n) {
        break;
      }
      grow(j + delta + 16); // the output is full: grow it (it keeps what was scanned) and go on
    }
    if (j < n) {
      char q = s[j];
      if (j - i == 1 && (q == '\'' || q == '&')) {
        return prefixedWord(i, j, q);
      }
      if (q == '\'' && mysql && s[i] == '_') {
        return literal(i, stringEnd(j, '\'', true));
      }
    }
    return wordEnd(i, j, at, keywordAt(at, j - i));
  }

  /**
   * The end of {@link #word}, once the word {@code s[i, j)} has been written lower-cased to {@code
   * out} from {@code at} (after the space, if one is due) and found to be the word {@code w}: emits
   * it as a word or as a literal. No semicolon may be pending.
   */
  private int wordEnd(int i, int j, int at, int w) {
    if (isValueWord(w)) {
      return literal(i, j);
    }
    boolean keepWaiting = nameNext;
    if (nameNext) {
      if (w != K_SAVEPOINT && w != K_PREPARE && w != K_ALL) {
        return literal(i, j);
      }
      keepWaiting = w != K_ALL;
    }
    // before(WORD), knowing that no semicolon is pending and whether a space is due.
    nameNext = false;
    endValues(WORD);
    if (at > len) {
      out[len] = ' ';
    }
    len = at + (j - i);
    after(WORD, w, at);
    onWord(w);
    nameNext |= keepWaiting;
    return j;
  }

  /** {@link #word}, reading the word twice: first to its end, then to write it. */
  private int wordSlow(int i) {
    final char[] s = this.s;
    final int n = this.n;
    int j = i + 1;
    while (j < n && isIdentPart(s[j])) {
      j++;
    }
    if (j < n) {
      char q = s[j];
      int len = j - i;
      if (len == 1 && (q == '\'' || q == '&')) {
        return prefixedWord(i, j, q);
      }
      if (q == '\'' && mysql && s[i] == '_') {
        return literal(i, stringEnd(j, '\'', true));
      }
    }
    return emitWord(i, j);
  }

  /** A one-char word {@code s[i]} followed by {@code q}: maybe E'…', N'…', X'…', B'…', U&'…'. */
  private int prefixedWord(int i, int j, char q) {
    char first = lower(s[i]);
    if (q == '\'') {
      if (first == 'e' && dialect == SqlDialect.POSTGRESQL) {
        return literal(i, stringEnd(j, '\'', true));
      }
      if (first == 'n' || first == 'x' || first == 'b') {
        return literal(i, stringEnd(j, '\'', mysql && first == 'n'));
      }
      if (mysql && first == '_') {
        return literal(i, stringEnd(j, '\'', true));
      }
    } else if (first == 'u' && !mysql && j + 1 < n) {
      char q2 = s[j + 1];
      if (q2 == '\'') {
        return literal(i, stringEnd(j + 1, '\'', false));
      }
      if (q2 == '"') {
        return quoted(i, stringEnd(j + 1, '"', false));
      }
    }
    return emitWord(i, j);
  }

  // ---------------------------------------------------------------------------------------------
  // Keywords

  /** The word id of a word that is not a keyword: an identifier. */
  private static final int IDENT = 0;

  /** The word id of a token that is not a word (Strings used to say {@code null}). */
  private static final int NO_WORD = -1;

  /**
   * The words the normalizer acts on; a keyword's id is its index here plus one, every other word
   * is {@link #IDENT}.
   */
  private static final String[] KEYWORDS = {
    "all",
    "and",
    "any",
    "array",
    "as",
    "between",
    "by",
    "call",
    "case",
    "check",
    "close",
    "conflict",
    "deallocate",
    "declare",
    "default",
    "delete",
    "distinct",
    "do",
    "else",
    "escape",
    "except",
    "execute",
    "exists",
    "explain",
    "false",
    "fetch",
    "filter",
    "first",
    "from",
    "group",
    "having",
    "ilike",
    "in",
    "insert",
    "intersect",
    "into",
    "is",
    "join",
    "key",
    "lateral",
    "like",
    "limit",
    "merge",
    "move",
    "next",
    "not",
    "null",
    "offset",
    "on",
    "only",
    "open",
    "or",
    "over",
    "prepare",
    "references",
    "release",
    "replace",
    "return",
    "returning",
    "rollback",
    "savepoint",
    "select",
    "set",
    "some",
    "table",
    "then",
    "to",
    "top",
    "true",
    "union",
    "unique",
    "update",
    "using",
    "value",
    "values",
    "when",
    "where",
    "with",
    "within",
  };

  private static final int MAX_KEYWORD_LENGTH =
      Arrays.stream(KEYWORDS).mapToInt(String::length).max().orElse(0);

  private static final int MIN_KEYWORD_LENGTH =
      Arrays.stream(KEYWORDS).mapToInt(String::length).min().orElse(0);

  /**
   * Keywords by packed key: a word's last (at most) eight lower-cased chars, one byte each, in a
   * {@code long} (see {@link #KEY_CHARS}). The table is a perfect hash: the slot of a key is the
   * top {@link #KEYWORD_SLOT_BITS} bits of the key times {@link #KEYWORD_MULTIPLIER}, a multiplier
   * chosen when the class loads so that no two keywords share a slot. A slot is two adjacent longs
   * of {@link #KEYWORD_TABLE}: the key, then the keyword's id and, from bit 8, its length. A lookup
   * is one multiply and two reads from one cache line, with no loop and no branch: an identifier's
   * key finds an empty slot or another key.
   */
  private static final int KEYWORD_SLOT_BITS = 10;

  private static final long[] KEYWORD_TABLE = new long[2 << KEYWORD_SLOT_BITS];

  /** Chars a packed key holds: longer words keep their last eight, and are checked in full. */
  private static final int KEY_CHARS = 8;

  private static final char[][] KEYWORD_CHARS = new char[KEYWORDS.length + 1][];

  private static final long KEYWORD_MULTIPLIER;

  static {
    long[] keys = new long[KEYWORDS.length + 1];
    for (int id = 1; id <= KEYWORDS.length; id++) {
      String k = KEYWORDS[id - 1];
      KEYWORD_CHARS[id] = k.toCharArray();
      if (!k.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
        throw new AssertionError(k); // packed keys assume lower-case ASCII letters
      }
      for (int c = 0; c < k.length(); c++) {
        keys[id] = (keys[id] << 8) | k.charAt(c);
      }
    }
    // Odd multipliers from a fixed sequence until one spreads the keywords without a collision
    // (about one in twenty does for 79 keywords in 1,024 slots); the same one at every load.
    long m = 0x9E3779B97F4A7C15L;
    byte[] ids = new byte[1 << KEYWORD_SLOT_BITS];
    search:
    for (int attempt = 0; ; attempt++) {
      if (attempt == 1_000_000) {
        throw new AssertionError("no perfect hash for the keywords");
      }
      m = (m * 6364136223846793005L + 1442695040888963407L) | 1;
      Arrays.fill(ids, (byte) 0);
      for (int id = 1; id <= KEYWORDS.length; id++) {
        int slot = (int) ((keys[id] * m) >>> (64 - KEYWORD_SLOT_BITS));
        if (ids[slot] != 0) {
          continue search;
        }
        ids[slot] = (byte) id;
      }
      break;
    }
    KEYWORD_MULTIPLIER = m;
    for (int slot = 0; slot < ids.length; slot++) {
      int id = ids[slot];
      if (id != 0) {
        KEYWORD_TABLE[2 * slot] = keys[id];
        KEYWORD_TABLE[2 * slot + 1] = id | (KEYWORDS[id - 1].length() << 8);
      }
    }
  }

  /**
   * The id of the keyword with packed key {@code key} and length {@code len}, or {@link #IDENT}. A
   * word longer than {@link #KEY_CHARS} is a keyword only if its first {@code len - KEY_CHARS}
   * chars match too, which the caller checks with {@link #keywordPrefix}. {@code key} must come
   * from ASCII chars only.
   */
  private static int keywordByKey(long key, int len) {
    int at = (int) ((key * KEYWORD_MULTIPLIER) >>> (64 - KEYWORD_SLOT_BITS)) << 1;
    int entry = (int) KEYWORD_TABLE[at + 1];
    return KEYWORD_TABLE[at] == key && (entry >>> 8) == len ? entry & 0xff : IDENT;
  }

  /**
   * {@code id} if the chars of the lower-cased word {@code text[at, at + len)} before its last
   * {@link #KEY_CHARS} are those of keyword {@code id} (which has length {@code len}), else {@link
   * #IDENT}.
   */
  private static int keywordPrefix(int id, int len, char[] text, int at) {
    char[] kw = KEYWORD_CHARS[id];
    for (int k = 0; k < len - KEY_CHARS; k++) {
      if (kw[k] != text[at + k]) {
        return IDENT;
      }
    }
    return id;
  }

  /** The id of the keyword {@code name}. */
  private static int id(String name) {
    for (int i = 0; i < KEYWORDS.length; i++) {
      if (KEYWORDS[i].equals(name)) {
        return i + 1;
      }
    }
    throw new AssertionError(name);
  }

  private static final int K_ALL = id("all");
  private static final int K_ARRAY = id("array");
  private static final int K_CALL = id("call");
  private static final int K_CLOSE = id("close");
  private static final int K_DEALLOCATE = id("deallocate");
  private static final int K_DECLARE = id("declare");
  private static final int K_DELETE = id("delete");
  private static final int K_EXECUTE = id("execute");
  private static final int K_FALSE = id("false");
  private static final int K_FETCH = id("fetch");
  private static final int K_FROM = id("from");
  private static final int K_IN = id("in");
  private static final int K_INSERT = id("insert");
  private static final int K_IS = id("is");
  private static final int K_MERGE = id("merge");
  private static final int K_MOVE = id("move");
  private static final int K_NOT = id("not");
  private static final int K_NULL = id("null");
  private static final int K_OPEN = id("open");
  private static final int K_PREPARE = id("prepare");
  private static final int K_RELEASE = id("release");
  private static final int K_REPLACE = id("replace");
  private static final int K_ROLLBACK = id("rollback");
  private static final int K_SAVEPOINT = id("savepoint");
  private static final int K_SELECT = id("select");
  private static final int K_TO = id("to");
  private static final int K_TRUE = id("true");
  private static final int K_UPDATE = id("update");
  private static final int K_VALUES = id("values");
  private static final int K_WITH = id("with");

  /** Words after which {@code (} takes a space: keywords, as opposed to function names. */
  private static final String[] SPACE_BEFORE_PAREN_WORDS = {
    "and",
    "or",
    "not",
    "in",
    "exists",
    "values",
    "value",
    "as",
    "on",
    "using",
    "select",
    "from",
    "where",
    "join",
    "any",
    "all",
    "some",
    "set",
    "then",
    "else",
    "when",
    "case",
    "by",
    "over",
    "with",
    "union",
    "intersect",
    "except",
    "lateral",
    "returning",
    "having",
    "limit",
    "offset",
    "is",
    "between",
    "like",
    "ilike",
    "distinct",
    "table",
    "into",
    "group",
    "filter",
    "key",
    "unique",
    "check",
    "references",
    "return",
    "within",
    "do",
    "conflict",
    "explain",
    "array",
    "escape",
    "only",
    "default",
  };

  /** Keywords after which {@code -} or {@code +} is unary. */
  private static final String[] UNARY_AFTER_WORDS = {
    "select",
    "where",
    "and",
    "or",
    "not",
    "when",
    "then",
    "else",
    "like",
    "ilike",
    "between",
    "limit",
    "offset",
    "by",
    "having",
    "case",
    "return",
    "returning",
    "distinct",
    "all",
    "any",
    "some",
    "on",
    "in",
    "is",
    "values",
    "exists",
    "escape",
    "set",
    "fetch",
    "first",
    "next",
    "default",
    "top",
  };

  private static final boolean[] SPACE_BEFORE_PAREN = idSet(SPACE_BEFORE_PAREN_WORDS);
  private static final boolean[] UNARY_AFTER = idSet(UNARY_AFTER_WORDS);

  private static boolean[] idSet(String[] words) {
    boolean[] set = new boolean[KEYWORDS.length + 1];
    for (String w : words) {
      set[id(w)] = true;
    }
    return set;
  }

  private static boolean spaceBeforeParen(int w) {
    return w > IDENT && SPACE_BEFORE_PAREN[w];
  }

  private static boolean unaryAfter(int w) {
    return w == NO_WORD || (w > IDENT && UNARY_AFTER[w]);
  }

  /**
   * Keywords that, when they are not the first word of their statement and {@link #laneOpen} holds,
   * do nothing but what an identifier does: all but the values ({@code true}, {@code false}, {@code
   * null}), {@code savepoint} (a name follows), {@code values} (rows follow), and {@code to},
   * {@code from} and {@code in}, which take a name in some statements (see {@link #laneKeyword}).
   * The keywords that take a name only as a statement's first word are plain here.
   */
  private static final boolean[] LANE_KEYWORD = new boolean[KEYWORDS.length + 1];

  static {
    Arrays.fill(LANE_KEYWORD, 1, LANE_KEYWORD.length, true);
    for (String k :
        new String[] {"true", "false", "null", "savepoint", "values", "to", "from", "in"}) {
      LANE_KEYWORD[id(k)] = false;
    }
  }

  /**
   * {@link #LANE_KEYWORD} with {@link #IDENT} too: whether {@link #lane} reads word {@code w} as an
   * identifier without asking {@link #laneKeyword}.
   */
  private static final boolean[] LANE_WORD = LANE_KEYWORD.clone();

  static {
    LANE_WORD[IDENT] = true;
  }

  /** Whether {@link #lane} may read the keyword {@code w} as it reads an identifier (see above). */
  private boolean laneKeyword(int w) {
    if (LANE_KEYWORD[w]) {
      return true;
    }
    if (w == K_FROM || w == K_IN) {
      return stmtFirst != K_FETCH && stmtFirst != K_MOVE;
    }
    return w == K_TO && stmtFirst != K_ROLLBACK;
  }

  /** The id of the keyword the lower-cased word {@code out[at, at + len)} is, or {@link #IDENT}. */
  private int keywordAt(int at, int len) {
    if (len > MAX_KEYWORD_LENGTH || len < MIN_KEYWORD_LENGTH) {
      return IDENT;
    }
    final char[] o = out;
    long key = 0;
    for (int k = Math.max(0, len - KEY_CHARS); k < len; k++) {
      char c = o[at + k];
      if (c >= 128) {
        return IDENT;
      }
      key = (key << 8) | c;
    }
    int id = keywordByKey(key, len);
    return id != IDENT && len > KEY_CHARS ? keywordPrefix(id, len, o, at) : id;
  }

  /** The id of the keyword s[i, j) is (ASCII case-insensitively), or {@link #IDENT}. */
  private int keyword(int i, int j) {
    int len = j - i;
    if (len > MAX_KEYWORD_LENGTH || len < MIN_KEYWORD_LENGTH) {
      return IDENT;
    }
    final char[] s = this.s;
    long key = 0;
    for (int k = Math.max(i, j - KEY_CHARS); k < j; k++) {
      char c = s[k];
      if (c >= 128) {
        return IDENT;
      }
      key = (key << 8) | lower(c);
    }
    int id = keywordByKey(key, len);
    if (id != IDENT && len > KEY_CHARS) {
      char[] kw = KEYWORD_CHARS[id];
      for (int k = 0; k < len - KEY_CHARS; k++) {
        if (kw[k] != lower(s[i + k])) {
          return IDENT;
        }
      }
    }
    return id;
  }

  // ---------------------------------------------------------------------------------------------
  // Emitting tokens

  /** Whether the word {@code w} is a value: true, false, or null but not in IS [NOT] NULL. */
  private boolean isValueWord(int w) {
    return w == K_TRUE
        || w == K_FALSE
        || (w == K_NULL && !(prevWord == K_IS || (prevWord == K_NOT && prevPrevWord == K_IS)));
  }

  private int emitWord(int i, int j) {
    int w = keyword(i, j);
    if (isValueWord(w)) {
      return literal(i, j);
    }
    boolean keepWaiting = false;
    if (nameNext) {
      if (w == K_SAVEPOINT || w == K_PREPARE) {
        keepWaiting = true;
      } else if (w != K_ALL) {
        return literal(i, j);
      }
    }
    final char[] s = this.s;
    digitWord = isDigit(s[i]);
    before(WORD);
    digitWord = false;
    int start = len;
    if (start + (j - i) > out.length) {
      grow(start + (j - i));
    }
    final char[] o = out;
    int p = start;
    for (int k = i; k < j; k++) {
      o[p++] = lower(s[k]);
    }
    len = p;
    after(WORD, w, start);
    onWord(w);
    nameNext |= keepWaiting;
    return j;
  }

  private void onWord(int w) {
    stmtWords++;
    if (stmtWords == 1) {
      stmtFirst = w;
    }
    if (kind == null) {
      if (!withSeen) {
        if (w == K_WITH) {
          withSeen = true;
          withDepth = depth;
        } else {
          kind = kindOf(w);
          if (kind == null) {
            kind = SqlShape.StatementKind.OTHER;
          }
        }
      } else if (depth == withDepth) {
        kind = kindOf(w);
      }
    }
    if (w == IDENT) {
      return;
    }
    if (w == K_SAVEPOINT) {
      nameNext = true;
    } else if (w == K_TO) {
      nameNext |= stmtFirst == K_ROLLBACK;
    } else if (w == K_FROM || w == K_IN) {
      nameNext |= stmtFirst == K_FETCH || stmtFirst == K_MOVE;
    } else if (w == K_VALUES) {
      fr[top + F_VAL] = V_FIRST;
    }
    if (stmtWords == 1
        && (w == K_DECLARE
            || w == K_CLOSE
            || w == K_PREPARE
            || w == K_EXECUTE
            || w == K_DEALLOCATE
            || w == K_OPEN
            || w == K_RELEASE)) {
      nameNext = true;
    }
  }

  private static SqlShape.StatementKind kindOf(int w) {
    if (w == K_SELECT) {
      return SqlShape.StatementKind.SELECT;
    } else if (w == K_INSERT || w == K_REPLACE) {
      return SqlShape.StatementKind.INSERT;
    } else if (w == K_UPDATE) {
      return SqlShape.StatementKind.UPDATE;
    } else if (w == K_DELETE) {
      return SqlShape.StatementKind.DELETE;
    } else if (w == K_MERGE) {
      return SqlShape.StatementKind.MERGE;
    } else if (w == K_CALL) {
      return SqlShape.StatementKind.CALL;
    }
    return null;
  }

  private int quoted(int i, int end) {
    if (nameNext) {
      return literal(i, end);
    }
    before(QUOTED);
    int start = len;
    putRange(i, end);
    after(QUOTED, NO_WORD, start);
    stmtWords++;
    return end;
  }

  private int literal(int i, int end) {
    literalCount++;
    if (facts) {
      hashLiteral(i, end);
    }
    value();
    return end;
  }

  /** Adds the literal {@code s[i, end)} to {@link #literalsHash}. */
  private void hashLiteral(int i, int end) {
    final char[] s = this.s;
    long h = literalsHash;
    for (int k = i; k < end; k++) {
      h = (h ^ s[k]) * FNV_PRIME;
    }
    literalsHash = (h ^ 0x1f) * FNV_PRIME;
  }

  private void marker() {
    value();
  }

  private void value() {
    simple(VALUE, '?');
  }

  private void simple(int cls, char c) {
    before(cls);
    int start = len;
    put(c);
    after(cls, NO_WORD, start);
  }

  private void simple(int cls, String text) {
    before(cls);
    int start = len;
    put(text);
    after(cls, NO_WORD, start);
  }

  /** Flushes held semicolons, resets a VALUES clause that this token does not continue, spaces. */
  private void before(int cls) {
    if (pendingSemis > 0) {
      flushSemis();
    }
    nameNext = false;
    endValues(cls);
    if (needsSpace(cls)) {
      put(' ');
    }
  }

  /** Ends the VALUES clause of the innermost frame unless a token of class {@code cls} goes on. */
  private void endValues(int cls) {
    int v = fr[top + F_VAL];
    if (v != V_NONE && !(cls == COMMA && v == V_AFTER)) {
      if (!(cls == OPEN && (v == V_FIRST || v == V_EXPECT))) {
        fr[top + F_VAL] = V_NONE;
      }
    }
  }

  private void after(int cls, int word, int start) {
    if (fr[top + F_KIND] != PLAIN && cls != COMMA) {
      elementToken(top, cls, start);
    }
    prevPrevWord = prevWord;
    prevWord = word;
    prevClass = cls;
  }

  private boolean needsSpace(int cls) {
    int t = SPACING[(digitWord ? 256 : 0) | (prevClass << 4) | cls];
    if (t != SPACE_DEPENDS) {
      return t == SPACE_YES;
    }
    return spacing(
        prevClass, cls, digitWord, pendingOpen, prevClass == WORD && spaceBeforeParen(prevWord));
  }

  private static final byte SPACE_NO = 0;
  private static final byte SPACE_YES = 1;
  private static final byte SPACE_DEPENDS = 2;

  /**
   * {@link #spacing} by (digit word, previous class, class), for the ones whose answer does not
   * depend on anything else, else {@link #SPACE_DEPENDS}: built from {@link #spacing} itself, so
   * the two cannot disagree.
   */
  private static final byte[] SPACING = new byte[2 * 16 * 16];

  static {
    char[] opens = {'(', '[', '{'};
    boolean[] bools = {false, true};
    for (boolean digitWord : bools) {
      for (int prev = NONE; prev <= COLON; prev++) {
        for (int cls = NONE; cls <= COLON; cls++) {
          boolean first = spacing(prev, cls, digitWord, '(', false);
          boolean varies = false;
          for (char open : opens) {
            for (boolean parenWord : bools) {
              varies |= spacing(prev, cls, digitWord, open, parenWord) != first;
            }
          }
          SPACING[(digitWord ? 256 : 0) | (prev << 4) | cls] =
              varies ? SPACE_DEPENDS : first ? SPACE_YES : SPACE_NO;
        }
      }
    }
  }

  /**
   * Whether a token of class {@code cls} takes a space after one of class {@code prev}; {@code
   * digitWord}: the token is a word starting with a digit; {@code open}: the bracket, when the
   * token opens one; {@code parenWord}: the previous token is a keyword that takes a space before
   * {@code (}.
   */
  private static boolean spacing(
      int prev, int cls, boolean digitWord, char open, boolean parenWord) {
    if (prev == NONE) {
      return false;
    }
    // Exceptions that keep the output lexing the same: ": ::" is not ":::", ". 1a" is not ".1".
    if ((cls == CAST && prev == COLON) || (cls == WORD && prev == DOT && digitWord)) {
      return true;
    }
    switch (cls) {
      case COMMA, CLOSE, DOT, CAST, SEMI -> {
        return false;
      }
      default -> {}
    }
    switch (prev) {
      case DOT, CAST, OPEN -> {
        return false;
      }
      default -> {}
    }
    if (cls == OPEN) {
      if (open == '[') {
        return false;
      }
      if (open == '(' && (prev == QUOTED || (prev == WORD && !parenWord))) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code simple(DOT, '.')}, shortened: no space ever goes before a dot, and a dot ends any VALUES
   * clause of the innermost frame.
   */
  private void dot() {
    if (pendingSemis > 0) {
      flushSemis();
    }
    nameNext = false;
    fr[top + F_VAL] = V_NONE;
    int start = len;
    put('.');
    after(DOT, NO_WORD, start);
  }

  private void flushSemis() {
    while (pendingSemis > 0) {
      pendingSemis--;
      int start = len;
      put(';');
      after(SEMI, NO_WORD, start);
    }
  }

  private void semicolon() {
    fr[top + F_VAL] = V_NONE;
    pendingSemis++;
    stmtWords = 0;
    stmtFirst = NO_WORD;
    nameNext = false;
  }

  private void comma() {
    // before(COMMA), but no space ever goes before a comma.
    if (pendingSemis > 0) {
      flushSemis();
    }
    nameNext = false;
    endValues(COMMA);
    int f = top;
    if (fr[f + F_KIND] != PLAIN) {
      finishElement(f);
    }
    if (fr[f + F_VAL] == V_AFTER) {
      fr[f + F_VAL_COMMA] = len;
      fr[f + F_VAL] = V_EXPECT;
    }
    int start = len;
    put(',');
    after(COMMA, NO_WORD, start);
  }

  private void open(char c) {
    int f = top;
    int newKind = PLAIN;
    boolean list =
        prevClass == WORD && ((c == '(' && prevWord == K_IN) || (c == '[' && prevWord == K_ARRAY));
    int v = fr[f + F_VAL];
    pendingOpen = c;
    before(OPEN);
    int pos = len;
    int[] fr = this.fr;
    if (fr[f + F_KIND] != PLAIN) {
      if (fr[f + F_ELEM_START] < 0) {
        fr[f + F_ELEM_START] = pos;
      }
      int st = fr[f + F_STATE];
      if (list) {
        fr[f + F_STATE] = E_BAD;
        newKind = LIST;
      } else if (st == E_START && fr[f + F_KIND] == LIST && c != '{') {
        fr[f + F_STATE] = E_INROW;
        newKind = ROW;
      } else if (st != E_TYPE) {
        fr[f + F_STATE] = E_BAD;
      }
    } else if (list) {
      newKind = LIST;
    }
    if (c == '(' && v == V_FIRST) {
      fr[f + F_VAL] = V_IN_FIRST;
      fr[f + F_VAL_FIRST_START] = pos;
    } else if (c == '(' && v == V_EXPECT) {
      fr[f + F_VAL] = V_IN_ROW;
      fr[f + F_VAL_ROW_START] = pos;
    } else {
      fr[f + F_VAL] = V_NONE;
    }
    put(c);
    prevPrevWord = prevWord;
    prevWord = NO_WORD;
    prevClass = OPEN;
    push(c, newKind, len);
  }

  private void close(char c) {
    if (pendingSemis > 0) {
      flushSemis();
    }
    if (untracked > 0 || depth == 0) {
      untracked = Math.max(0, untracked - 1);
      simple(CLOSE, c);
      return;
    }
    int[] fr = this.fr;
    int f = top;
    int k = fr[f + F_KIND];
    boolean rowSimple = false;
    if (k != PLAIN) {
      if (fr[f + F_COUNT] > 0 || fr[f + F_ELEM_START] >= 0) {
        finishElement(f);
      }
      if (k == LIST && fr[f + F_COUNT] > 0 && fr[f + F_SIMPLE] != 0 && fr[f + F_SAME] != 0) {
        maxListElements = Math.max(maxListElements, fr[f + F_COUNT]);
        setLength(fr[f + F_FIRST_END]);
      }
      rowSimple = k == ROW && fr[f + F_COUNT] > 0 && fr[f + F_SIMPLE] != 0;
    }
    if (fr[f + F_CHAR] == '[') {
      bracketDepth--;
    }
    depth--;
    top -= FRAME;
    int p = top;
    put(c);
    prevPrevWord = prevWord;
    prevWord = NO_WORD;
    prevClass = CLOSE;
    if (fr[p + F_KIND] != PLAIN) {
      int st = fr[p + F_STATE];
      if (st == E_INROW) {
        fr[p + F_STATE] = rowSimple ? E_ROWDONE : E_BAD;
      } else if (st != E_TYPE) {
        fr[p + F_STATE] = E_BAD;
      }
    }
    int v = fr[p + F_VAL];
    if (v == V_IN_FIRST) {
      fr[p + F_VAL_FIRST_END] = len;
      fr[p + F_VAL] = V_AFTER;
    } else if (v == V_IN_ROW) {
      int rs = fr[p + F_VAL_ROW_START];
      if (regionEquals(fr[p + F_VAL_FIRST_START], fr[p + F_VAL_FIRST_END], rs, len)) {
        setLength(fr[p + F_VAL_COMMA]);
      }
      fr[p + F_VAL] = V_AFTER;
    }
  }

  private void push(char c, int kind, int contentStart) {
    if (depth + 1 >= MAX_DEPTH) {
      // Too deep to track: the enclosing frame stops collapsing anything.
      untracked++;
      fr[top + F_KIND] = PLAIN;
      fr[top + F_VAL] = V_NONE;
      return;
    }
    depth++;
    top += FRAME;
    if (top + FRAME > this.fr.length) {
      this.fr = Arrays.copyOf(this.fr, this.fr.length * 2);
    }
    if (c == '[') {
      bracketDepth++;
    }
    int[] fr = this.fr;
    int f = top;
    fr[f + F_CHAR] = c;
    fr[f + F_KIND] = kind;
    fr[f + F_STATE] = E_START;
    fr[f + F_COUNT] = 0;
    fr[f + F_ELEM_START] = -1;
    fr[f + F_FIRST_START] = contentStart;
    fr[f + F_FIRST_END] = contentStart;
    fr[f + F_SIMPLE] = 1;
    fr[f + F_SAME] = kind == LIST ? 1 : 0;
    fr[f + F_VAL] = V_NONE;
  }

  /** Advances the state of the element being read in the list frame at {@code f}. */
  private void elementToken(int f, int cls, int start) {
    int[] fr = this.fr;
    if (fr[f + F_ELEM_START] < 0) {
      fr[f + F_ELEM_START] = start;
    }
    int st = fr[f + F_STATE];
    int next;
    switch (cls) {
      case VALUE -> next = st == E_START || st == E_SIGN ? E_VALUE : E_BAD;
      case OP -> {
        char c = out[start];
        next = st == E_START && len == start + 1 && (c == '-' || c == '+') ? E_SIGN : E_BAD;
      }
      case CAST -> next = st == E_VALUE || st == E_TYPE || st == E_ROWDONE ? E_CASTED : E_BAD;
      case WORD, QUOTED -> next = st == E_CASTED || st == E_TYPE ? E_TYPE : E_BAD;
      case DOT -> next = st == E_TYPE ? E_CASTED : E_BAD;
      default -> next = E_BAD;
    }
    fr[f + F_STATE] = next;
  }

  private void finishElement(int f) {
    int[] fr = this.fr;
    int st = fr[f + F_STATE];
    int es = fr[f + F_ELEM_START];
    int ee = len;
    boolean simple = es >= 0 && (st == E_VALUE || st == E_TYPE || st == E_ROWDONE);
    if (fr[f + F_COUNT] == 0) {
      fr[f + F_FIRST_START] = es;
      fr[f + F_FIRST_END] = ee;
    } else if (fr[f + F_SAME] != 0 && fr[f + F_SIMPLE] != 0) {
      fr[f + F_SAME] =
          simple && regionEquals(fr[f + F_FIRST_START], fr[f + F_FIRST_END], es, ee) ? 1 : 0;
    }
    if (!simple) {
      fr[f + F_SIMPLE] = 0;
    }
    fr[f + F_COUNT]++;
    fr[f + F_ELEM_START] = -1;
    fr[f + F_STATE] = E_START;
  }

  private boolean regionEquals(int a, int aEnd, int b, int bEnd) {
    if (aEnd - a != bEnd - b || a < 0 || b < 0) {
      return false;
    }
    if (aEnd > len || bEnd > len) {
      throw new IndexOutOfBoundsException(); // a bug: caught, and the fallback runs
    }
    return Arrays.equals(out, a, aEnd, out, b, bEnd);
  }
}
