package dev.nplusone.junit;

import dev.nplusone.Finding;
import dev.nplusone.NPlusOne;
import dev.nplusone.NPlusOneException;
import dev.nplusone.Scope;
import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;

/**
 * The JUnit Jupiter extension behind {@link DetectNPlusOne}: runs each test body in its own
 * nplusone scope, then fails the test with an {@link AssertionFailedError} for its repeated queries
 * (unless allowed or in the baseline) and for a broken {@link ExpectStatements} budget; resolves
 * {@link StatementRecording} parameters.
 *
 * <p>Register it with {@code @DetectNPlusOne}, or as a static {@code @RegisterExtension} field made
 * with {@link #builder()} to set its options in code. Options not set come from the JUnit
 * configuration parameters (or system properties) {@code nplusone.baseline} and {@code
 * nplusone.baseline.write}. When several instances apply to one test, the first registered does the
 * work.
 */
public final class NPlusOneExtension
    implements BeforeTestExecutionCallback, AfterTestExecutionCallback, ParameterResolver {
  /** Whose statements count in a test. */
  public enum Threads {
    /** Only statements of the thread running the test, and of threads it attaches the scope to. */
    CURRENT,
    /**
     * Statements of every thread while the test body runs: a server thread, a pool, {@code @Async}
     * work. Statements of unrelated threads count too, so tests using it should not run in parallel
     * with others that use the database.
     */
    ALL
  }

  /** The configuration parameter, or system property, naming the baseline file. */
  static final String BASELINE_KEY = "nplusone.baseline";

  /** The configuration parameter, or system property, that makes findings go to the baseline. */
  static final String WRITE_KEY = "nplusone.baseline.write";

  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(NPlusOneExtension.class);

  private final Threads threads;
  private final Path baseline;
  private final Boolean writeBaseline;

  /** An extension configured by the {@link DetectNPlusOne} it is registered by, if any. */
  public NPlusOneExtension() {
    this(null, null, null);
  }

  private NPlusOneExtension(Threads threads, Path baseline, Boolean writeBaseline) {
    this.threads = threads;
    this.baseline = baseline;
    this.writeBaseline = writeBaseline;
  }

  /** A builder of an extension for a {@code @RegisterExtension} field. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link NPlusOneExtension}; each option not set falls back as described there. */
  public static final class Builder {
    private Threads threads;
    private Path baseline;
    private Boolean writeBaseline;

    Builder() {}

    /**
     * Whose statements count; {@link Threads#CURRENT} unless set.
     *
     * @throws NullPointerException if {@code threads} is null
     */
    public Builder threads(Threads threads) {
      this.threads = Objects.requireNonNull(threads, "threads");
      return this;
    }

    /**
     * The baseline file of known findings that do not fail; it need not exist.
     *
     * @throws NullPointerException if {@code path} is null
     * @throws IllegalArgumentException if {@code path} is empty
     */
    public Builder baseline(Path path) {
      Objects.requireNonNull(path, "path");
      if (path.toString().isBlank()) {
        throw new IllegalArgumentException("a baseline path must not be empty, got '" + path + "'");
      }
      this.baseline = path;
      return this;
    }

    /**
     * Whether findings not yet in the baseline are added to it rather than failing the test; for
     * adopting the extension on an existing suite.
     */
    public Builder writeBaseline(boolean write) {
      this.writeBaseline = write;
      return this;
    }

    /** The extension. */
    public NPlusOneExtension build() {
      return new NPlusOneExtension(threads, baseline, writeBaseline);
    }
  }

  /** What one test's scope needs from before to after its body. */
  private static final class Run {
    final NPlusOneExtension owner;
    final Scope scope;
    final Scope.Attachment allThreads;
    final StatementRecording recording;
    final boolean write;

    Run(
        NPlusOneExtension owner,
        Scope scope,
        Scope.Attachment allThreads,
        StatementRecording recording,
        boolean write) {
      this.owner = owner;
      this.scope = scope;
      this.allThreads = allThreads;
      this.recording = recording;
      this.write = write;
    }
  }

  @Override
  public void beforeTestExecution(ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NS);
    if (store.get(Run.class, Run.class) != null) {
      return;
    }
    // Check the annotations before the body runs, so a mistake fails fast.
    allowReason(context);
    Budget.of(nearest(context, ExpectStatements.class).orElse(null));
    Optional<DetectNPlusOne> detect = nearest(context, DetectNPlusOne.class);
    Threads t = threads != null ? threads : detect.map(DetectNPlusOne::threads).orElse(null);
    Path file = baselinePath(context, detect);
    boolean write = write(context);
    String name =
        context.getRequiredTestClass().getSimpleName()
            + "."
            + context.getRequiredTestMethod().getName()
            + "()";
    try {
      // End the thread's implicit scope now, so statements of fixtures are reported (if at all)
      // as theirs, and a finding of theirs in mode throw cannot surface inside the test body.
      NPlusOne.flush();
    } catch (NPlusOneException e) {
      // Fixture findings are not the test body's.
    }
    Scope scope = NPlusOne.scope(name, Map.of("nplusone.mode", "silent"));
    Scope.Attachment all = t == Threads.ALL ? scope.attachAllThreads() : null;
    store.put(
        Run.class, new Run(this, scope, all, new StatementRecording(name, scope, file), write));
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    Run run = context.getStore(NS).get(Run.class, Run.class);
    if (run == null || run.owner != this) {
      return;
    }
    if (run.allThreads != null) {
      run.allThreads.close();
    }
    try {
      run.scope.close();
    } catch (NPlusOneException e) {
      // A system property forced mode throw; the findings are checked below all the same.
    }
    StatementRecording r = run.recording;
    List<String> failures = new ArrayList<>();
    Budget budget = Budget.of(nearest(context, ExpectStatements.class).orElse(null));
    if (budget != null) {
      List<String> broken = budget.check(r);
      if (!broken.isEmpty()) {
        failures.add(
            Reports.budget(
                "Statement budget of " + r.testName() + " not met:",
                broken,
                r,
                "Change the code, or @ExpectStatements if the new count is intended."));
      }
    }
    if (allowReason(context) == null) {
      List<Finding> failing = new ArrayList<>();
      List<String> newLines = new ArrayList<>();
      Set<String> known = baseline(context, r.baseline());
      for (Finding f : r.findings()) {
        if (!known.contains(Baseline.fingerprint(f))) {
          failing.add(f);
          newLines.add(Baseline.line(f));
        }
      }
      if (run.write && !newLines.isEmpty()) {
        Set<String> now = Baseline.add(r.baseline(), newLines);
        context.getRoot().getStore(NS).put(baselineKey(r.baseline()), now);
        context.publishReportEntry(
            "nplusone", newLines.size() + " finding(s) added to the baseline " + r.baseline());
      } else if (!failing.isEmpty()) {
        failures.add(Reports.findings(r.testName(), failing, r.baseline()));
      }
    }
    if (!failures.isEmpty()) {
      throw new AssertionFailedError(String.join("\n\n", failures));
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == StatementRecording.class;
  }

  @Override
  public StatementRecording resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Run run = context.getStore(NS).get(Run.class, Run.class);
    if (run == null) {
      throw new ParameterResolutionException(
          "a StatementRecording can only be a parameter of a test method, not of "
              + parameter.getDeclaringExecutable());
    }
    return run.recording;
  }

  /** The reason of the nearest {@link AllowNPlusOne}, or null when there is none. */
  private static String allowReason(ExtensionContext context) {
    Optional<AllowNPlusOne> allow = nearest(context, AllowNPlusOne.class);
    if (allow.isEmpty()) {
      return null;
    }
    String reason = allow.get().reason();
    if (reason.isBlank()) {
      throw new ExtensionConfigurationException(
          "@AllowNPlusOne needs a reason saying why the repetition is acceptable, got '"
              + reason
              + "' on "
              + where(context, AllowNPlusOne.class));
    }
    return reason;
  }

  /** The annotation on the test method, else its class, else an enclosing class. */
  private static <A extends Annotation> Optional<A> nearest(ExtensionContext context, Class<A> a) {
    for (Optional<ExtensionContext> c = Optional.of(context);
        c.isPresent();
        c = c.get().getParent()) {
      Optional<A> found = AnnotationSupport.findAnnotation(c.get().getElement(), a);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static String where(ExtensionContext context, Class<? extends Annotation> a) {
    return AnnotationSupport.isAnnotated(context.getElement(), a)
        ? context.getRequiredTestClass().getName() + "." + context.getRequiredTestMethod().getName()
        : context.getRequiredTestClass().getName();
  }

  private Path baselinePath(ExtensionContext context, Optional<DetectNPlusOne> detect) {
    if (baseline != null) {
      return baseline;
    }
    String fromAnnotation = detect.map(DetectNPlusOne::baseline).orElse("");
    if (!fromAnnotation.isBlank()) {
      return Paths.get(fromAnnotation);
    }
    return Paths.get(
        context
            .getConfigurationParameter(BASELINE_KEY)
            .filter(s -> !s.isBlank())
            .orElse(Baseline.DEFAULT_PATH));
  }

  private boolean write(ExtensionContext context) {
    if (writeBaseline != null) {
      return writeBaseline;
    }
    Optional<String> v = context.getConfigurationParameter(WRITE_KEY);
    if (v.isEmpty()) {
      return false;
    }
    switch (v.get().trim().toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
      case "":
        return false;
      default:
        throw new ExtensionConfigurationException(
            WRITE_KEY + " must be true or false, got '" + v.get() + "'");
    }
  }

  /** The fingerprints in {@code file}, read once per run. */
  private static Set<String> baseline(ExtensionContext context, Path file) {
    ExtensionContext.Store root = context.getRoot().getStore(NS);
    String key = baselineKey(file);
    @SuppressWarnings("unchecked")
    Set<String> known = (Set<String>) root.get(key, Set.class);
    if (known == null) {
      known = Set.copyOf(Baseline.read(file));
      root.put(key, known);
    }
    return known;
  }

  private static String baselineKey(Path file) {
    return "baseline:" + file.toAbsolutePath().normalize();
  }
}
