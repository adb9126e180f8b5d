package dev.nplusone;

/**
 * Receives each finding as it is reported, in modes {@code log}, {@code throw} and {@code silent}:
 * for metrics, dashboards or test assertions. Register with {@link NPlusOne#addListener}.
 *
 * <p>Called on the thread that ended the scope, after the scope's analysis; keep it quick. An
 * exception it throws is caught and logged once, and never reaches the application.
 */
@FunctionalInterface
public interface NPlusOneListener {
  /** Called once for each finding a scope reports. */
  void onFinding(Finding finding);
}
