package dev.nplusone.spring;

import dev.nplusone.NPlusOneProperty;
import java.util.Map;

/** The driver options the starter passes to {@code NPlusOne.wrap} and {@code NPlusOne.scope}. */
final class Options {
  /**
   * Frames left out of call sites on top of the driver's list: our request filter and the servlet
   * containers below it, which would otherwise fill the call site of every request.
   */
  static final String WEB_FRAMES =
      RequestScopeFilter.class.getName()
          + ",org.apache.catalina.,org.apache.coyote.,org.apache.tomcat.,org.eclipse.jetty."
          + ",io.undertow.";

  private Options() {}

  /**
   * The options of {@code properties}, with {@link #WEB_FRAMES} added to the call-site exclusions,
   * each checked as the driver parses it.
   *
   * @throws IllegalArgumentException naming the key and the value of the first bad option
   */
  static Map<String, String> of(NPlusOneProperties properties) {
    Map<String, String> options = properties.toOptions();
    String key = NPlusOneProperty.CALL_SITE_EXCLUDE_PACKAGES.key();
    String user = options.get(key);
    options.put(key, user == null || user.isBlank() ? WEB_FRAMES : user + "," + WEB_FRAMES);
    for (Map.Entry<String, String> e : options.entrySet()) {
      NPlusOneProperty.forKey(e.getKey()).parse(e.getValue());
    }
    return Map.copyOf(options);
  }

  /** Whether {@code properties} ask for mode throw. */
  static boolean throwMode(NPlusOneProperties properties) {
    return "throw".equalsIgnoreCase(String.valueOf(properties.getMode()).trim());
  }
}
