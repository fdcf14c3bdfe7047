package io.biotrack.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerWaitPolicyTest {
  @Test
  void workersWaitPassively() {
    assertThat(WorkerWaitPolicy.environment(Map.of()))
        .isEqualTo(Map.of("OMP_WAIT_POLICY", "PASSIVE"));
  }

  @Test
  void leavesTheUsersOwnChoiceAlone() {
    assertThat(WorkerWaitPolicy.environment(Map.of("OMP_WAIT_POLICY", "ACTIVE"))).isEmpty();
    assertThat(WorkerWaitPolicy.environment(Map.of("GOMP_SPINCOUNT", "10000"))).isEmpty();
    assertThat(WorkerWaitPolicy.environment(Map.of("OMP_WAIT_POLICY", " ")))
        .containsEntry("OMP_WAIT_POLICY", "PASSIVE");
  }
}
