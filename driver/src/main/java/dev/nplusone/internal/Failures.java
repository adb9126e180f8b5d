package dev.nplusone.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our own failures: logged once per place and kind, then only counted, so a bug of ours never
 * breaks the application and never floods its log.
 */
public final class Failures {
  private static final Logger LOG = LoggerFactory.getLogger("nplusone");
  private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();
  private static final int MAX_SEEN = 1000;

  private Failures() {}

  /**
   * Logs {@code failure} as a WARN the first time it happens while {@code doing}; later ones of the
   * same kind are dropped.
   */
  public static void log(String doing, Throwable failure) {
    try {
      String key = doing + '|' + failure.getClass().getName();
      if (SEEN.size() < MAX_SEEN && SEEN.add(key)) {
        LOG.warn(
            "nplusone failed while {} and carries on without it (logged once): {}",
            doing,
            failure.toString(),
            failure);
      }
    } catch (RuntimeException ignored) {
      // Logging itself failed; nothing more we can safely do.
    }
  }
}
