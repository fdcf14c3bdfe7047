package io.biotrack.gateway.job;

/** What one job may hold: how many files, and how large each may be. */
public record JobLimits(int maxFiles, long maxFileBytes) {
  public JobLimits {
    if (maxFiles < 1 || maxFileBytes < 1) {
      throw new IllegalArgumentException("job limits must be positive");
    }
  }
}
