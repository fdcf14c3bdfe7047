package io.biotrack.operator.biojob;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * {@code BioJob.spec}. The queue ingestor fills every field from the job record and the operator's
 * defaults; a hand-written BioJob may leave the optional ones out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BioJobSpec(
    @Required @Pattern("^[0-9a-hjkmnp-tv-z]{26}$") @JsonPropertyDescription("The job record's id.")
        String jobId,
    @Required @JsonPropertyDescription("The tenant that owns the job (the record's partition).")
        String tenant,
    @Min(0) @JsonPropertyDescription("Images uploaded for the job.") Integer imageCount,
    @JsonPropertyDescription("Model name in the model cache; the operator's default if absent.")
        String model,
    @Min(0) @Max(1) @JsonPropertyDescription("Detections below this confidence are not written.")
        Double confidenceThreshold,
    @Required @JsonPropertyDescription("Where workers run.") Launcher launcher,
    @JsonPropertyDescription("What one worker gets; the operator's default if absent.")
        WorkerResourcesSpec resources,
    @Min(1) @Max(20) @JsonPropertyDescription("Attempts per shard at most, the first included.")
        Integer maxAttempts,
    @Min(1) @JsonPropertyDescription("The job fails this long after admission.")
        Long activeDeadlineSeconds,
    @Min(0) @JsonPropertyDescription("The BioJob is deleted this long after the job finished.")
        Long ttlSecondsAfterFinished,
    @JsonPropertyDescription("Set to true to cancel the job.") Boolean cancel) {

  public boolean cancelRequested() {
    return Boolean.TRUE.equals(cancel);
  }

  public BioJobSpec withCancel(boolean value) {
    return new BioJobSpec(
        jobId,
        tenant,
        imageCount,
        model,
        confidenceThreshold,
        launcher,
        resources,
        maxAttempts,
        activeDeadlineSeconds,
        ttlSecondsAfterFinished,
        value);
  }
}
