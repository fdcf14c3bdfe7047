package io.biotrack.results;

import java.util.Map;

/**
 * The decisions users made about a job's flagged repeat detection groups, by group id ({@link
 * RepeatDetections.Location#id}). Keyed by job id alone, like the file registry: the gateway checks
 * the tenant on the job record before it gets here.
 */
public interface RepeatDecisionStore {

  /** Records (or replaces) the decision about one group. */
  void decide(String jobId, String groupId, RepeatDecision decision);

  /** The job's decisions by group id; empty when none was made. */
  Map<String, RepeatDecision> decisions(String jobId);

  /** Forgets the job's decisions. @return how many were removed */
  int delete(String jobId);
}
