package io.biotrack.job;

import static io.biotrack.job.JobStatus.CANCELLED;
import static io.biotrack.job.JobStatus.COMPLETED;
import static io.biotrack.job.JobStatus.FAILED;
import static io.biotrack.job.JobStatus.LAUNCHING;
import static io.biotrack.job.JobStatus.PENDING;
import static io.biotrack.job.JobStatus.PROCESSING;
import static io.biotrack.job.JobStatus.QUEUED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JobStatusTest {

  @Test
  void theHappyPathMovesForwardOneStepAtATime() {
    assertThat(PENDING.successors()).containsExactlyInAnyOrder(QUEUED, FAILED, CANCELLED);
    assertThat(QUEUED.successors()).containsExactlyInAnyOrder(LAUNCHING, FAILED, CANCELLED);
    assertThat(LAUNCHING.successors())
        .containsExactlyInAnyOrder(LAUNCHING, PROCESSING, FAILED, CANCELLED);
    assertThat(PROCESSING.successors())
        .containsExactlyInAnyOrder(LAUNCHING, COMPLETED, FAILED, CANCELLED);
  }

  @ParameterizedTest
  @EnumSource(names = {"COMPLETED", "FAILED", "CANCELLED"})
  void terminalStatesAreFinal(JobStatus terminal) {
    assertThat(terminal.isTerminal()).isTrue();
    assertThat(terminal.successors()).isEmpty();
    for (JobStatus any : JobStatus.values()) {
      assertThat(terminal.canMoveTo(any)).isFalse();
      assertThatThrownBy(() -> terminal.checkMoveTo(any))
          .isInstanceOf(IllegalTransitionException.class)
          .hasMessageContaining(terminal.name());
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"PENDING", "QUEUED", "LAUNCHING", "PROCESSING"})
  void everyLiveStateCanBeCancelledOrFailed(JobStatus live) {
    assertThat(live.isTerminal()).isFalse();
    assertThat(live.canMoveTo(CANCELLED)).isTrue();
    assertThat(live.canMoveTo(FAILED)).isTrue();
  }

  @Test
  void skippingAStepOrGoingBackIsRejectedWithBothStates() {
    for (var pair :
        new JobStatus[][] {
          {PENDING, LAUNCHING}, {PENDING, PROCESSING}, {PENDING, COMPLETED}, {QUEUED, PENDING},
          {QUEUED, PROCESSING}, {QUEUED, COMPLETED}, {LAUNCHING, COMPLETED}, {LAUNCHING, QUEUED},
          {PROCESSING, QUEUED}, {PENDING, PENDING}, {QUEUED, QUEUED}, {PROCESSING, PROCESSING}
        }) {
      assertThatThrownBy(() -> pair[0].checkMoveTo(pair[1]))
          .isInstanceOfSatisfying(
              IllegalTransitionException.class,
              e -> {
                assertThat(e.from()).isEqualTo(pair[0]);
                assertThat(e.to()).isEqualTo(pair[1]);
              });
    }
  }

  @Test
  void onlyTheThreeEndStatesAreTerminal() {
    assertThat(EnumSet.allOf(JobStatus.class).stream().filter(JobStatus::isTerminal))
        .containsExactlyInAnyOrder(COMPLETED, FAILED, CANCELLED);
  }
}
