package io.biotrack.gateway.job;

import java.util.Set;

/**
 * The tenants this gateway serves: those of the configured API keys, plus the local tenant when
 * anonymous access is on. Background work (the start sweeper, the outcome tracker) and signed URLs
 * look jobs up within these, since the job table is partitioned by tenant.
 */
public record KnownTenants(Set<String> names) {
  public KnownTenants {
    names = Set.copyOf(names);
  }
}
