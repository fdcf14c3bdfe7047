package io.biotrack.gateway.job;

/** What one job may hold: how many files, and how large each may be. */
public record JobLimits(int maxFiles, long maxFileBytes) {
  /** The most files the platform lets one job hold (BIOTRACK_MAX_FILES may lower it). */
  public static final int MAX_FILES = 1_000_000;

  public JobLimits {
    if (maxFiles < 1 || maxFileBytes < 1) {
      throw new IllegalArgumentException("job limits must be positive");
    }
  }
}
