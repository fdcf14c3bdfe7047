package io.biotrack.operator.launch.kube;

import io.biotrack.operator.biojob.BioJob;
import io.biotrack.operator.launch.WorkloadEvents;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Informers on worker Jobs (owned by BioJobs) and their Pods (labelled with the job id): a Job or
 * Pod that changes reconciles its BioJob at once, and the Job launchers read their workloads from
 * these caches, never from the API server. Until the controller registered them (a launcher used
 * alone) looks go to the API server.
 */
public final class WorkerJobInformers implements WorkloadLookup, WorkloadEvents {
  private static final String BY_WORKLOAD = "workload";

  private final WorkloadLookup direct;
  private volatile InformerEventSource<Job, BioJob> jobs;
  private volatile InformerEventSource<Pod, BioJob> pods;

  /**
   * @param direct where looks go before the informers are registered
   */
  public WorkerJobInformers(WorkloadLookup direct) {
    this.direct = direct;
  }

  @Override
  public List<EventSource<?, BioJob>> eventSources(
      EventSourceContext<BioJob> context, BioJobIndex bioJobs) {
    InformerEventSource<Job, BioJob> jobSource =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Job.class, BioJob.class)
                .withName("worker-jobs")
                .withLabelSelector(WorkerJobs.WORKER_SELECTOR)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(BioJob.class))
                .build(),
            context);
    InformerEventSource<Pod, BioJob> podSource =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Pod.class, BioJob.class)
                .withName("worker-pods")
                .withLabelSelector(WorkerJobs.WORKER_SELECTOR)
                .withSecondaryToPrimaryMapper(
                    pod -> {
                      String jobId = pod.getMetadata().getLabels().get(WorkerJobs.JOB_ID_LABEL);
                      return jobId == null
                          ? Set.of()
                          : Set.of(
                              new ResourceID(
                                  BioJob.nameFor(jobId), pod.getMetadata().getNamespace()));
                    })
                .build(),
            context);
    podSource.addIndexers(
        Map.of(
            BY_WORKLOAD,
            pod -> {
              String workload = pod.getMetadata().getLabels().get(WorkerJobs.WORKLOAD_LABEL);
              return workload == null
                  ? List.of()
                  : List.of(key(pod.getMetadata().getNamespace(), workload));
            }));
    jobs = jobSource;
    pods = podSource;
    return List.of(jobSource, podSource);
  }

  @Override
  public Optional<Job> job(String namespace, String name) {
    InformerEventSource<Job, BioJob> source = jobs;
    return source == null
        ? direct.job(namespace, name)
        : source.get(new ResourceID(name, namespace));
  }

  @Override
  public List<Pod> pods(String namespace, String name) {
    InformerEventSource<Pod, BioJob> source = pods;
    return source == null
        ? direct.pods(namespace, name)
        : source.byIndex(BY_WORKLOAD, key(namespace, name));
  }

  @Override
  public void created(Job job) {
    InformerEventSource<Job, BioJob> source = jobs;
    if (source != null) {
      source.handleRecentResourceCreate(ResourceID.fromResource(job), job);
    }
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
