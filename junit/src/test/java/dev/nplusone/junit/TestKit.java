package dev.nplusone.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs sample classes through the Jupiter engine and reports each test's outcome. */
final class TestKit {
  private static final Pattern TIME = Pattern.compile("\\(\\d+(\\.\\d+)? ms in total\\)");
  private static final Pattern LINE = Pattern.compile("\\.java:\\d+\\)");

  private TestKit() {}

  /**
   * Runs {@code sample} with {@code parameters} and returns, per test method name, "passed" or the
   * failure's type and message, with durations and line numbers masked.
   */
  static Map<String, String> run(Class<?> sample, Map<String, String> parameters) {
    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(sample))
            .configurationParameter(SampleOnly.KEY, "true")
            .configurationParameters(parameters)
            .execute();
    Map<String, String> outcomes = new TreeMap<>();
    results.testEvents().finished().stream().forEach(e -> outcomes.put(methodName(e), outcome(e)));
    results.containerEvents().failed().stream()
        .forEach(e -> outcomes.put("<container>", outcome(e)));
    return outcomes;
  }

  static Map<String, String> run(Class<?> sample) {
    return run(sample, Map.of());
  }

  private static String methodName(Event e) {
    return e.getTestDescriptor()
        .getSource()
        .filter(MethodSource.class::isInstance)
        .map(s -> ((MethodSource) s).getMethodName())
        .orElse(e.getTestDescriptor().getDisplayName());
  }

  private static String outcome(Event e) {
    TestExecutionResult r = e.getRequiredPayload(TestExecutionResult.class);
    if (r.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
      return "passed";
    }
    Throwable t = r.getThrowable().orElseThrow();
    return t.getClass().getSimpleName() + ": " + mask(t.getMessage());
  }

  static String mask(String message) {
    String m = TIME.matcher(String.valueOf(message)).replaceAll("(… ms in total)");
    return LINE.matcher(m).replaceAll(".java)");
  }
}
