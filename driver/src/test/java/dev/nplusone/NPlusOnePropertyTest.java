package dev.nplusone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Meta-test over the option enum: unique keys, documented, defaults that parse. */
class NPlusOnePropertyTest {

  @Test
  void everyOption_hasAUniqueDocumentedKeyAndAValidDefault() {
    Set<String> keys = new HashSet<>();
    Set<String> variables = new HashSet<>();
    for (NPlusOneProperty p : NPlusOneProperty.values()) {
      assertThat(p.key()).matches("nplusone\\.[a-z][a-z0-9.-]*");
      assertThat(keys.add(p.key())).as("unique key %s", p.key()).isTrue();
      assertThat(variables.add(p.environmentVariable())).isTrue();
      assertThat(p.description()).as("description of %s", p.key()).hasSizeGreaterThan(20);
      assertThat(p.parse(p.defaultValue())).as("default of %s", p.key()).isNotNull();
      assertThat(NPlusOneProperty.forKey(p.key())).isSameAs(p);
      assertThat(NPlusOneProperty.forKey(p.shortKey())).isSameAs(p);
      if (!p.allowedValues().isEmpty()) {
        assertThat(p.allowedValues()).contains(p.defaultValue());
      }
    }
  }

  @Test
  void everyOption_isDocumentedInTheReadme() throws Exception {
    String readme =
        new String(
            java.nio.file.Files.readAllBytes(java.nio.file.Path.of("..", "README.md")),
            java.nio.charset.StandardCharsets.UTF_8);
    for (NPlusOneProperty p : NPlusOneProperty.values()) {
      assertThat(readme).as("README documents %s", p.key()).contains("`" + p.key() + "`");
    }
  }
}
