package io.biotrack.standin;

import io.biotrack.adapter.StorageAdapters;
import io.biotrack.gateway.support.WorkerSteps;
import io.biotrack.job.Job;
import io.biotrack.job.JobStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Plays the dispatcher and a worker for one QUEUED job of a gateway without a dispatcher, through
 * the gateway's own storage: {@code process} moves it LAUNCHING, then PROCESSING with a progress
 * report every {@code millisPerImage}, never finishing, and answers once the job is no longer
 * PROCESSING (cancelled), as a worker stops, or after ten minutes; {@code fail} fails it with the
 * message in the body, as the dispatcher does when attempts run out; {@code complete} finishes it
 * in one shard with the results file in the body, as a worker and the merge do. Only in the test
 * classes.
 */
@RestController
public class StandInEndpoints {
  private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(10);

  private final StorageAdapters storage;
  private final Clock clock = Clock.systemUTC();

  public StandInEndpoints(StorageAdapters storage) {
    this.storage = storage;
  }

  @PostMapping("/stand-in/{tenant}/{jobId}/process")
  public Mono<ResponseEntity<Void>> process(
      @PathVariable String tenant, @PathVariable String jobId, @RequestParam long millisPerImage) {
    return Mono.fromCallable(() -> processUntilStopped(tenant, jobId, millisPerImage))
        .subscribeOn(Schedulers.boundedElastic());
  }

  @PostMapping("/stand-in/{tenant}/{jobId}/fail")
  public Mono<ResponseEntity<Void>> fail(
      @PathVariable String tenant, @PathVariable String jobId, @RequestBody String message) {
    return Mono.fromCallable(
            () -> {
              storage
                  .jobStore()
                  .transition(
                      tenant, jobId, JobStatus.QUEUED, JobStatus.FAILED, message, clock, j -> j);
              return ResponseEntity.noContent().<Void>build();
            })
        .subscribeOn(Schedulers.boundedElastic());
  }

  @PostMapping("/stand-in/{tenant}/{jobId}/complete")
  public Mono<ResponseEntity<Void>> complete(
      @PathVariable String tenant, @PathVariable String jobId, @RequestBody String results) {
    return Mono.fromCallable(
            () -> {
              new WorkerSteps(storage.jobStore(), storage.blobStore())
                  .completeInShards(
                      tenant,
                      jobId,
                      java.util.List.of(
                          io.biotrack.results.ResultsJson.read(
                              new java.io.ByteArrayInputStream(
                                  results.getBytes(java.nio.charset.StandardCharsets.UTF_8)))));
              return ResponseEntity.noContent().<Void>build();
            })
        .subscribeOn(Schedulers.boundedElastic());
  }

  private ResponseEntity<Void> processUntilStopped(String tenant, String jobId, long millis)
      throws InterruptedException {
    WorkerSteps steps = new WorkerSteps(storage.jobStore(), storage.blobStore());
    steps.launch(tenant, jobId);
    Job job = steps.process(tenant, jobId);
    Instant giveUp = clock.instant().plus(GIVE_UP_AFTER);
    int processed = 0;
    while (job.status() == JobStatus.PROCESSING && clock.instant().isBefore(giveUp)) {
      Thread.sleep(millis); // a worker's pace, not a wait for an assertion
      processed = Math.min(processed + 1, job.counts().imageCount() - 1);
      job = steps.progress(tenant, jobId, processed);
    }
    return ResponseEntity.noContent().build();
  }
}
