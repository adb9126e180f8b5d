package dev.nplusone.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The application frames a statement ran from, innermost first, compared by class, method and line.
 * Taken with a {@link StackWalker} only when a query shape repeats in a scope.
 *
 * <p>A walk classifies each frame by its class (cached per class in {@link Rules}) and identifies
 * each kept frame by class, method, descriptor and bytecode index ({@link FrameTable}): line number
 * and stack trace element are read once per such frame, the first time it is seen, not per walk.
 */
final class CallSite {
  /** Raw frames looked at, at most: deep framework stacks are not walked to the bottom. */
  static final int MAX_RAW_FRAMES = 256;

  /**
   * Frames the walker fetches in its first batch: a JDBC call from a framework sits a few dozen
   * frames deep, so one batch usually holds every frame a walk reads.
   */
  static final int ESTIMATED_DEPTH = 16;

  /**
   * Keeps class references (so frames are classified per class, not per name) and shows reflection
   * frames (so the JDK does not test every frame for them; {@link #isReflection} skips them here).
   */
  private static final StackWalker WALKER =
      StackWalker.getInstance(
          Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE, StackWalker.Option.SHOW_REFLECT_FRAMES),
          ESTIMATED_DEPTH);

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

  private static final int APPLICATION = 0;
  private static final int FRAMEWORK = 1;
  private static final int REFLECTION = 2;

  /** Which frames are application code, from the call-site options. */
  static final class Rules {
    /** Distinct option sets whose rules are shared, so their per-class answers are too. */
    private static final int MAX_SHARED = 64;

    private static final ConcurrentHashMap<List<Object>, Rules> SHARED = new ConcurrentHashMap<>();

    final String[] include;
    final String[] exclude;
    final int depth;

    /**
     * Per class: {@link #APPLICATION}, {@link #FRAMEWORK} or {@link #REFLECTION}, computed once per
     * class from its name.
     */
    private final ClassValue<Integer> kinds =
        new ClassValue<>() {
          @Override
          protected Integer computeValue(Class<?> type) {
            return isReflection(type)
                ? REFLECTION
                : isApplication(type.getName()) ? APPLICATION : FRAMEWORK;
          }
        };

    /** Runs one walk: a function object made once, so a walk allocates no lambda. */
    final Function<Stream<StackWalker.StackFrame>, Frame[]> walk = this::firstFrames;

    Rules(List<String> include, List<String> exclude, int depth) {
      this.include = include.toArray(new String[0]);
      this.exclude = exclude.toArray(new String[0]);
      this.depth = depth;
    }

    /**
     * The rules of these options: the same instance for the same options (up to {@value
     * #MAX_SHARED} option sets), so the classes each has classified are classified once.
     */
    static Rules of(List<String> include, List<String> exclude, int depth) {
      List<Object> key = List.of(List.copyOf(include), List.copyOf(exclude), depth);
      Rules r = SHARED.get(key);
      if (r == null) {
        r = new Rules(include, exclude, depth);
        if (SHARED.size() < MAX_SHARED) {
          Rules old = SHARED.putIfAbsent(key, r);
          if (old != null) {
            r = old;
          }
        }
      }
      return r;
    }

    /** Whether frames of {@code type} are application code; cached per class. */
    boolean isApplication(Class<?> type) {
      return kinds.get(type) == APPLICATION;
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

    /** The first {@link #depth} application frames of {@code stack}, innermost first. */
    private Frame[] firstFrames(Stream<StackWalker.StackFrame> stack) {
      AppFrames frames = new AppFrames(stack, this);
      Frame[] out = null;
      int kept = 0;
      for (StackWalker.StackFrame f; (f = frames.next()) != null; ) {
        if (out == null) {
          out = new Frame[depth];
        }
        out[kept++] = Frame.of(f, frames.type);
        if (kept == depth) {
          return out;
        }
      }
      return out == null ? null : Arrays.copyOf(out, kept);
    }
  }

  /**
   * The application frames of one walk, innermost first, looking at no more than {@value
   * #MAX_RAW_FRAMES} frames; reflection frames are skipped and not counted.
   */
  private static final class AppFrames {
    private final Iterator<StackWalker.StackFrame> it;
    private final Rules rules;
    private int seen;

    /** The class of the frame {@link #next} returned last. */
    Class<?> type;

    AppFrames(Stream<StackWalker.StackFrame> stack, Rules rules) {
      this.it = stack.iterator();
      this.rules = rules;
    }

    /** The next application frame, or null. */
    StackWalker.StackFrame next() {
      while (seen < MAX_RAW_FRAMES && it.hasNext()) {
        StackWalker.StackFrame f = it.next();
        Class<?> t = f.getDeclaringClass();
        int kind = rules.kinds.get(t);
        if (kind == REFLECTION) {
          // The default walker leaves reflection frames out; they do not count as frames seen.
          continue;
        }
        seen++;
        if (kind == APPLICATION) {
          type = t;
          return f;
        }
      }
      return null;
    }
  }

  /**
   * The frames the default {@link StackWalker} hides (walked here with {@code SHOW_REFLECT_FRAMES},
   * which spares the JDK's own per-frame test): reflective invocation and lambda forms.
   */
  static boolean isReflection(Class<?> type) {
    if (type == Method.class || type == Constructor.class) {
      return true;
    }
    String name = type.getName();
    return name.startsWith("jdk.internal.reflect.")
        || name.startsWith("java.lang.invoke.LambdaForm");
  }

  /**
   * One application frame: class, method and line, with its stack trace element. Made once per
   * class, method, descriptor and bytecode index ({@link FrameTable}), so a walk reads no line
   * number and builds no stack trace element for a frame it has seen before.
   */
  static final class Frame {
    /** The table of the class this frame is of: tells classes apart by identity, not by name. */
    final FrameTable table;

    final String className;
    final String methodName;
    final String descriptor;
    final int bci;
    final int line;
    final StackTraceElement element;
    final int hash;

    Frame(
        FrameTable table,
        String className,
        String methodName,
        String descriptor,
        int bci,
        StackTraceElement e) {
      this.table = table;
      this.className = className;
      this.methodName = methodName;
      this.descriptor = descriptor;
      this.bci = bci;
      this.line = e.getLineNumber();
      this.element = e;
      this.hash = (31 * className.hashCode() + methodName.hashCode()) * 31 + line;
    }

    static Frame of(StackWalker.StackFrame f, Class<?> type) {
      return TABLES.get(type).frame(f);
    }

    /** Same class, method and line: how call sites are compared, whatever the bytecode index. */
    boolean sameLine(Frame o) {
      return o == this
          || (o.line == line && o.methodName.equals(methodName) && o.className.equals(className));
    }

    @Override
    public String toString() {
      return className + '.' + methodName + '(' + element.getFileName() + ':' + line + ')';
    }
  }

  /**
   * The names of {@code type}'s methods declared more than once, with {@code <init>} if it has
   * several constructors; null if its methods cannot be listed (a parameter type that does not
   * load), in which case every frame of it is told apart by descriptor. Once per class.
   */
  static Set<String> overloadedNames(Class<?> type) {
    try {
      Set<String> seen = new HashSet<>();
      Set<String> twice = new HashSet<>();
      for (Method m : type.getDeclaredMethods()) {
        if (!seen.add(m.getName())) {
          twice.add(m.getName());
        }
      }
      if (type.getDeclaredConstructors().length > 1) {
        twice.add("<init>");
      }
      return Set.copyOf(twice);
    } catch (LinkageError | RuntimeException e) {
      return null;
    }
  }

  /** Frames per class, by method, descriptor (for overloaded methods only) and bytecode index. */
  private static final ClassValue<FrameTable> TABLES =
      new ClassValue<>() {
        @Override
        protected FrameTable computeValue(Class<?> type) {
          return new FrameTable(type.getName(), overloadedNames(type));
        }
      };

  /**
   * The frames of one class seen so far: an open-addressing table read without a lock and written
   * under one. Bounded: beyond {@value #MAX_FRAMES_PER_CLASS} frames, further ones are made per
   * walk and not kept. Line numbers are read once per bytecode index, so a class redefined with
   * other line numbers keeps reporting the first ones.
   */
  static final class FrameTable {
    static final int MAX_FRAMES_PER_CLASS = 1024;

    private final String className;

    /**
     * The names of the class's methods that have overloads ({@code <init>} for several
     * constructors), or null if they could not be listed: only their frames need a descriptor to
     * tell them apart. Asking a frame for its descriptor builds it (and on recent JDKs a method
     * type too), which is most of what a walk allocates per kept frame.
     */
    private final Set<String> overloaded;

    private volatile Frame[] slots = new Frame[16];
    private int size;

    FrameTable(String className, Set<String> overloaded) {
      this.className = className;
      this.overloaded = overloaded;
    }

    Frame frame(StackWalker.StackFrame f) {
      String method = f.getMethodName();
      Set<String> o = overloaded;
      String descriptor = o == null || o.contains(method) ? f.getDescriptor() : "";
      int bci = f.getByteCodeIndex();
      Frame found = find(slots, method, descriptor, bci);
      if (found != null) {
        return found;
      }
      synchronized (this) {
        Frame[] t = slots;
        found = find(t, method, descriptor, bci);
        if (found != null) {
          return found;
        }
        Frame made = new Frame(this, className, method, descriptor, bci, f.toStackTraceElement());
        if (size >= MAX_FRAMES_PER_CLASS) {
          return made;
        }
        if ((size + 1) * 2 > t.length) {
          Frame[] grown = new Frame[t.length * 2];
          for (Frame old : t) {
            if (old != null) {
              put(grown, old);
            }
          }
          put(grown, made);
          slots = grown;
        } else {
          put(t, made);
          // A reader that missed the new slot comes here and finds it under the lock.
          slots = t;
        }
        size++;
        return made;
      }
    }

    int size() {
      synchronized (this) {
        return size;
      }
    }

    private static int slot(String method, int bci, int mask) {
      return LongSet.mix(method.hashCode() * 31L + bci) & mask;
    }

    private static Frame find(Frame[] t, String method, String descriptor, int bci) {
      int mask = t.length - 1;
      for (int i = slot(method, bci, mask); ; i = (i + 1) & mask) {
        Frame f = t[i];
        if (f == null) {
          return null;
        }
        if (f.bci == bci && f.methodName.equals(method) && f.descriptor.equals(descriptor)) {
          return f;
        }
      }
    }

    private static void put(Frame[] t, Frame f) {
      int mask = t.length - 1;
      int i = slot(f.methodName, f.bci, mask);
      while (t[i] != null) {
        i = (i + 1) & mask;
      }
      t[i] = f;
    }
  }

  static final CallSite NONE = new CallSite(new Frame[0]);

  private final Frame[] frames;
  private final int hash;
  private List<StackTraceElement> elements;

  private CallSite(Frame[] frames) {
    this.frames = frames;
    int h = 1;
    for (Frame f : frames) {
      h = 31 * h + f.hash;
    }
    this.hash = h;
  }

  /** Walks the calling thread's stack: the first {@code rules.depth} application frames. */
  static CallSite capture(Rules rules) {
    Frame[] frames = WALKER.walk(rules.walk);
    return frames == null || frames.length == 0 ? NONE : new CallSite(frames);
  }

  /**
   * Walks the calling thread's stack and returns {@code expected} when its application frames are
   * those of {@code expected}, told apart by class and bytecode index only; otherwise walks again
   * and returns what {@link #capture} finds. Asking a frame for its method name costs about half a
   * microsecond on JDK 17 (the JDK makes and interns the name each time), several times per walk,
   * so a walk that only confirms the call site of a run asks none. Two frames of one class at one
   * bytecode index are of one method unless two methods of the class have a call at the same index;
   * for all of a site's frames to coincide so, while their methods differ, is what it would take
   * for this to mistake one call site for another.
   */
  static CallSite confirm(Rules rules, CallSite expected, Confirmation c) {
    if (expected == null || expected == NONE) {
      return capture(rules);
    }
    c.rules = rules;
    c.expected = expected.frames;
    boolean same = WALKER.walk(c);
    c.expected = null;
    return same ? expected : capture(rules);
  }

  /**
   * One confirming walk's function, made once per thread, so a walk allocates no lambda: whether
   * the stack's application frames match {@link #expected} by class and bytecode index.
   */
  static final class Confirmation implements Function<Stream<StackWalker.StackFrame>, Boolean> {
    Rules rules;
    Frame[] expected;

    @Override
    public Boolean apply(Stream<StackWalker.StackFrame> stack) {
      Frame[] want = expected;
      AppFrames frames = new AppFrames(stack, rules);
      int kept = 0;
      for (StackWalker.StackFrame f; (f = frames.next()) != null; ) {
        if (kept == want.length
            || want[kept].table != TABLES.get(frames.type)
            || want[kept].bci != f.getByteCodeIndex()) {
          return Boolean.FALSE;
        }
        if (++kept == rules.depth) {
          // A site taken under other options (a shorter or longer depth) is not this one.
          return kept == want.length;
        }
      }
      // The stack (or the frames looked at) ended: the same only if it held no more and no fewer.
      return kept == want.length;
    }
  }

  /** As stack trace elements, for the public API; made once per call site. */
  List<StackTraceElement> elements() {
    List<StackTraceElement> list = elements;
    if (list == null) {
      StackTraceElement[] e = new StackTraceElement[frames.length];
      for (int i = 0; i < e.length; i++) {
        e[i] = frames[i].element;
      }
      list = List.of(e);
      elements = list;
    }
    return list;
  }

  /** Each frame as {@code com.acme.Dao.load(Dao.java:42)}, for ignore patterns. */
  List<String> frameStrings() {
    List<String> list = new ArrayList<>(frames.length);
    for (Frame f : frames) {
      list.add(f.toString());
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
      if (!frames[i].sameLine(other.frames[i])) {
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
