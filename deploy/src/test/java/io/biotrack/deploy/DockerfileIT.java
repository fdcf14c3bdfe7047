package io.biotrack.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.biotrack.deploy.support.Repo;
import io.biotrack.launch.WorkerAllocator;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * No image is built here (no Docker engine), so the Dockerfile is checked against what it must
 * match: each module's build output, the chart's user id and ports, and the rule that the worker
 * image holds no model and downloads none.
 */
class DockerfileIT {
  private static final Pattern FROM =
      Pattern.compile("^FROM\\s+(\\S+)\\s+AS\\s+(\\S+)\\s*$", Pattern.CASE_INSENSITIVE);

  /** Stage name → its instructions (continuation lines joined). */
  private static Map<String, List<String>> stages() throws IOException {
    Map<String, List<String>> stages = new LinkedHashMap<>();
    List<String> current = null;
    StringBuilder pending = new StringBuilder();
    for (String raw : Files.readAllLines(Repo.root().resolve("Dockerfile"))) {
      String line = raw.strip();
      if (line.startsWith("#") || (line.isEmpty() && pending.isEmpty())) {
        continue;
      }
      if (line.endsWith("\\")) {
        pending.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      String instruction = pending.append(line).toString().replaceAll("\\s+", " ");
      pending.setLength(0);
      Matcher from = FROM.matcher(instruction);
      if (from.matches()) {
        current = new ArrayList<>();
        current.add(instruction);
        stages.put(from.group(2), current);
      } else if (current != null) {
        current.add(instruction);
      }
    }
    return stages;
  }

  private static String args() throws IOException {
    return String.join(
        "\n",
        Files.readAllLines(Repo.root().resolve("Dockerfile")).stream()
            .filter(l -> l.startsWith("ARG "))
            .toList());
  }

  @Test
  void multiStageOnAJreAsAnUnprivilegedUser() throws IOException {
    Map<String, List<String>> stages = stages();

    assertThat(stages.keySet())
        .containsExactly(
            "build", "runtime", "gateway", "operator", "worker", "build-gpu", "worker-gpu");
    assertThat(args()).containsPattern("ARG RUNTIME_IMAGE=eclipse-temurin:(17|21)-jre");
    assertThat(stages.get("runtime").get(0)).isEqualTo("FROM ${RUNTIME_IMAGE} AS runtime");
    for (String component : List.of("gateway", "operator", "worker")) {
      List<String> stage = stages.get(component);
      assertThat(stage.get(0)).isEqualTo("FROM runtime AS " + component);
      assertThat(stage).noneMatch(i -> i.startsWith("USER")).noneMatch(i -> i.startsWith("RUN"));
      assertThat(stage)
          .filteredOn(i -> i.startsWith("COPY"))
          .allMatch(i -> i.startsWith("COPY --from=build "));
    }
    // The GPU worker: the same runtime, its jars from the CUDA build (-Pcuda), CUDA by default.
    List<String> gpu = stages.get("worker-gpu");
    assertThat(gpu.get(0)).isEqualTo("FROM runtime AS worker-gpu");
    assertThat(gpu).noneMatch(i -> i.startsWith("USER")).noneMatch(i -> i.startsWith("RUN"));
    assertThat(gpu)
        .filteredOn(i -> i.startsWith("COPY"))
        .allMatch(i -> i.startsWith("COPY --from=build-gpu "));
    assertThat(String.join("\n", stages.get("build-gpu"))).contains("-Pcuda");
    assertThat(String.join("\n", stages.get("build"))).doesNotContain("-Pcuda");

    int uid =
        new ObjectMapper(new YAMLFactory())
            .readTree(Repo.chart().resolve("values.yaml").toFile())
            .at("/podSecurityContext/runAsUser")
            .asInt();
    assertThat(stages.get("runtime")).contains("USER " + uid + ":" + uid);
    assertThat(String.join("\n", stages.get("runtime"))).contains("--uid " + uid);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"gateway, api-gateway", "operator, operator", "worker, worker"})
  void copiesWhatTheModuleBuilds(String stage, String module) throws Exception {
    List<String> instructions = stages().get(stage);
    Document pom =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(Repo.root().resolve(module).resolve("pom.xml").toFile());
    String finalName = text(pom, "finalName");
    assertThat(finalName).as("%s/pom.xml sets <finalName>", module).isNotEmpty();
    String jar = "/src/" + module + "/target/" + finalName + ".jar";

    assertThat(instructions).contains("COPY --from=build " + jar + " /app/" + finalName + ".jar");
    assertThat(instructions)
        .contains("ENTRYPOINT [\"java\", \"-jar\", \"/app/" + finalName + ".jar\"]");
    // A thin jar needs its lib/ folder next to it; an executable (Spring Boot) jar needs none.
    boolean copiesLibraries =
        pom.getDocumentElement().getTextContent().contains("copy-dependencies");
    assertThat(instructions.contains("COPY --from=build /src/" + module + "/target/lib/ /app/lib/"))
        .as("%s copies target/lib/ exactly when its pom copies dependencies there", stage)
        .isEqualTo(copiesLibraries);
  }

  @Test
  void theWorkerImageNeitherHoldsNorDownloadsAModel() throws IOException {
    List<String> worker = stages().get("worker");
    String all = String.join("\n", worker).toLowerCase();

    assertThat(all)
        .doesNotContain("curl", "wget", "http://", "https://", ".pt ", ".torchscript", "models/");
    assertThat(worker).noneMatch(i -> i.startsWith("ADD"));
    assertThat(all).contains("-dai.djl.offline=true");
    assertThat(worker).contains("CMD [\"run-job\"]");
    assertThat(String.join("\n", worker)).contains("DJL_CACHE_DIR=/tmp/");
  }

  @Test
  void theWorkerImagePreloadsTheAllocatorEveryWorkerGets() throws IOException {
    Map<String, List<String>> stages = stages();
    String library = WorkerAllocator.TCMALLOC.get(0).toString();

    assertThat(String.join("\n", stages.get("runtime")))
        .contains("apt-get install -y --no-install-recommends libtcmalloc-minimal4")
        .contains("rm -rf /var/lib/apt/lists/*");
    assertThat(stages.get("worker"))
        .as("the worker stage sets LD_PRELOAD=%s", library)
        .anyMatch(i -> i.startsWith("ENV ") && (i + " ").contains(" LD_PRELOAD=" + library + " "));
    assertThat(String.join("\n", stages.get("gateway")) + String.join("\n", stages.get("operator")))
        .doesNotContain("LD_PRELOAD");
  }

  @Test
  void gatewayPortsMatchTheChart() throws IOException {
    assertThat(stages().get("gateway")).contains("EXPOSE 8080 8081");
    String deployment = Files.readString(Repo.chart().resolve("templates/gateway/deployment.yaml"));
    assertThat(deployment).contains("containerPort: 8080").contains("containerPort: 8081");
  }

  @Test
  void buildContextLeavesOutLocalFiles() throws IOException {
    assertThat(Files.readAllLines(Repo.root().resolve(".dockerignore")))
        .contains(".git", ".tools", "**/target");
  }

  private static String text(Document pom, String tag) {
    NodeList nodes = pom.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? "" : ((Element) nodes.item(0)).getTextContent().strip();
  }
}
