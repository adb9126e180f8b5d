package dev.nplusone.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nplusone.NPlusOneProperty;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration processor's metadata documents every option, as the driver does. */
class PropertiesMetadataTest {
  @Test
  void everyOptionIsDocumentedWithTheDriversDescriptionAndDefault() throws Exception {
    JsonNode metadata;
    try (InputStream in =
        getClass()
            .getClassLoader()
            .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("generated metadata").isNotNull();
      metadata = new ObjectMapper().readTree(in);
    }
    Map<String, JsonNode> byName = new HashMap<>();
    metadata.get("properties").forEach(p -> byName.put(p.get("name").asText(), p));
    for (NPlusOneProperty p : NPlusOneProperty.values()) {
      JsonNode node = byName.get(p.key());
      assertThat(node).as(p.key()).isNotNull();
      assertThat(node.get("sourceType").asText()).startsWith(NPlusOneProperties.class.getName());
      assertThat(node.get("description").asText().replaceAll("\\s+", " "))
          .as(p.key())
          .isEqualTo(p.description().replaceAll("\\s+", " "));
      if (!p.defaultValue().isEmpty()) {
        assertThat(node.get("defaultValue").asText()).as(p.key()).isEqualTo(p.defaultValue());
      }
    }
    assertThat(byName).containsKeys("nplusone.enabled", "nplusone.spring.exclude-beans");
    JsonNode hints = metadata.get("hints");
    assertThat(hints.toString()).contains("\"throw\"").contains("\"mysql-ansi-quotes\"");
  }
}
