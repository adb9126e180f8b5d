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
 * an explicit stack of parallel arrays. Time and memory are linear in the input, and it never
 * throws: a failure it did not foresee falls back to whitespace-collapsed text.
 *
 * <p>Facts it records: {@link SqlShape#literalCount()} and {@link SqlShape#literalsHash()} cover
 * literals and savepoint, cursor and prepared-statement names (values written in the text), not
 * bind markers, whose values the JDBC layer sees. Block comments of every kind go, MySQL's
 * executable {@code /*! … *}{@code /} comments included. Output spacing has two exceptions to the
 * rules of {@link dev.nplusone.SqlFingerprint}, so that the output lexes as the input did: a space
 * between {@code :} and {@code ::}, and between {@code .} and an identifier starting with a digit.
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

  private static final String[] OPS3 = {"<=>", "->>", "#>>", "!~*", "~~*", "!~~", "<<=", ">>="};
  private static final String[] OPS2 = {
    "<=", ">=", "<>", "!=", "||", "&&", "->", "#>", "#-", "@>", "<@", "~*", "!~", "~~", "<<", ">>",
    "=>", "@@", "^@", "&<", "&>"
  };

  private final String s;
  private final int n;
  private final SqlDialect dialect;
  private final boolean mysql;
  private final StringBuilder out;

  private int prevClass = NONE;
  private String prevWord;
  private String prevPrevWord;
  private int pendingSemis;

  private long literalsHash = FNV_OFFSET;
  private int literalCount;
  private int maxListElements;

  private SqlShape.StatementKind kind;
  private boolean withSeen;
  private int withDepth;

  private String stmtFirst;
  private int stmtWords;
  private boolean nameNext;

  // The bracket stack; frame 0 is the statement itself. Four frames cover most statements; push()
  // doubles them when a statement nests deeper.
  private int depth;
  private int bracketDepth;
  private int untracked;
  private char[] fChar = new char[4];
  private int[] fKind = new int[4];
  private int[] fState = new int[4];
  private int[] fCount = new int[4];
  private int[] fElemStart = new int[4];
  private int[] fFirstEnd = new int[4];
  private int[] fFirstStart = new int[4];
  private boolean[] fSimple = new boolean[4];
  private boolean[] fSame = new boolean[4];
  private int[] fVal = new int[4];
  private int[] fValFirstStart = new int[4];
  private int[] fValFirstEnd = new int[4];
  private int[] fValComma = new int[4];
  private int[] fValRowStart = new int[4];

  private SqlNormalizer(String sql, SqlDialect dialect) {
    this.s = sql;
    this.n = sql.length();
    this.dialect = dialect;
    this.mysql = dialect == SqlDialect.MYSQL || dialect == SqlDialect.MYSQL_ANSI_QUOTES;
    this.out = new StringBuilder(Math.min(n, 1 << 16) + 16);
  }

  /**
   * The full canonical text of {@code sql}.
   *
   * @param sql raw SQL; null is treated as empty
   * @param dialect the dialect; null is treated as {@link SqlDialect#GENERIC}
   */
  public static String normalize(String sql, SqlDialect dialect) {
    SqlNormalizer z = run(sql, dialect);
    return z.out.toString();
  }

  /**
   * The shape of {@code sql}: display text, hashes and the facts learnt while normalizing.
   *
   * @param sql raw SQL; null is treated as empty
   * @param dialect the dialect; null is treated as {@link SqlDialect#GENERIC}
   */
  public static SqlShape shape(String sql, SqlDialect dialect) {
    SqlNormalizer z = run(sql, dialect);
    StringBuilder o = z.out;
    int len = o.length();
    String display;
    if (len <= DISPLAY_LIMIT) {
      display = o.toString();
    } else {
      int cut = DISPLAY_LIMIT;
      if (Character.isHighSurrogate(o.charAt(cut - 1))) {
        cut--;
      }
      display = o.substring(0, cut) + "…";
    }
    long lh = z.literalCount == 0 ? 0 : fmix(z.literalsHash);
    if (z.literalCount != 0 && lh == 0) {
      lh = 1;
    }
    SqlShape shape =
        new SqlShape(
            display,
            hash(o),
            lh,
            z.literalCount,
            z.maxListElements,
            z.kind == null ? SqlShape.StatementKind.OTHER : z.kind,
            len);
    shape.rawSql = sql;
    return shape;
  }

  private static SqlNormalizer run(String sql, SqlDialect dialect) {
    String text = sql == null ? "" : sql;
    SqlDialect d = dialect == null ? SqlDialect.GENERIC : dialect;
    SqlNormalizer z = new SqlNormalizer(text, d);
    try {
      z.lex();
    } catch (RuntimeException e) {
      z = new SqlNormalizer(text, d);
      z.fallback();
    }
    return z;
  }

  // ---------------------------------------------------------------------------------------------
  // Hashing

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  /** A 64-bit hash of the chars of {@code text}: FNV-1a over UTF-16 units, then a final mix. */
  static long hash(CharSequence text) {
    long h = FNV_OFFSET;
    int len = text.length();
    for (int i = 0; i < len; i++) {
      h = (h ^ text.charAt(i)) * FNV_PRIME;
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

  private static boolean isSpace(char c) {
    if (c <= ' ' || c == 0x7f) {
      return true;
    }
    return c >= 0x80
        && (Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c));
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isIdentStart(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || c == '_'
        || (c >= 0x80 && !isSpace(c));
  }

  private static boolean isIdentPart(char c) {
    return isIdentStart(c) || isDigit(c) || c == '$';
  }

  private static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  private static boolean isOpChar(char c) {
    switch (c) {
      case '+', '-', '*', '/', '<', '>', '=', '~', '!', '@', '#', '%', '^', '&', '|', '`', '\\' -> {
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The lexer

  private void lex() {
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (isSpace(c)) {
        i++;
        continue;
      }
      char d = i + 1 < n ? s.charAt(i + 1) : '\0';
      switch (c) {
        case '-':
          if (d == '-' && (!mysql || i + 2 >= n || isSpace(s.charAt(i + 2)))) {
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
            simple(DOT, ".");
            i++;
          }
          continue;
        default:
          break;
      }
      if (isDigit(c)) {
        i = number(i, i);
      } else if (isIdentStart(c)) {
        i = word(i);
      } else {
        i = operator(i);
      }
    }
  }

  private void fallback() {
    // Only reached on a bug: collapse whitespace, keep the rest verbatim.
    boolean space = false;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (isSpace(c)) {
        space = out.length() > 0;
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.append(c);
      }
    }
    kind = SqlShape.StatementKind.OTHER;
  }

  private int lineEnd(int i) {
    while (i < n) {
      char c = s.charAt(i);
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
      char c = s.charAt(i);
      if (c == '*' && i + 1 < n && s.charAt(i + 1) == '/') {
        i += 2;
        if (--level == 0) {
          return i;
        }
      } else if (nests && c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
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
      char c = s.charAt(i);
      if (backslash && c == '\\') {
        i += 2;
      } else if (c == q) {
        if (i + 1 < n && s.charAt(i + 1) == q) {
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
    char d = i + 1 < n ? s.charAt(i + 1) : '\0';
    if (isDigit(d)) {
      int j = i + 1;
      while (j < n && isDigit(s.charAt(j))) {
        j++;
      }
      marker();
      return j;
    }
    if (dialect == SqlDialect.POSTGRESQL || dialect == SqlDialect.H2) {
      int j = i + 1;
      if (d != '$' && dialect == SqlDialect.POSTGRESQL && isIdentStart(d)) {
        while (j < n && j - i <= MAX_DOLLAR_TAG && s.charAt(j) != '$' && isIdentPart(s.charAt(j))) {
          j++;
        }
      }
      if (j < n && s.charAt(j) == '$') {
        String tag = s.substring(i, j + 1);
        int close = s.indexOf(tag, j + 1);
        return literal(i, close < 0 ? n : close + tag.length());
      }
    }
    return operator(i);
  }

  private int question(int i) {
    char d = i + 1 < n ? s.charAt(i + 1) : '\0';
    if (dialect == SqlDialect.POSTGRESQL && d == '?') {
      char e = i + 2 < n ? s.charAt(i + 2) : '\0';
      if (e == '|' || e == '&') {
        simple(OP, s.substring(i, i + 3));
        return i + 3;
      }
      simple(OP, "??");
      return i + 2;
    }
    int j = i + 1;
    if (dialect == SqlDialect.H2) {
      while (j < n && isDigit(s.charAt(j))) {
        j++;
      }
    }
    marker();
    return j;
  }

  private int colon(int i) {
    char d = i + 1 < n ? s.charAt(i + 1) : '\0';
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
      while (j < n && isIdentPart(s.charAt(j))) {
        j++;
      }
      marker();
      return j;
    }
    simple(COLON, ":");
    return i + 1;
  }

  private int signOrOperator(int i) {
    if (!afterOperand()) {
      int k = i + 1;
      while (k < n && isSpace(s.charAt(k))) {
        k++;
      }
      if (k < n) {
        char c = s.charAt(k);
        if (isDigit(c) || (c == '.' && k + 1 < n && isDigit(s.charAt(k + 1)))) {
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
    return prevClass == VALUE
        || prevClass == QUOTED
        || prevClass == CLOSE
        || (prevClass == WORD && !unaryAfter(prevWord));
  }

  private int operator(int i) {
    for (String op : OPS3) {
      if (s.startsWith(op, i) && allowedOp(op)) {
        simple(OP, op);
        return i + 3;
      }
    }
    for (String op : OPS2) {
      if (s.startsWith(op, i) && allowedOp(op)) {
        simple(OP, op.equals("!=") ? "<>" : op);
        return i + 2;
      }
    }
    simple(OP, oneChar(s.charAt(i)));
    return i + 1;
  }

  private boolean allowedOp(String op) {
    return !(mysql && op.charAt(0) == '#');
  }

  /**
   * The end of the number starting at {@code i}, or minus the position where identifier chars
   * follow it.
   */
  private int numberEnd(int i) {
    int j = i;
    char c = s.charAt(j);
    char d = j + 1 < n ? s.charAt(j + 1) : '\0';
    if (c == '0' && (d == 'x' || d == 'X' || d == 'b' || d == 'B' || d == 'o' || d == 'O')) {
      int k = j + 2;
      while (k < n && (isHexDigit(s.charAt(k)) || s.charAt(k) == '_')) {
        k++;
      }
      if (k > j + 2) {
        j = k;
      } else {
        j++;
      }
    } else {
      while (j < n && (isDigit(s.charAt(j)) || s.charAt(j) == '_')) {
        j++;
      }
      if (j < n && s.charAt(j) == '.') {
        j++;
        while (j < n && (isDigit(s.charAt(j)) || s.charAt(j) == '_')) {
          j++;
        }
      }
      if (j < n && (s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
        int k = j + 1;
        if (k < n && (s.charAt(k) == '+' || s.charAt(k) == '-')) {
          k++;
        }
        if (k < n && isDigit(s.charAt(k))) {
          while (k < n && isDigit(s.charAt(k))) {
            k++;
          }
          j = k;
        }
      }
    }
    if (j < n && isIdentPart(s.charAt(j))) {
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
    while (j < n && isIdentPart(s.charAt(j))) {
      j++;
    }
    return emitWord(i, j);
  }

  private int word(int i) {
    int j = i + 1;
    while (j < n && isIdentPart(s.charAt(j))) {
      j++;
    }
    if (j < n) {
      char q = s.charAt(j);
      int len = j - i;
      char first = lower(s.charAt(i));
      if (q == '\'') {
        if (len == 1 && first == 'e' && dialect == SqlDialect.POSTGRESQL) {
          return literal(i, stringEnd(j, '\'', true));
        }
        if (len == 1 && (first == 'n' || first == 'x' || first == 'b')) {
          return literal(i, stringEnd(j, '\'', mysql && first == 'n'));
        }
        if (mysql && first == '_') {
          return literal(i, stringEnd(j, '\'', true));
        }
      }
      if (len == 1 && first == 'u' && q == '&' && !mysql && j + 1 < n) {
        char q2 = s.charAt(j + 1);
        if (q2 == '\'') {
          return literal(i, stringEnd(j + 1, '\'', false));
        }
        if (q2 == '"') {
          return quoted(i, stringEnd(j + 1, '"', false));
        }
      }
    }
    return emitWord(i, j);
  }

  // ---------------------------------------------------------------------------------------------
  // Emitting tokens

  /**
   * The words the normalizer acts on; every other word is an identifier, represented by {@code ""}
   * so that no String is made per word.
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

  private static final String[] KEYWORD_TABLE = new String[256];

  static {
    for (String k : KEYWORDS) {
      int slot = keywordSlot(k.hashCode());
      while (KEYWORD_TABLE[slot] != null) {
        slot = (slot + 1) & (KEYWORD_TABLE.length - 1);
      }
      KEYWORD_TABLE[slot] = k;
    }
  }

  private static int keywordSlot(int hash) {
    return (hash ^ (hash >>> 16)) & (KEYWORD_TABLE.length - 1);
  }

  /** The keyword s[i, j) is (ASCII case-insensitively), or {@code ""} for any other word. */
  private String keyword(int i, int j) {
    int len = j - i;
    if (len > 16) {
      return "";
    }
    int h = 0;
    for (int k = i; k < j; k++) {
      h = 31 * h + lower(s.charAt(k));
    }
    int slot = keywordSlot(h);
    String kw;
    while ((kw = KEYWORD_TABLE[slot]) != null) {
      if (kw.length() == len) {
        int k = 0;
        while (k < len && kw.charAt(k) == lower(s.charAt(i + k))) {
          k++;
        }
        if (k == len) {
          return kw;
        }
      }
      slot = (slot + 1) & (KEYWORD_TABLE.length - 1);
    }
    return "";
  }

  private int emitWord(int i, int j) {
    String w = keyword(i, j);
    if (w.equals("true") || w.equals("false")) {
      return literal(i, j);
    }
    if (w.equals("null")
        && !("is".equals(prevWord) || ("not".equals(prevWord) && "is".equals(prevPrevWord)))) {
      return literal(i, j);
    }
    boolean keepWaiting = false;
    if (nameNext) {
      if ("savepoint".equals(w) || "prepare".equals(w)) {
        keepWaiting = true;
      } else if (!"all".equals(w)) {
        return literal(i, j);
      }
    }
    digitWord = isDigit(s.charAt(i));
    before(WORD);
    digitWord = false;
    int start = out.length();
    for (int k = i; k < j; k++) {
      out.append(lower(s.charAt(k)));
    }
    after(WORD, w, start);
    onWord(w);
    nameNext |= keepWaiting;
    return j;
  }

  private void onWord(String w) {
    stmtWords++;
    if (stmtWords == 1) {
      stmtFirst = w;
    }
    if (kind == null) {
      if (!withSeen) {
        if (w.equals("with")) {
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
    switch (w) {
      case "savepoint" -> nameNext = true;
      case "to" -> nameNext |= "rollback".equals(stmtFirst);
      case "from", "in" -> nameNext |= "fetch".equals(stmtFirst) || "move".equals(stmtFirst);
      case "values" -> fVal[depth] = V_FIRST;
      default -> {}
    }
    if (stmtWords == 1) {
      switch (w) {
        case "declare", "close", "prepare", "execute", "deallocate", "open", "release" ->
            nameNext = true;
        default -> {}
      }
    }
  }

  private static final String[] ONE_CHAR = new String[128];

  static {
    for (char c = 0; c < ONE_CHAR.length; c++) {
      ONE_CHAR[c] = String.valueOf(c).intern();
    }
  }

  /** {@code String.valueOf(c)} without an allocation for ASCII. */
  private static String oneChar(char c) {
    return c < ONE_CHAR.length ? ONE_CHAR[c] : String.valueOf(c);
  }

  private static SqlShape.StatementKind kindOf(String w) {
    return switch (w) {
      case "select" -> SqlShape.StatementKind.SELECT;
      case "insert", "replace" -> SqlShape.StatementKind.INSERT;
      case "update" -> SqlShape.StatementKind.UPDATE;
      case "delete" -> SqlShape.StatementKind.DELETE;
      case "merge" -> SqlShape.StatementKind.MERGE;
      case "call" -> SqlShape.StatementKind.CALL;
      default -> null;
    };
  }

  private int quoted(int i, int end) {
    if (nameNext) {
      return literal(i, end);
    }
    before(QUOTED);
    int start = out.length();
    out.append(s, i, end);
    after(QUOTED, null, start);
    stmtWords++;
    return end;
  }

  private int literal(int i, int end) {
    literalCount++;
    long h = literalsHash;
    for (int k = i; k < end; k++) {
      h = (h ^ s.charAt(k)) * FNV_PRIME;
    }
    literalsHash = (h ^ 0x1f) * FNV_PRIME;
    value();
    return end;
  }

  private void marker() {
    value();
  }

  private void value() {
    before(VALUE);
    int start = out.length();
    out.append('?');
    after(VALUE, null, start);
  }

  private void simple(int cls, String text) {
    before(cls);
    int start = out.length();
    out.append(text);
    after(cls, null, start);
  }

  /** Flushes held semicolons, resets a VALUES clause that this token does not continue, spaces. */
  private void before(int cls) {
    flushSemis();
    nameNext = false;
    if (fVal[depth] != V_NONE && !(cls == COMMA && fVal[depth] == V_AFTER)) {
      if (!(cls == OPEN && (fVal[depth] == V_FIRST || fVal[depth] == V_EXPECT))) {
        fVal[depth] = V_NONE;
      }
    }
    if (needsSpace(cls)) {
      out.append(' ');
    }
  }

  private void after(int cls, String word, int start) {
    int f = depth;
    if (fKind[f] != PLAIN && cls != COMMA) {
      elementToken(f, cls, start);
    }
    prevPrevWord = prevWord;
    prevWord = word;
    prevClass = cls;
  }

  private boolean needsSpace(int cls) {
    if (prevClass == NONE) {
      return false;
    }
    // Exceptions that keep the output lexing the same: ": ::" is not ":::", ". 1a" is not ".1".
    if ((cls == CAST && prevClass == COLON) || (cls == WORD && prevClass == DOT && digitWord)) {
      return true;
    }
    switch (cls) {
      case COMMA, CLOSE, DOT, CAST, SEMI -> {
        return false;
      }
      default -> {}
    }
    switch (prevClass) {
      case DOT, CAST -> {
        return false;
      }
      case OPEN -> {
        return false;
      }
      default -> {}
    }
    if (cls == OPEN) {
      char c = pendingOpen;
      if (c == '[') {
        return false;
      }
      if (c == '(' && (prevClass == QUOTED || (prevClass == WORD && !spaceBeforeParen(prevWord)))) {
        return false;
      }
    }
    return true;
  }

  private char pendingOpen;
  private boolean digitWord;

  private void flushSemis() {
    while (pendingSemis > 0) {
      pendingSemis--;
      int start = out.length();
      out.append(';');
      after(SEMI, null, start);
    }
  }

  private void semicolon() {
    fVal[depth] = V_NONE;
    pendingSemis++;
    stmtWords = 0;
    stmtFirst = null;
    nameNext = false;
  }

  private void comma() {
    before(COMMA);
    int f = depth;
    if (fKind[f] != PLAIN) {
      finishElement(f);
    }
    if (fVal[f] == V_AFTER) {
      fValComma[f] = out.length();
      fVal[f] = V_EXPECT;
    }
    int start = out.length();
    out.append(',');
    after(COMMA, null, start);
  }

  private void open(char c) {
    int f = depth;
    int newKind = PLAIN;
    boolean list =
        prevClass == WORD
            && ((c == '(' && "in".equals(prevWord)) || (c == '[' && "array".equals(prevWord)));
    int v = fVal[f];
    pendingOpen = c;
    before(OPEN);
    int pos = out.length();
    if (fKind[f] != PLAIN) {
      if (fElemStart[f] < 0) {
        fElemStart[f] = pos;
      }
      int st = fState[f];
      if (list) {
        fState[f] = E_BAD;
        newKind = LIST;
      } else if (st == E_START && fKind[f] == LIST && c != '{') {
        fState[f] = E_INROW;
        newKind = ROW;
      } else if (st != E_TYPE) {
        fState[f] = E_BAD;
      }
    } else if (list) {
      newKind = LIST;
    }
    if (c == '(' && v == V_FIRST) {
      fVal[f] = V_IN_FIRST;
      fValFirstStart[f] = pos;
    } else if (c == '(' && v == V_EXPECT) {
      fVal[f] = V_IN_ROW;
      fValRowStart[f] = pos;
    } else {
      fVal[f] = V_NONE;
    }
    out.append(c);
    prevPrevWord = prevWord;
    prevWord = null;
    prevClass = OPEN;
    push(c, newKind, out.length());
  }

  private void close(char c) {
    flushSemis();
    if (untracked > 0 || depth == 0) {
      untracked = Math.max(0, untracked - 1);
      simple(CLOSE, oneChar(c));
      return;
    }
    int f = depth;
    int k = fKind[f];
    boolean rowSimple = false;
    if (k != PLAIN) {
      if (fCount[f] > 0 || fElemStart[f] >= 0) {
        finishElement(f);
      }
      if (k == LIST && fCount[f] > 0 && fSimple[f] && fSame[f]) {
        maxListElements = Math.max(maxListElements, fCount[f]);
        out.setLength(fFirstEnd[f]);
      }
      rowSimple = k == ROW && fCount[f] > 0 && fSimple[f];
    }
    if (fChar[f] == '[') {
      bracketDepth--;
    }
    depth--;
    int p = depth;
    out.append(c);
    prevPrevWord = prevWord;
    prevWord = null;
    prevClass = CLOSE;
    if (fKind[p] != PLAIN) {
      int st = fState[p];
      if (st == E_INROW) {
        fState[p] = rowSimple ? E_ROWDONE : E_BAD;
      } else if (st != E_TYPE) {
        fState[p] = E_BAD;
      }
    }
    int v = fVal[p];
    if (v == V_IN_FIRST) {
      fValFirstEnd[p] = out.length();
      fVal[p] = V_AFTER;
    } else if (v == V_IN_ROW) {
      int rs = fValRowStart[p];
      if (regionEquals(fValFirstStart[p], fValFirstEnd[p], rs, out.length())) {
        out.setLength(fValComma[p]);
      }
      fVal[p] = V_AFTER;
    }
  }

  private void push(char c, int kind, int contentStart) {
    if (depth + 1 >= MAX_DEPTH) {
      // Too deep to track: the enclosing frame stops collapsing anything.
      untracked++;
      fKind[depth] = PLAIN;
      fVal[depth] = V_NONE;
      return;
    }
    int f = ++depth;
    if (f == fKind.length) {
      int size = f * 2;
      fChar = Arrays.copyOf(fChar, size);
      fKind = Arrays.copyOf(fKind, size);
      fState = Arrays.copyOf(fState, size);
      fCount = Arrays.copyOf(fCount, size);
      fElemStart = Arrays.copyOf(fElemStart, size);
      fFirstEnd = Arrays.copyOf(fFirstEnd, size);
      fFirstStart = Arrays.copyOf(fFirstStart, size);
      fSimple = Arrays.copyOf(fSimple, size);
      fSame = Arrays.copyOf(fSame, size);
      fVal = Arrays.copyOf(fVal, size);
      fValFirstStart = Arrays.copyOf(fValFirstStart, size);
      fValFirstEnd = Arrays.copyOf(fValFirstEnd, size);
      fValComma = Arrays.copyOf(fValComma, size);
      fValRowStart = Arrays.copyOf(fValRowStart, size);
    }
    if (c == '[') {
      bracketDepth++;
    }
    fChar[f] = c;
    fKind[f] = kind;
    fState[f] = E_START;
    fCount[f] = 0;
    fElemStart[f] = -1;
    fFirstStart[f] = contentStart;
    fFirstEnd[f] = contentStart;
    fSimple[f] = true;
    fSame[f] = kind == LIST;
    fVal[f] = V_NONE;
  }

  /** Advances the state of the element being read in list frame {@code f}. */
  private void elementToken(int f, int cls, int start) {
    if (fElemStart[f] < 0) {
      fElemStart[f] = start;
    }
    int st = fState[f];
    int next;
    switch (cls) {
      case VALUE -> next = st == E_START || st == E_SIGN ? E_VALUE : E_BAD;
      case OP -> {
        char c = out.charAt(start);
        next =
            st == E_START && out.length() == start + 1 && (c == '-' || c == '+') ? E_SIGN : E_BAD;
      }
      case CAST -> next = st == E_VALUE || st == E_TYPE || st == E_ROWDONE ? E_CASTED : E_BAD;
      case WORD, QUOTED -> next = st == E_CASTED || st == E_TYPE ? E_TYPE : E_BAD;
      case DOT -> next = st == E_TYPE ? E_CASTED : E_BAD;
      default -> next = E_BAD;
    }
    fState[f] = next;
  }

  private void finishElement(int f) {
    int st = fState[f];
    int es = fElemStart[f];
    int ee = out.length();
    boolean simple = es >= 0 && (st == E_VALUE || st == E_TYPE || st == E_ROWDONE);
    if (fCount[f] == 0) {
      fFirstStart[f] = es;
      fFirstEnd[f] = ee;
    } else if (fSame[f] && fSimple[f]) {
      fSame[f] = simple && regionEquals(fFirstStart[f], fFirstEnd[f], es, ee);
    }
    fSimple[f] &= simple;
    fCount[f]++;
    fElemStart[f] = -1;
    fState[f] = E_START;
  }

  private boolean regionEquals(int a, int aEnd, int b, int bEnd) {
    if (aEnd - a != bEnd - b || a < 0 || b < 0) {
      return false;
    }
    for (int k = 0; k < aEnd - a; k++) {
      if (out.charAt(a + k) != out.charAt(b + k)) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // Keywords

  /** Words after which {@code (} takes a space: keywords, as opposed to function names. */
  private static boolean spaceBeforeParen(String w) {
    switch (w) {
      case "and",
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
          "default" -> {
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  /** Keywords after which {@code -} or {@code +} is unary. */
  private static boolean unaryAfter(String w) {
    if (w == null) {
      return true;
    }
    switch (w) {
      case "select",
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
          "top" -> {
        return true;
      }
      default -> {
        return false;
      }
    }
  }
}
