package dev.nplusone.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallSiteFrameTest {
  /** How many times a frame made by {@link #frame} was asked for its descriptor. */
  private static final java.util.concurrent.atomic.AtomicInteger DESCRIPTORS =
      new java.util.concurrent.atomic.AtomicInteger();

  /** A frame of {@code com.acme.Dao}, as a walk would give it. */
  private static StackWalker.StackFrame frame(String method, String descriptor, int bci, int line) {
    return new StackWalker.StackFrame() {
      @Override
      public String getClassName() {
        return "com.acme.Dao";
      }

      @Override
      public String getMethodName() {
        return method;
      }

      @Override
      public Class<?> getDeclaringClass() {
        throw new UnsupportedOperationException();
      }

      @Override
      public String getDescriptor() {
        DESCRIPTORS.incrementAndGet();
        return descriptor;
      }

      @Override
      public MethodType getMethodType() {
        throw new UnsupportedOperationException();
      }

      @Override
      public int getByteCodeIndex() {
        return bci;
      }

      @Override
      public String getFileName() {
        return "Dao.java";
      }

      @Override
      public int getLineNumber() {
        return line;
      }

      @Override
      public boolean isNativeMethod() {
        return false;
      }

      @Override
      public StackTraceElement toStackTraceElement() {
        return new StackTraceElement("com.acme.Dao", method, "Dao.java", line);
      }
    };
  }

  @Test
  void framesAreKeyedByMethodDescriptorAndBytecodeIndexAndComparedByLine() {
    // load is overloaded in this class: its frames are told apart by descriptor.
    CallSite.FrameTable table = new CallSite.FrameTable("com.acme.Dao", Set.of("load"));
    CallSite.Frame a = table.frame(frame("load", "(J)V", 7, 42));
    assertThat(table.frame(frame("load", "(J)V", 7, 42))).isSameAs(a);
    // An overload with a call at the same index is another frame, on its own line.
    CallSite.Frame b = table.frame(frame("load", "(Ljava/lang/String;)V", 7, 50));
    assertThat(b).isNotSameAs(a);
    assertThat(b.line).isEqualTo(50);
    assertThat(a.sameLine(b)).isFalse();
    // Another index on the same line of the same method: another frame, the same call site.
    CallSite.Frame c = table.frame(frame("load", "(J)V", 12, 42));
    assertThat(c).isNotSameAs(a);
    assertThat(a.sameLine(c)).isTrue();
    assertThat(a.element).hasToString("com.acme.Dao.load(Dao.java:42)");
    assertThat(a).hasToString("com.acme.Dao.load(Dao.java:42)");
    assertThat(table.size()).isEqualTo(3);
  }

  @Test
  void onlyFramesOfOverloadedMethodsAskForTheirDescriptor() {
    CallSite.FrameTable table = new CallSite.FrameTable("com.acme.Dao", Set.of("load"));
    int before = DESCRIPTORS.get();
    CallSite.Frame save = table.frame(frame("save", "(J)V", 3, 10));
    assertThat(table.frame(frame("save", "(J)V", 3, 10))).isSameAs(save);
    assertThat(DESCRIPTORS.get()).isEqualTo(before);
    table.frame(frame("load", "(J)V", 3, 20));
    assertThat(DESCRIPTORS.get()).isEqualTo(before + 1);
    // Methods that could not be listed: every frame asks.
    CallSite.FrameTable unknown = new CallSite.FrameTable("com.acme.Dao", null);
    unknown.frame(frame("save", "(J)V", 3, 10));
    assertThat(DESCRIPTORS.get()).isEqualTo(before + 2);
  }

  /** A class with an overloaded method and two constructors, for {@code overloadedNames}. */
  @SuppressWarnings("unused")
  static final class Overloads {
    Overloads() {}

    Overloads(int x) {}

    void load(long id) {}

    void load(String name) {}

    void save() {}
  }

  @Test
  void overloadedNamesAreReadFromTheClass() {
    assertThat(CallSite.overloadedNames(Overloads.class))
        .containsExactlyInAnyOrder("load", "<init>");
    assertThat(CallSite.overloadedNames(Runnable.class)).isEmpty();
  }

  @Test
  void frameTablesAreBounded() {
    CallSite.FrameTable table = new CallSite.FrameTable("com.acme.Dao", null);
    int n = CallSite.FrameTable.MAX_FRAMES_PER_CLASS * 3;
    for (int i = 0; i < n; i++) {
      CallSite.Frame f = table.frame(frame("m" + (i % 7), "()V", i, 1000 + i));
      assertThat(f.line).isEqualTo(1000 + i);
      assertThat(f.bci).isEqualTo(i);
    }
    assertThat(table.size()).isEqualTo(CallSite.FrameTable.MAX_FRAMES_PER_CLASS);
    // Kept frames are still found; the others are made again, with the right line.
    assertThat(table.frame(frame("m0", "()V", 0, 1000)).line).isEqualTo(1000);
    assertThat(table.frame(frame("m1", "()V", n - 1, 999)).line).isEqualTo(999);
  }

  @Test
  void rulesAreSharedPerOptionsAndClassifyClassesAsByName() {
    CallSite.Rules a = CallSite.Rules.of(List.of("java.util."), List.of("com.acme.gen"), 4);
    assertThat(CallSite.Rules.of(List.of("java.util."), List.of("com.acme.gen"), 4)).isSameAs(a);
    assertThat(CallSite.Rules.of(List.of("java.util."), List.of("com.acme.gen"), 5)).isNotSameAs(a);
    assertThat(a.isApplication(java.util.ArrayList.class)).isTrue();
    assertThat(a.isApplication(String.class)).isFalse();
    assertThat(a.isApplication(CallSiteFrameTest.class)).isFalse();
    CallSite.Rules plain = CallSite.Rules.of(List.of(), List.of(), 4);
    assertThat(plain.isApplication(org.assertj.core.api.Assertions.class)).isTrue();
    // Reflection frames are never application code, whatever the include option says.
    CallSite.Rules everything = CallSite.Rules.of(List.of("java.", "jdk."), List.of(), 4);
    assertThat(everything.isApplication(Method.class)).isFalse();
    assertThat(everything.isApplication(String.class)).isTrue();
  }

  @Test
  void rememberedConfigurationsAreBoundedAndBadOptionsAreNeverRemembered() {
    for (int i = 0; i < Config.MAX_REMEMBERED * 3; i++) {
      Config c = Config.of(Map.of("threshold", String.valueOf(2 + i)));
      assertThat(c.threshold()).isEqualTo(2 + i);
      assertThat(Config.of(Map.of("threshold", String.valueOf(2 + i))).threshold())
          .isEqualTo(2 + i);
    }
    assertThat(Config.rememberedCount()).isLessThanOrEqualTo(Config.MAX_REMEMBERED);
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> Config.of(Map.of("threshold", "0")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("nplusone.threshold");
    }
    Config a = Config.of(Map.of("mode", "silent"));
    assertThat(Config.of(Map.of("mode", "silent"))).isSameAs(a);
    assertThat(a.settings()).isSameAs(Config.of(Map.of("mode", "silent")).settings());
  }
}
