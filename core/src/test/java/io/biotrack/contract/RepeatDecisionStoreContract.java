package io.biotrack.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.job.JobIds;
import io.biotrack.results.RepeatDecision;
import io.biotrack.results.RepeatDecisionStore;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link RepeatDecisionStore} adapter must do. Each test uses fresh job ids. */
public abstract class RepeatDecisionStoreContract {
  private static final JobIds IDS = JobIds.system();

  protected abstract RepeatDecisionStore store();

  @Test
  void aJobWithoutDecisionsHasNone() {
    assertThat(store().decisions(IDS.next())).isEmpty();
    assertThat(store().delete(IDS.next())).isZero();
  }

  @Test
  void decisionsAreKeptPerJobAndGroupAndALaterOneReplacesTheEarlier() {
    String job = IDS.next();
    String other = IDS.next();
    store().decide(job, "0a1b2c3d4e5f6071", RepeatDecision.CONFIRMED);
    store().decide(job, "ffeeddccbbaa9988", RepeatDecision.REJECTED);
    store().decide(other, "0a1b2c3d4e5f6071", RepeatDecision.REJECTED);

    assertThat(store().decisions(job))
        .isEqualTo(
            Map.of(
                "0a1b2c3d4e5f6071", RepeatDecision.CONFIRMED,
                "ffeeddccbbaa9988", RepeatDecision.REJECTED));

    store().decide(job, "0a1b2c3d4e5f6071", RepeatDecision.REJECTED);
    assertThat(store().decisions(job)).containsEntry("0a1b2c3d4e5f6071", RepeatDecision.REJECTED);
    assertThat(store().decisions(other))
        .isEqualTo(Map.of("0a1b2c3d4e5f6071", RepeatDecision.REJECTED));
  }

  @Test
  void deletingAJobForgetsItsDecisionsOnly() {
    String job = IDS.next();
    String other = IDS.next();
    for (int i = 0; i < 130; i++) { // more than one Azure transaction
      store().decide(job, String.format("%016x", i), RepeatDecision.CONFIRMED);
    }
    store().decide(other, "0000000000000001", RepeatDecision.CONFIRMED);

    assertThat(store().delete(job)).isEqualTo(130);
    assertThat(store().decisions(job)).isEmpty();
    assertThat(store().decisions(other)).hasSize(1);
  }
}
