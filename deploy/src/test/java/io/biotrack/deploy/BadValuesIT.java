package io.biotrack.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.deploy.support.Helm;
import io.biotrack.deploy.support.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad values are refused with a message that names the problem, by values.schema.json or by the
 * chart's cross-value checks. Each file in src/test/resources/bad-values starts with a line {@code
 * # expect: <text of the error>}; a second line {@code # lint: info} marks a check across values
 * that the schema cannot express, which helm lint only reports.
 */
class BadValuesIT {
  private static final Path BAD_VALUES =
      Repo.root().resolve("deploy/src/test/resources/bad-values");

  static Stream<Path> badValues() throws IOException {
    try (Stream<Path> files = Files.list(BAD_VALUES)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @Test
  void thereAreBadValuesToTry() throws IOException {
    assertThat(badValues()).hasSizeGreaterThanOrEqualTo(10);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badValues")
  void templateRefusesThem(Path file) throws IOException {
    Helm.Result result = Helm.template("-f", file.toString());

    assertThat(result.exitCode()).as("helm template -f %s", file.getFileName()).isNotZero();
    assertThat(result.stderr()).contains(expectedMessage(file));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badValues")
  void lintRefusesThem(Path file) throws IOException {
    Helm.Result result = Helm.lint("-f", file.toString());

    if (onlyReportedByLint(file)) {
      // helm lint runs templates in lint mode, where fail() is reported instead of failing.
      assertThat(result.output()).contains("[INFO] Fail: ").contains(expectedMessage(file));
    } else {
      assertThat(result.exitCode()).as("helm lint -f %s", file.getFileName()).isNotZero();
      assertThat(result.output()).contains("[ERROR]").contains(expectedMessage(file));
    }
  }

  private static boolean onlyReportedByLint(Path file) throws IOException {
    return Files.readAllLines(file).stream().anyMatch(l -> l.startsWith("# lint: info"));
  }

  private static String expectedMessage(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    String first = lines.isEmpty() ? "" : lines.get(0);
    if (!first.startsWith("# expect: ")) {
      throw new AssertionError(file + " must start with '# expect: <error text>'");
    }
    return first.substring("# expect: ".length()).trim();
  }
}
