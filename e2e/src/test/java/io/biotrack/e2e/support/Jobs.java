package io.biotrack.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.biotrack.e2e.support.Api.Upload;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Waiting for jobs the way a client polls them. */
public final class Jobs {
  private Jobs() {}

  /** Generous: the test model is small, but CI machines are slow and shared. */
  public static final Duration JOB_TIMEOUT = Duration.ofMinutes(6);

  private static final Set<String> TERMINAL = Set.of("COMPLETED", "FAILED", "CANCELLED");

  /** Polls until the job is {@code status}; fails at once if it ends in another state. */
  public static JsonNode awaitStatus(Api api, String id, String status) {
    await()
        .atMost(JOB_TIMEOUT)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              JsonNode job = api.job(id);
              String now = job.path("status").asText();
              if (TERMINAL.contains(now) && !now.equals(status)) {
                throw new AssertionError(
                    "job " + id + " ended " + now + " instead of " + status + ": " + job);
              }
              return now.equals(status);
            });
    return api.job(id);
  }

  /**
   * Polls fast until the job is LAUNCHING (a workload is being started); it must not be past it.
   */
  public static void awaitLaunching(Api api, String id) {
    await()
        .atMost(JOB_TIMEOUT)
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              String status = api.job(id).path("status").asText();
              assertThat(status)
                  .as("the job went past LAUNCHING unseen")
                  .isIn("QUEUED", "LAUNCHING");
              return status.equals("LAUNCHING");
            });
  }

  public static Set<String> names(List<Upload> files) {
    return files.stream().map(Upload::name).collect(Collectors.toSet());
  }
}
