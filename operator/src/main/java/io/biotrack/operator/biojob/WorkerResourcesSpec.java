package io.biotrack.operator.biojob;

import io.biotrack.launch.WorkerResources;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/**
 * {@code spec.resources}: what one worker gets.
 *
 * @param cpu cores, fractions allowed (an ACI container group has at most 31)
 * @param memoryGb GiB of memory
 * @param gpu GPUs ({@code kubernetes} launcher only; ACI has no GPUs any more)
 */
public record WorkerResourcesSpec(
    @Required @Min(0.1) @Max(31) double cpu,
    @Required @Min(0.5) @Max(240) double memoryGb,
    @Min(0) @Max(8) int gpu) {

  public static WorkerResourcesSpec of(WorkerResources resources) {
    return new WorkerResourcesSpec(resources.cpu(), resources.memoryGb(), resources.gpu());
  }

  public WorkerResources toWorkerResources() {
    return new WorkerResources(cpu, memoryGb, gpu);
  }
}
