package io.biotrack.worker.batch;

import io.biotrack.results.ImageResult;
import java.util.List;

/**
 * @param results every result, resumed ones first, then this run's in processing order
 * @param complete false when the batch stopped early on request
 */
public record BatchOutcome(List<ImageResult> results, BatchProgress progress, boolean complete) {
  public BatchOutcome {
    results = List.copyOf(results);
  }
}
