package dev.nplusone;

import dev.nplusone.internal.Detector;
import dev.nplusone.internal.ScopeData;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * A unit of work in which repeated queries are counted: opened with {@link NPlusOne#scope(String)},
 * closed with {@link #close()}, which analyses it and reports its findings.
 *
 * <p>Scopes belong to the thread that opened them and nest: a statement counts in every scope open
 * on its thread, including the transaction scopes nplusone opens for each JDBC transaction. A
 * finding is reported once, by the innermost scope that finds it; an outer scope's {@link
 * #findings()} also lists what its nested scopes found. Work on other threads joins a scope through
 * {@link #attach()} or {@link #wrap(Runnable)}. Options come from system properties, environment
 * variables, {@code nplusone.properties} and defaults, read when the scope opens.
 */
public final class Scope implements AutoCloseable {
  /**
   * Ends an {@link #attach() attachment}; close it on the thread that attached, closing it twice is
   * harmless.
   */
  public interface Attachment extends AutoCloseable {
    /** Detaches the scope from the thread that attached it. */
    @Override
    void close();
  }

  private final ScopeData data;

  Scope(ScopeData data) {
    this.data = data;
  }

  /** The name given to {@link NPlusOne#scope(String)}, or by {@link #rename(String)}. */
  public String name() {
    return data.name();
  }

  /**
   * Renames the scope, from any thread: the findings it reports at {@link #close()} and its
   * exception in mode {@code throw} carry the new name. For names known only after the scope
   * opened, such as the route an HTTP request was mapped to.
   *
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public void rename(String name) {
    Detector.rename(data, NPlusOne.checkName(name));
  }

  /**
   * The findings of this scope and of the scopes nested in it, most executions first: the final
   * ones after {@link #close()}, a snapshot of what would be reported now before it.
   */
  public List<Finding> findings() {
    return Detector.findings(data);
  }

  /**
   * Lets statements of the calling thread count in this scope until the attachment is closed; for
   * async work or a server thread driven by a test. Attaching on a thread where the scope is
   * already open does nothing.
   *
   * @throws IllegalStateException if the scope is closed
   */
  public Attachment attach() {
    Runnable detach = Detector.attach(data);
    return detach::run;
  }

  /**
   * A runnable that runs {@code task} with this scope attached to whichever thread runs it.
   *
   * @throws NullPointerException if {@code task} is null
   */
  public Runnable wrap(Runnable task) {
    Objects.requireNonNull(task, "task");
    return () -> {
      Attachment a = attach();
      try {
        task.run();
      } finally {
        a.close();
      }
    };
  }

  /**
   * A callable that calls {@code task} with this scope attached to whichever thread runs it.
   *
   * @throws NullPointerException if {@code task} is null
   */
  public <T> Callable<T> wrap(Callable<T> task) {
    Objects.requireNonNull(task, "task");
    return () -> {
      Attachment a = attach();
      try {
        return task.call();
      } finally {
        a.close();
      }
    };
  }

  /**
   * Ends the scope on its thread: analyses it and reports each new finding (a WARN on the logger
   * {@code nplusone} in mode {@code log}, the listeners in every mode). Closing twice does nothing.
   *
   * @throws NPlusOneException in mode {@code throw}, when the scope itself reported findings
   */
  @Override
  public void close() {
    Detector.closeExplicit(data);
  }

  @Override
  public String toString() {
    return "Scope[" + data.name() + "]";
  }
}
