package io.biotrack.gateway.config;

import io.biotrack.gateway.job.JobOutcomeTracker;
import io.biotrack.gateway.job.QueuedJobSweeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** Runs the start sweeper and the outcome tracker every {@code biotrack.gateway.sweeper.interval}. */
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

  public SchedulingConfiguration(QueuedJobSweeper sweeper, JobOutcomeTracker tracker) {
    this.sweeper = sweeper;
    this.tracker = tracker;
  }

  @Scheduled(
      fixedDelayString = "${biotrack.gateway.sweeper.interval:30s}",
      initialDelayString = "${biotrack.gateway.sweeper.interval:30s}")
  public void sweep() {
    try {
      sweeper.sweep();
      tracker.poll();
    } catch (RuntimeException e) {
      // Storage hiccups must not stop the schedule; the next run tries again.
      log.warn("the job sweep failed: {}", e.toString());
    }
  }
}
