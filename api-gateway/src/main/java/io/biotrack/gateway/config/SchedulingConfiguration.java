package io.biotrack.gateway.config;

import io.biotrack.gateway.job.JobOutcomeTracker;
import io.biotrack.gateway.job.QueuedJobSweeper;
import io.biotrack.gateway.job.RetentionSweeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs the start sweeper, the outcome tracker and the retention sweeper every {@code
 * biotrack.gateway.sweeper.interval}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(
    name = "biotrack.gateway.sweeper.enabled",
    havingValue = "true",
    matchIfMissing = true)
public class SchedulingConfiguration {
  private static final Logger log = LoggerFactory.getLogger(SchedulingConfiguration.class);

  private final QueuedJobSweeper sweeper;
  private final JobOutcomeTracker tracker;
  private final RetentionSweeper retention;

  public SchedulingConfiguration(
      QueuedJobSweeper sweeper, JobOutcomeTracker tracker, RetentionSweeper retention) {
    this.sweeper = sweeper;
    this.tracker = tracker;
    this.retention = retention;
  }

  @Scheduled(
      fixedDelayString = "${biotrack.gateway.sweeper.interval:30s}",
      initialDelayString = "${biotrack.gateway.sweeper.interval:30s}")
  public void sweep() {
    try {
      sweeper.sweep();
      tracker.poll();
      retention.sweep();
    } catch (RuntimeException e) {
      // Storage hiccups must not stop the schedule; the next run tries again.
      log.warn("the job sweep failed: {}", e.toString());
    }
  }
}
