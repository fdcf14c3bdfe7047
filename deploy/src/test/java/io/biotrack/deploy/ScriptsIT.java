package io.biotrack.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.deploy.support.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The scripts (benchmarks included) must run from a fresh clone, like the tests: a Maven run
 * offline cannot resolve a plugin prefix on a machine whose local repository lacks the plugin ("No
 * plugin found for prefix 'dependency'", seen with scripts/bench-operator), and a module built
 * without {@code -am} needs the others' snapshots in a repository, which a clone never has (nothing
 * here is installed). Each Maven command of scripts/ and the launcher is checked.
 */
class ScriptsIT {
  private static final Pattern GOAL_BY_PREFIX =
      Pattern.compile("(?<![\\w.:-])([a-z-]+):([a-z-]+)(?=\\s|$)");

  @Test
  void everyMavenCommandRunsFromAFreshClone() throws IOException {
    List<String> commands = mavenCommands();
    assertThat(commands).as("Maven commands found in scripts/").hasSizeGreaterThanOrEqualTo(4);
    for (String command : commands) {
      assertThat(command).as(command).doesNotContainPattern("\\s(-o|--offline)(\\s|$)");
      if (command.contains(" -pl ")) {
        assertThat(command)
            .as("builds the modules it needs: %s", command)
            .containsPattern("\\s-am(\\s|$)");
      }
      List<String> byPrefix = new ArrayList<>();
      Matcher goal = GOAL_BY_PREFIX.matcher(command);
      while (goal.find()) {
        byPrefix.add(goal.group());
      }
      assertThat(byPrefix)
          .as("plugin goals by prefix (name them groupId:artifactId:version:goal): %s", command)
          .isEmpty();
    }
  }

  /** Each {@code ./mvnw} command of scripts/* and ./biotrack, continuation lines joined. */
  private static List<String> mavenCommands() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> scripts = Files.list(Repo.root().resolve("scripts"))) {
      scripts.filter(Files::isRegularFile).forEach(files::add);
    }
    files.add(Repo.root().resolve("biotrack"));
    List<String> commands = new ArrayList<>();
    for (Path file : files) {
      String text = Files.readString(file).replace("\\\n", " ");
      for (String line : text.lines().toList()) {
        String code = line.strip();
        if (!code.startsWith("#") && code.contains("./mvnw ")) {
          commands.add(file.getFileName() + ": " + code.substring(code.indexOf("./mvnw ")));
        }
      }
    }
    return commands;
  }
}
