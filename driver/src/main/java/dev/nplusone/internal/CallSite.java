package dev.nplusone.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The application frames a statement ran from, innermost first, compared by class, method and line.
 * Taken with a {@link StackWalker} only when a query shape repeats in a scope.
 */
final class CallSite {
  /** Raw frames looked at, at most: deep framework stacks are not walked to the bottom. */
  static final int MAX_RAW_FRAMES = 256;

  private static final StackWalker WALKER = StackWalker.getInstance();

  /** Frames of these packages are never application code (unless included by option). */
  private static final String[] FRAMEWORK_PREFIXES = {
    "java.",
    "javax.",
    "jakarta.",
    "jdk.",
    "sun.",
    "com.sun.",
    "org.h2.",
    "org.postgresql.",
    "org.mariadb.",
    "com.mysql.",
    "oracle.jdbc.",
    "oracle.ucp.",
    "com.microsoft.sqlserver.",
    "org.hsqldb.",
    "org.apache.derby.",
    "org.sqlite.",
    "com.ibm.db2.",
    "com.zaxxer.hikari.",
    "org.apache.commons.dbcp",
    "org.apache.commons.pool",
    "org.apache.tomcat.jdbc.",
    "com.mchange.",
    "io.agroal.",
    "org.springframework.",
    "org.hibernate.",
    "org.jooq.",
    "org.apache.ibatis.",
    "org.mybatis.",
    "org.jdbi.",
    "net.ttddyy.",
    "com.p6spy.",
    "net.bytebuddy.",
    "net.sf.cglib.",
    "org.junit.",
    "org.apache.maven.surefire.",
    "org.gradle.",
    "org.eclipse.jdt.internal.junit",
    "com.intellij.rt.",
    "dev.nplusone.internal."
  };

  /** Our public classes that can be on a statement's stack; tests under dev.nplusone are apps. */
  private static final String[] OUR_CLASSES = {
    "dev.nplusone.NPlusOne",
    "dev.nplusone.NPlusOneDriver",
    "dev.nplusone.NPlusOneQueryListener",
    "dev.nplusone.Scope"
  };

  /** Markers of generated proxy and enhancer classes. */
  private static final String[] GENERATED_MARKERS = {
    "$$EnhancerBy",
    "$$SpringCGLIB$$",
    "$$FastClassBy",
    "$ByteBuddy$",
    // Hibernate 6 and 7 name a proxy Entity$HibernateProxy, Hibernate 5 Entity$HibernateProxy$abc.
    "$HibernateProxy",
    "$$_javassist",
    "$$Lambda"
  };

  /** Which frames are application code, from the call-site options. */
  static final class Rules {
    final String[] include;
    final String[] exclude;
    final int depth;

    Rules(List<String> include, List<String> exclude, int depth) {
      this.include = include.toArray(new String[0]);
      this.exclude = exclude.toArray(new String[0]);
      this.depth = depth;
    }

    boolean isApplication(String className) {
      for (String p : include) {
        if (className.startsWith(p)) {
          return true;
        }
      }
      for (String p : FRAMEWORK_PREFIXES) {
        if (className.startsWith(p)) {
          return false;
        }
      }
      for (String p : exclude) {
        if (className.startsWith(p)) {
          return false;
        }
      }
      for (String c : OUR_CLASSES) {
        if (className.startsWith(c)
            && (className.length() == c.length() || className.charAt(c.length()) == '$')) {
          return false;
        }
      }
      if (className.indexOf('$') >= 0) {
        for (String m : GENERATED_MARKERS) {
          if (className.contains(m)) {
            return false;
          }
        }
        int simple = className.lastIndexOf('.') + 1;
        if (className.startsWith("$Proxy", simple)) {
          return false;
        }
      }
      return true;
    }
  }

  static final CallSite NONE = new CallSite(new StackWalker.StackFrame[0]);

  private final StackWalker.StackFrame[] frames;
  private final int hash;

  private CallSite(StackWalker.StackFrame[] frames) {
    this.frames = frames;
    int h = 1;
    for (StackWalker.StackFrame f : frames) {
      h = 31 * h + f.getClassName().hashCode();
      h = 31 * h + f.getMethodName().hashCode();
      h = 31 * h + f.getLineNumber();
    }
    this.hash = h;
  }

  /** Walks the calling thread's stack: the first {@code rules.depth} application frames. */
  static CallSite capture(Rules rules) {
    StackWalker.StackFrame[] frames =
        WALKER.walk(
            s ->
                s.limit(MAX_RAW_FRAMES)
                    .filter(f -> rules.isApplication(f.getClassName()))
                    .limit(rules.depth)
                    .toArray(StackWalker.StackFrame[]::new));
    return frames.length == 0 ? NONE : new CallSite(frames);
  }

  /** As stack trace elements, for the public API. */
  List<StackTraceElement> elements() {
    List<StackTraceElement> list = new ArrayList<>(frames.length);
    for (StackWalker.StackFrame f : frames) {
      list.add(f.toStackTraceElement());
    }
    return list;
  }

  /** Each frame as {@code com.acme.Dao.load(Dao.java:42)}, for ignore patterns. */
  List<String> frameStrings() {
    List<String> list = new ArrayList<>(frames.length);
    for (StackWalker.StackFrame f : frames) {
      list.add(
          f.getClassName()
              + '.'
              + f.getMethodName()
              + '('
              + f.getFileName()
              + ':'
              + f.getLineNumber()
              + ')');
    }
    return list;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    if (!(o instanceof CallSite)) {
      return false;
    }
    CallSite other = (CallSite) o;
    if (other.hash != hash || other.frames.length != frames.length) {
      return false;
    }
    for (int i = 0; i < frames.length; i++) {
      StackWalker.StackFrame a = frames[i];
      StackWalker.StackFrame b = other.frames[i];
      if (a.getLineNumber() != b.getLineNumber()
          || !a.getClassName().equals(b.getClassName())
          || !a.getMethodName().equals(b.getMethodName())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return Arrays.toString(frames);
  }
}
