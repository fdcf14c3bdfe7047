package io.biotrack.operator.reconciler;

import io.biotrack.operator.biojob.BioJob;
import io.biotrack.operator.biojob.BioJobStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;

/**
 * Writes {@code BioJob.status} with optimistic locking and puts the result in JOSDK's cache, so the
 * next step of the same reconcile, and the next reconcile, read what was written. Server-side apply
 * in production; JSON Patch where the API server has no SSA (fabric8's mock server).
 */
final class StatusWriter {
  private final boolean serverSideApply;

  StatusWriter(boolean serverSideApply) {
    this.serverSideApply = serverSideApply;
  }

  BioJob write(BioJob current, BioJobStatus status, Context<BioJob> context) {
    if (serverSideApply) {
      BioJob fresh = new BioJob();
      fresh.setMetadata(
          new ObjectMetaBuilder()
              .withName(current.getMetadata().getName())
              .withNamespace(current.getMetadata().getNamespace())
              .build());
      fresh.setStatus(status);
      return PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(current, fresh, context);
    }
    return PrimaryUpdateAndCacheUtils.patchStatusAndCacheResource(
        current,
        context,
        resource -> {
          resource.setStatus(status);
          return resource;
        });
  }
}
