package io.biotrack.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.biotrack.gateway.embedded.EmbeddedPlatform;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;

/** What this installation runs: its mode and, in embedded mode, the model and the workers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The platform: mode, model, workers, and warnings a user must see")
public record PlatformInfo(
    @Schema(example = "embedded", description = "embedded (one machine) or azure") String mode,
    ModelInfo model,
    WorkersInfo workers,
    @Schema(description = "Things a user must know, e.g. that the results are not real detections")
        List<String> warnings) {

  @Schema(description = "The model workers run (embedded mode)")
  public record ModelInfo(
      String file,
      String sha256,
      @Schema(description = "True for the small test model: its results are not real detections")
          boolean testModel) {}

  @Schema(description = "The local workers (embedded mode)")
  public record WorkersInfo(int max, int threadsEach, long running, long waiting) {}

  static PlatformInfo azure() {
    return new PlatformInfo("azure", null, null, List.of());
  }

  static PlatformInfo embedded(EmbeddedPlatform platform) {
    if (platform == null) {
      return new PlatformInfo("embedded", null, null, List.of()); // no dispatcher (tests)
    }
    var model = platform.model();
    var dispatcher = platform.dispatcher();
    List<String> warnings = new ArrayList<>();
    if (model.warning() != null) {
      warnings.add(model.warning());
    }
    return new PlatformInfo(
        "embedded",
        new ModelInfo(model.file().getFileName().toString(), model.sha256(), model.testModel()),
        new WorkersInfo(
            dispatcher.maxWorkers(), platform.workerThreads(), dispatcher.activeWorkloads(),
            dispatcher.waitingJobs()),
        warnings);
  }
}
