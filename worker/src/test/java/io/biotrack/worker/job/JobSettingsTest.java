package io.biotrack.worker.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biotrack.adapter.StorageKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobSettingsTest {
  private static Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("BIOTRACK_STORAGE", "local");
    env.put("BIOTRACK_DATA_DIR", "/tmp/biotrack-data");
    env.put("BIOTRACK_JOB_ID", "01jobid");
    env.put("BIOTRACK_TENANT", "acme");
    env.put("BIOTRACK_ATTEMPT", "2");
    env.put("BIOTRACK_MODEL", "/models/md_v5a.0.0.torchscript");
    return env;
  }

  @Test
  void readsTheWorkerVariables() {
    Map<String, String> env = env();
    env.put("BIOTRACK_THREADS", "4");
    env.put("BIOTRACK_CHECKPOINT_EVERY", "7");

    JobSettings s = JobSettings.fromEnvironment(env::get);

    assertThat(s.storage().kind()).isEqualTo(StorageKind.LOCAL);
    assertThat(s.jobId()).isEqualTo("01jobid");
    assertThat(s.tenant()).isEqualTo("acme");
    assertThat(s.attempt()).isEqualTo(2);
    assertThat(s.model()).isEqualTo(Path.of("/models/md_v5a.0.0.torchscript"));
    assertThat(s.threads()).isEqualTo(4);
    assertThat(s.checkpointEvery()).isEqualTo(7);
    assertThat(s.progressInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.cacheDir()).isNull();
  }

  @Test
  void listsEveryProblemAtOnce() {
    Map<String, String> env = env();
    env.remove("BIOTRACK_JOB_ID");
    env.put("BIOTRACK_ATTEMPT", "zero");
    env.put("BIOTRACK_THREADS", "-1");
    env.put("BIOTRACK_STORAGE", "ftp");

    assertThatThrownBy(() -> JobSettings.fromEnvironment(env::get))
        .isInstanceOf(BadConfigurationException.class)
        .hasMessageContaining("BIOTRACK_JOB_ID is not set")
        .hasMessageContaining("BIOTRACK_ATTEMPT is not a whole number")
        .hasMessageContaining("BIOTRACK_THREADS must be at least 0")
        .hasMessageContaining("BIOTRACK_STORAGE");
  }

  @Test
  void attemptsStartAtOne() {
    Map<String, String> env = env();
    env.put("BIOTRACK_ATTEMPT", "0");

    assertThatThrownBy(() -> JobSettings.fromEnvironment(env::get))
        .hasMessageContaining("BIOTRACK_ATTEMPT must be at least 1");
  }
}
