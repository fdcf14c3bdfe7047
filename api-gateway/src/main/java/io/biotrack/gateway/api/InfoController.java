package io.biotrack.gateway.api;

import io.biotrack.gateway.embedded.EmbeddedPlatform;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/info}: what this installation runs (the web UI shows its warnings). */
@RestController
@Tag(name = ApiDocs.JOBS_TAG)
public class InfoController {
  private final ObjectProvider<EmbeddedPlatform> embedded;
  private final boolean azure;

  public InfoController(ObjectProvider<EmbeddedPlatform> embedded, Environment environment) {
    this.embedded = embedded;
    this.azure = environment.acceptsProfiles(Profiles.of("azure"));
  }

  @GetMapping(path = "/api/v1/info", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Platform information",
      description =
          "The mode, the model the workers run and warnings to show users, such as running the"
              + " test model, whose results are not real detections.")
  public PlatformInfo info() {
    return azure ? PlatformInfo.azure() : PlatformInfo.embedded(embedded.getIfAvailable());
  }

  /** The warning every job view carries while the test model runs; null otherwise. */
  static String modelWarning(ObjectProvider<EmbeddedPlatform> embedded) {
    EmbeddedPlatform platform = embedded.getIfAvailable();
    return platform == null ? null : platform.model().warning();
  }
}
