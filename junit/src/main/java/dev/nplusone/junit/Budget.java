package dev.nplusone.junit;

import dev.nplusone.junit.StatementRecording.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** A validated {@link ExpectStatements}. */
final class Budget {
  private static final Kind[] KINDS = {Kind.SELECT, Kind.INSERT, Kind.UPDATE, Kind.DELETE, null};

  /** Exact and maximum counts per {@link #KINDS} entry (null for all statements); -1 unchecked. */
  private final int[] exact;

  private final int[] max;

  private Budget(int[] exact, int[] max) {
    this.exact = exact;
    this.max = max;
  }

  /**
   * The budget of {@code e}, or null for none.
   *
   * @throws ExtensionConfigurationException stating the rule and the value it broke
   */
  static Budget of(ExpectStatements e) {
    if (e == null) {
      return null;
    }
    int[] exact = {e.select(), e.insert(), e.update(), e.delete(), e.total()};
    int[] max = {e.maxSelect(), e.maxInsert(), e.maxUpdate(), e.maxDelete(), e.maxTotal()};
    String[] exactNames = {"select", "insert", "update", "delete", "total"};
    String[] maxNames = {"maxSelect", "maxInsert", "maxUpdate", "maxDelete", "maxTotal"};
    boolean any = false;
    for (int i = 0; i < exact.length; i++) {
      check(exactNames[i], exact[i]);
      check(maxNames[i], max[i]);
      if (exact[i] >= 0 && max[i] >= 0) {
        throw new ExtensionConfigurationException(
            "@ExpectStatements sets "
                + exactNames[i]
                + " or "
                + maxNames[i]
                + ", not both, got "
                + exactNames[i]
                + " = "
                + exact[i]
                + " and "
                + maxNames[i]
                + " = "
                + max[i]);
      }
      any |= exact[i] >= 0 || max[i] >= 0;
    }
    if (!any) {
      throw new ExtensionConfigurationException(
          "@ExpectStatements must set at least one count, got none");
    }
    return new Budget(exact, max);
  }

  private static void check(String name, int value) {
    if (value < -1) {
      throw new ExtensionConfigurationException(
          "@ExpectStatements counts are at least 0, or -1 for unchecked, got "
              + name
              + " = "
              + value);
    }
  }

  /** The broken counts, as {@code expected 1 SELECT but 51 ran (+50)}; empty when all hold. */
  List<String> check(StatementRecording r) {
    List<String> broken = new ArrayList<>();
    for (int i = 0; i < KINDS.length; i++) {
      Kind k = KINDS[i];
      if (exact[i] < 0 && max[i] < 0) {
        continue;
      }
      long n = k == null ? r.totalCount() : r.count(k);
      if (exact[i] >= 0 && n != exact[i]) {
        broken.add(Reports.countLine(k, exact[i], n, false));
      }
      if (max[i] >= 0 && n > max[i]) {
        broken.add(Reports.countLine(k, max[i], n, true));
      }
    }
    return broken;
  }
}
