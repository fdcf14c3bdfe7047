package io.biotrack.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The configuration metadata that spring-boot-configuration-processor writes for the gateway's own
 * properties (what IDEs complete and explain), application*.yaml (which feeds each property from a
 * {@code BIOTRACK_*} variable) and docs/configuration.md tell the same story: each property has a
 * description naming its variable, the variable is documented, and the defaults agree.
 */
class ConfigurationMetadataIT {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(BIOTRACK_[A-Z_]+):(.*)}");

  /** Set by the profile, not by a variable. */
  private static final List<String> NO_VARIABLE = List.of("biotrack.gateway.anonymous-tenant");

  @Test
  void metadataYamlAndDocsAgree() throws IOException {
    JsonNode metadata;
    try (InputStream in = resource("META-INF/spring-configuration-metadata.json")) {
      metadata = new ObjectMapper().readTree(in);
    }
    Map<String, String> fedBy = new LinkedHashMap<>();
    for (String file : List.of("application.yaml", "application-embedded.yaml")) {
      try (InputStream in = resource(file)) {
        flatten("", new Yaml().load(in), fedBy);
      }
    }
    String docs = Files.readString(Path.of("..", "docs", "configuration.md"));

    int checked = 0;
    for (JsonNode property : metadata.path("properties")) {
      String name = property.path("name").asText();
      if (!name.startsWith("biotrack.gateway.") && !name.startsWith("biotrack.embedded.")) {
        continue;
      }
      String description = property.path("description").asText();
      assertThat(description).as("the description of %s", name).isNotBlank().doesNotContain("{@");
      if (NO_VARIABLE.contains(name)) {
        continue;
      }
      assertThat(fedBy).as("application*.yaml feeds %s from a variable", name).containsKey(name);
      Matcher placeholder = PLACEHOLDER.matcher(fedBy.get(name));
      assertThat(placeholder.matches()).as("%s: %s", name, fedBy.get(name)).isTrue();
      String variable = placeholder.group(1);
      String yamlDefault = placeholder.group(2);
      assertThat(description)
          .as("the description of %s names its variable", name)
          .contains(variable);
      assertThat(property.path("defaultValue").asText())
          .as("the default of %s", name)
          .isEqualTo(yamlDefault);

      Matcher row = Pattern.compile("(?m)^\\| `" + variable + "` \\| ([^|]*) \\|").matcher(docs);
      assertThat(row.find()).as("docs/configuration.md has a row for %s", variable).isTrue();
      String documented = row.group(1).strip();
      if (!yamlDefault.isEmpty() && documented.matches("`[^`]*`")) {
        assertThat(documented)
            .as("the documented default of %s", variable)
            .isEqualTo("`" + yamlDefault + "`");
      }
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(20);
  }

  @SuppressWarnings("unchecked")
  private static void flatten(String prefix, Object node, Map<String, String> into) {
    if (node instanceof Map<?, ?> map) {
      map.forEach(
          (key, value) ->
              flatten(prefix.isEmpty() ? key.toString() : prefix + "." + key, value, into));
    } else if (node != null) {
      into.put(prefix, node.toString());
    }
  }

  private static InputStream resource(String name) {
    InputStream in = ConfigurationMetadataIT.class.getClassLoader().getResourceAsStream(name);
    assertThat(in).as(name + " on the class path").isNotNull();
    return in;
  }
}
