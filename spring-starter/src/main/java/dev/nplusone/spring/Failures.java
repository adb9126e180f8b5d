package dev.nplusone.spring;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Our own failures: never the application's problem, logged once per kind with its stack. */
final class Failures {
  private static final Logger LOG = LoggerFactory.getLogger("nplusone.spring");
  private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

  private Failures() {}

  /** Logs {@code e} at WARN the first time {@code what} fails, at DEBUG after. */
  static void log(String what, Throwable e) {
    if (SEEN.add(what)) {
      LOG.warn("nplusone failed {}; the application goes on (logged once)", what, e);
    } else {
      LOG.debug("nplusone failed {}", what, e);
    }
  }
}
