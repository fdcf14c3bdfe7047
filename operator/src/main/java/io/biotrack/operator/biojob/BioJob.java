package io.biotrack.operator.biojob;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One job as a Kubernetes resource, named {@code job-{jobId}}. The job record (table) stays the
 * source of truth for the job's state; the status mirrors it and adds the operator's own facts: the
 * job's shards, each run by its own workloads. The CRD in {@code crds/} is generated from these
 * classes.
 */
@Group(BioJob.GROUP)
@Version(BioJob.VERSION)
@ShortNames("bj")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = Type.STRING)
@AdditionalPrinterColumn(name = "Images", jsonPath = ".spec.imageCount", type = Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Processed",
    jsonPath = ".status.processedImages",
    type = Type.INTEGER)
@AdditionalPrinterColumn(name = "Shards", jsonPath = ".status.shards", type = Type.STRING)
@AdditionalPrinterColumn(name = "Launcher", jsonPath = ".spec.launcher", type = Type.STRING)
@AdditionalPrinterColumn(name = "Attempt", jsonPath = ".status.attempt", type = Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class BioJob extends CustomResource<BioJobSpec, BioJobStatus> implements Namespaced {
  public static final String GROUP = "biotrack.io";
  public static final String VERSION = "v1alpha1";
  public static final String NAME_PREFIX = "job-";

  public static String nameFor(String jobId) {
    return NAME_PREFIX + jobId;
  }

  /** The status, or an empty one before the operator wrote any. */
  public BioJobStatus currentStatus() {
    return getStatus() != null ? getStatus() : BioJobStatus.EMPTY;
  }
}
