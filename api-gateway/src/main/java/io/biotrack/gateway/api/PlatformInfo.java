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
    @Schema(description = "The default model: what a job that chooses none runs") ModelInfo model,
    @Schema(description = "Every installed model a job may choose with \"model\" (embedded mode)")
        List<ModelInfo> models,
    WorkersInfo workers,
    @Schema(description = "Things a user must know, e.g. that the results are not real detections")
        List<String> warnings) {

  @Schema(description = "A model the workers run (embedded mode)")
  public record ModelInfo(
      @Schema(example = "mdv5a", description = "What a job chooses it by") String name,
      String file,
      String sha256,
      @Schema(description = "True for the small test model: its results are not real detections")
          boolean testModel,
      @Schema(example = "md_v5a.0.1.pt", description = "What results write as info.detector")
          String detector,
      @Schema(example = "v5a.0.1", description = "MegaDetector's version of it, if known")
          String megadetectorVersion) {}

  @Schema(description = "The local workers (embedded mode)")
  public record WorkersInfo(int max, int threadsEach, long running, long waiting) {}

  static PlatformInfo azure() {
    return new PlatformInfo("azure", null, null, null, List.of());
  }

  static PlatformInfo embedded(EmbeddedPlatform platform) {
    if (platform == null) {
      return new PlatformInfo("embedded", null, null, null, List.of()); // no dispatcher (tests)
    }
    var model = platform.model();
    var dispatcher = platform.dispatcher();
    List<String> warnings = new ArrayList<>();
    if (model.warning() != null) {
      warnings.add(model.warning());
    }
    return new PlatformInfo(
        "embedded",
        info(model.model(null), model.sha256(), model.testModel()),
        model.installed().stream()
            .map(
                m ->
                    info(
                        m,
                        m.manifest() != null ? m.manifest().sha256() : null,
                        model.testModel() && m.name().equals(model.name())))
            .toList(),
        new WorkersInfo(
            dispatcher.maxWorkers(),
            platform.workerThreads(),
            dispatcher.activeWorkloads(),
            dispatcher.waitingJobs()),
        warnings);
  }

  private static ModelInfo info(
      io.biotrack.model.InstalledModel m, String sha256, boolean testModel) {
    return new ModelInfo(
        m.name(),
        m.file().getFileName().toString(),
        sha256,
        testModel,
        m.detector(),
        m.manifest() != null ? m.manifest().megadetectorVersion() : null);
  }
}
