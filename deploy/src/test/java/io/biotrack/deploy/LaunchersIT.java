package io.biotrack.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.deploy.support.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * ./biotrack (Linux, macOS) and biotrack.cmd (Windows) offer the same commands and start the same
 * jars the same way. CI here has no Windows: biotrack.cmd is checked as text, not run.
 */
class LaunchersIT {
  @Test
  void bothLaunchersOfferTheSameCommands() throws IOException {
    String bash = Files.readString(Repo.root().resolve("biotrack"));
    String cmd = Files.readString(Repo.root().resolve("biotrack.cmd"));

    Set<String> bashCommands = new TreeSet<>();
    Matcher branch = Pattern.compile("(?m)^  ([a-z|-]+)\\)$").matcher(bash);
    while (branch.find()) {
      for (String name : branch.group(1).split("\\|")) {
        bashCommands.add(name);
      }
    }
    Set<String> cmdCommands = new TreeSet<>();
    Matcher dispatch = Pattern.compile("(?m)^if /i \"%COMMAND%\"==\"([a-z-]+)\" goto").matcher(cmd);
    while (dispatch.find()) {
      cmdCommands.add(dispatch.group(1));
    }

    assertThat(bashCommands)
        .contains(
            "up", "detect", "submit", "new-key", "hash-key", "bench", "bench-worker", "build");
    assertThat(cmdCommands)
        .containsAll(bashCommands.stream().filter(c -> !c.startsWith("-")).toList());
  }

  @Test
  void bothStartThePlatformTheSameWay() throws IOException {
    String cmd = Files.readString(Repo.root().resolve("biotrack.cmd"));

    assertThat(cmd)
        .contains("--spring.profiles.active=embedded --server.port=%PORT%")
        .contains(
            "BIOTRACK_DATA_DIR",
            "BIOTRACK_WORKER_JAR",
            "BIOTRACK_TEST_MODEL",
            "BIOTRACK_WORKERS",
            "BIOTRACK_MODEL")
        .contains("-Dbiotrack.command=biotrack")
        .contains("call mvnw.cmd -B -q -DskipTests -pl %~1 -am package");
    assertThat(cmd).as("CRLF line endings (.gitattributes)").doesNotContainPattern("[^\\r]\\n");
  }
}
