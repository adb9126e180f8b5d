package dev.nplusone.spring;

import java.util.function.Supplier;

/**
 * The route of the HTTP request the calling thread is serving, for findings of the transaction
 * scopes inside a request: set by {@link RequestScopeFilter} for the length of a request and
 * cleared after it, so nothing outlives the request.
 */
final class Routes {
  private static final ThreadLocal<Supplier<String>> CURRENT = new ThreadLocal<>();

  private Routes() {}

  /** The current request's route, such as {@code GET /owners/{id}}, or null outside a request. */
  static String current() {
    Supplier<String> s = CURRENT.get();
    return s == null ? null : s.get();
  }

  static Supplier<String> set(Supplier<String> route) {
    Supplier<String> previous = CURRENT.get();
    CURRENT.set(route);
    return previous;
  }

  static void restore(Supplier<String> previous) {
    if (previous == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(previous);
    }
  }
}
