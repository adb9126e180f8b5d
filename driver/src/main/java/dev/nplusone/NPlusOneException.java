package dev.nplusone;

import java.util.List;

/**
 * Raised in mode {@code throw} when a scope ends with findings: from {@link Scope#close()}, from
 * {@code Connection.commit()} of a transaction (after rolling it back), or from the next statement
 * of a thread whose implicit scope ended with findings (before that statement runs).
 */
public final class NPlusOneException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Not serialized: a deserialized exception keeps only its message. */
  private final transient List<Finding> findings;

  NPlusOneException(String scopeName, List<Finding> findings) {
    super(message(scopeName, findings));
    this.findings = List.copyOf(findings);
  }

  /** The findings that made the scope fail, most executions first. */
  public List<Finding> findings() {
    return findings == null ? List.of() : findings;
  }

  private static String message(String scopeName, List<Finding> findings) {
    StringBuilder b = new StringBuilder();
    b.append(findings.size())
        .append(findings.size() == 1 ? " finding" : " findings")
        .append(" in scope '")
        .append(scopeName)
        .append("' (nplusone.mode=throw):");
    for (Finding f : findings) {
      b.append("\n  ").append(f.message());
    }
    return b.toString();
  }
}
