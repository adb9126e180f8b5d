package dev.nplusone.junit;

import dev.nplusone.Finding;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The baseline file: known findings that do not fail, one per line as {@code fingerprint kind
 * call-site sql}, sorted by call site and SQL. Only the fingerprint is matched; it hashes the
 * normalized SQL and the innermost application frame without its line number, so edits elsewhere in
 * the file do not invalidate it.
 */
final class Baseline {
  static final String DEFAULT_PATH = "nplusone-baseline.txt";

  private static final String HEADER =
      "# nplusone baseline: known repeated queries that do not fail tests.\n"
          + "# One per line: fingerprint, kind, call site, SQL; only the fingerprint is matched.\n"
          + "# Delete a line once its query is fixed; rewrite the file by deleting it and running"
          + " the suite with -Dnplusone.baseline.write=true.\n";

  private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{16}");
  private static final Pattern SYNTHETIC_SUFFIX = Pattern.compile("\\$\\d+");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  /** Serializes writers in this JVM; the file lock serializes JVMs. */
  private static final Object WRITE_LOCK = new Object();

  private Baseline() {}

  /** The innermost application frame as {@code Class.method}, or {@code -} when there is none. */
  static String site(Finding f) {
    if (f.callSite().isEmpty()) {
      return "-";
    }
    StackTraceElement e = f.callSite().get(0);
    return SYNTHETIC_SUFFIX.matcher(e.getClassName() + "." + e.getMethodName()).replaceAll("");
  }

  /** The finding's fingerprint: 16 hex digits of SHA-256 over its SQL and call site. */
  static String fingerprint(Finding f) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] d = md.digest((f.sql() + "\n" + site(f)).getBytes(StandardCharsets.UTF_8));
      StringBuilder b = new StringBuilder(16);
      for (int i = 0; i < 8; i++) {
        b.append(Character.forDigit((d[i] >> 4) & 0xf, 16))
            .append(Character.forDigit(d[i] & 0xf, 16));
      }
      return b.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }

  /** The finding's line in the file. */
  static String line(Finding f) {
    return fingerprint(f)
        + " "
        + f.kind()
        + " "
        + site(f)
        + " "
        + SPACES.matcher(f.sql()).replaceAll(" ").trim();
  }

  /** The fingerprints listed in {@code file}; none when it does not exist. */
  static Set<String> read(Path file) {
    Set<String> out = new HashSet<>();
    for (String line : lines(file).keySet()) {
      out.add(line);
    }
    return out;
  }

  /** Fingerprint to line, in file order. */
  private static Map<String, String> lines(Path file) {
    Map<String, String> out = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return out;
    }
    List<String> all;
    try {
      all = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ExtensionConfigurationException("cannot read the baseline " + file + ": " + e, e);
    }
    for (int i = 0; i < all.size(); i++) {
      String l = all.get(i).trim();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      int space = l.indexOf(' ');
      String fp = space < 0 ? l : l.substring(0, space);
      if (!FINGERPRINT.matcher(fp).matches()) {
        throw new ExtensionConfigurationException(
            "line "
                + (i + 1)
                + " of the baseline "
                + file
                + " must start with a 16-digit hex fingerprint, got '"
                + l
                + "'");
      }
      out.putIfAbsent(fp, l);
    }
    return out;
  }

  /**
   * Adds {@code newLines} to {@code file}, keeping its lines, safely against concurrent writers:
   * under a lock, it reads the file, merges, writes a temporary file beside it and moves it into
   * place atomically. Returns the fingerprints now listed.
   */
  @SuppressWarnings("try") // the lock is held for the block, not used in it
  static Set<String> add(Path file, Collection<String> newLines) {
    Path target = file.toAbsolutePath().normalize();
    synchronized (WRITE_LOCK) {
      Path lockFile =
          Paths.get(
              System.getProperty("java.io.tmpdir"),
              "nplusone-baseline-" + Integer.toHexString(target.toString().hashCode()) + ".lock");
      try (FileChannel ch =
              FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = ch.lock()) {
        Map<String, String> merged = lines(target);
        for (String l : newLines) {
          merged.putIfAbsent(l.substring(0, l.indexOf(' ')), l);
        }
        List<String> sorted = new ArrayList<>(merged.values());
        sorted.sort(Comparator.comparing(Baseline::sortKey));
        StringBuilder b = new StringBuilder(HEADER);
        for (String l : sorted) {
          b.append(l).append('\n');
        }
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        try {
          Files.writeString(tmp, b, StandardCharsets.UTF_8);
          try {
            Files.move(
                tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
          }
        } finally {
          Files.deleteIfExists(tmp);
        }
        return new HashSet<>(merged.keySet());
      } catch (IOException e) {
        throw new ExtensionConfigurationException(
            "cannot write the baseline " + target + ": " + e, e);
      }
    }
  }

  /** Call site, then SQL, then the whole line. */
  private static String sortKey(String line) {
    String[] p = line.split(" ", 4);
    return p.length < 4 ? line : p[2] + "\u0000" + p[3] + "\u0000" + line;
  }
}
