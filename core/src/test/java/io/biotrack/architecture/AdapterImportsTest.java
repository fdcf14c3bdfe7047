package io.biotrack.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps frameworks out of the domain: Azure SDK types only in {@code io.biotrack.adapter.azure}, H2
 * and JDBC only in {@code io.biotrack.adapter.local}, and Spring and fabric8 nowhere in core. Reads
 * core's main sources, imports and fully qualified names alike (the test runs with core as the
 * working directory).
 */
class AdapterImportsTest {
  private static final Path SOURCES = Path.of("src/main/java");

  /** Imports and fully qualified names alike. */
  private static final Pattern REFERENCE =
      Pattern.compile(
          "\\b((?:com\\.azure|reactor|org\\.h2|java\\.sql|javax\\.sql"
              + "|org\\.springframework|io\\.fabric8|io\\.javaoperatorsdk)\\.[\\w.]+)");

  private record Rule(String importPrefix, String allowedPackage) {}

  private static final List<Rule> RULES =
      List.of(
          new Rule("com.azure.", "io/biotrack/adapter/azure/"),
          new Rule("reactor.", "io/biotrack/adapter/azure/"),
          new Rule("org.h2.", "io/biotrack/adapter/local/"),
          new Rule("java.sql.", "io/biotrack/adapter/local/"),
          new Rule("javax.sql.", "io/biotrack/adapter/local/"),
          new Rule("org.springframework.", null),
          new Rule("io.fabric8.", null),
          new Rule("io.javaoperatorsdk.", null));

  @Test
  void frameworkImportsStayInTheirAdapters() throws IOException {
    List<String> violations = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(SOURCES)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).toList();
    }
    assertThat(files).as("core's sources were found").hasSizeGreaterThan(30);
    for (Path file : files) {
      String relative = SOURCES.relativize(file).toString().replace('\\', '/');
      Matcher references = REFERENCE.matcher(read(file));
      while (references.find()) {
        String imported = references.group(1);
        for (Rule rule : RULES) {
          if (imported.startsWith(rule.importPrefix())
              && (rule.allowedPackage() == null || !relative.startsWith(rule.allowedPackage()))) {
            violations.add(relative + " uses " + imported);
          }
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void theRuleSeesImportsAndFullyQualifiedNames() {
    Matcher imports = REFERENCE.matcher("import com.azure.data.tables.TableClient;");
    assertThat(imports.find()).isTrue();
    assertThat(imports.group(1)).isEqualTo("com.azure.data.tables.TableClient");
    Matcher inline = REFERENCE.matcher("  java.sql.Connection c = null;");
    assertThat(inline.find()).isTrue();
    assertThat(inline.group(1)).isEqualTo("java.sql.Connection");
    assertThat(REFERENCE.matcher("import io.biotrack.job.Job; // reactor-free").find()).isFalse();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
