package io.biotrack.gateway.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The command that runs one worker attempt as a child process ({@code run-job}). */
final class WorkerCommand {
  private WorkerCommand() {}

  /**
   * {@code workerCommand} split into words when set; otherwise this JVM's {@code java} with the
   * worker options and jar.
   *
   * @throws IllegalStateException when the worker jar is missing
   */
  static List<String> of(EmbeddedProperties properties) {
    if (!properties.workerCommand().isBlank()) {
      return words(properties.workerCommand());
    }
    Path jar = Path.of(properties.workerJar()).toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "the worker jar "
              + jar
              + " is missing: build it with"
              + " ./mvnw -B -pl worker -am package -DskipTests (./biotrack up does this), or set"
              + " BIOTRACK_WORKER_JAR");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(words(properties.workerJavaOptions()));
    command.addAll(List.of("-jar", jar.toString(), "run-job"));
    return command;
  }

  private static List<String> words(String text) {
    return Arrays.stream(text.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
  }
}
