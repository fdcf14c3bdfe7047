package io.biotrack.worker.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biotrack.adapter.StorageKind;
import io.biotrack.config.SettingsException;
import io.biotrack.shard.ShardTask;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardSettingsTest {
  static final String JOB = "0123456789abcdefghjkmnpqrs";

  private static Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("BIOTRACK_STORAGE", "local");
    env.put("BIOTRACK_DATA_DIR", "/tmp/biotrack-data");
    env.put("BIOTRACK_JOB_ID", JOB);
    env.put("BIOTRACK_TENANT", "acme");
    env.put("BIOTRACK_ATTEMPT", "2");
    env.put("BIOTRACK_MANIFEST", "m1");
    env.put("BIOTRACK_SHARD", "3");
    env.put("BIOTRACK_SHARD_FROM", "6000");
    env.put("BIOTRACK_SHARD_COUNT", "2000");
    env.put("BIOTRACK_CONFIDENCE_THRESHOLD", "0.005");
    env.put("BIOTRACK_MODEL", "/models/md_v5a.0.0.torchscript");
    return env;
  }

  @Test
  void readsTheShardAndTheWorkerVariables() {
    Map<String, String> env = env();
    env.put("BIOTRACK_THREADS", "4");
    env.put("BIOTRACK_CHECKPOINT_EVERY", "7");
    env.put("BIOTRACK_DECODE_THREADS", "3");

    ShardSettings s = ShardSettings.fromEnvironment(env::get);

    assertThat(s.storage().kind()).isEqualTo(StorageKind.LOCAL);
    assertThat(s.task()).isEqualTo(new ShardTask(JOB, "acme", "m1", 3, 6000, 2000, 2, 0.005));
    assertThat(s.model()).isEqualTo(Path.of("/models/md_v5a.0.0.torchscript"));
    assertThat(s.threads()).isEqualTo(4);
    assertThat(s.checkpointEvery()).isEqualTo(7);
    assertThat(s.progressInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.cacheDir()).isNull();
    assertThat(s.decodeThreads()).isEqualTo(3);
    assertThat(ShardSettings.fromEnvironment(env()::get).decodeThreads())
        .as("the default")
        .isZero();
    assertThat(s.expectedDigests().isEmpty()).isTrue();
  }

  @Test
  void readsTheDeploymentsExpectedModelDigests() {
    Map<String, String> env = env();
    env.put("BIOTRACK_MODEL_DIGESTS", "md_v5a.0.0.torchscript=" + "ab".repeat(32));

    assertThat(
            ShardSettings.fromEnvironment(env::get)
                .expectedDigests()
                .expectedFor(Path.of("/models/md_v5a.0.0.torchscript")))
        .contains("ab".repeat(32));
    env.put("BIOTRACK_MODEL_DIGESTS", "md_v5a.0.0.torchscript=abc");
    assertThatThrownBy(() -> ShardSettings.fromEnvironment(env::get))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining(
            "BIOTRACK_MODEL_DIGESTS: 'md_v5a.0.0.torchscript=abc' is not NAME=SHA256");
  }

  @Test
  void listsEveryProblemAtOnce() {
    Map<String, String> env = env();
    env.remove("BIOTRACK_JOB_ID");
    env.remove("BIOTRACK_MANIFEST");
    env.put("BIOTRACK_ATTEMPT", "zero");
    env.put("BIOTRACK_THREADS", "-1");
    env.put("BIOTRACK_DECODE_THREADS", "many");
    env.put("BIOTRACK_CONFIDENCE_THRESHOLD", "2");
    env.put("BIOTRACK_STORAGE", "ftp");

    assertThatThrownBy(() -> ShardSettings.fromEnvironment(env::get))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("BIOTRACK_JOB_ID is required")
        .hasMessageContaining("BIOTRACK_MANIFEST is required")
        .hasMessageContaining("BIOTRACK_ATTEMPT must be a whole number, was 'zero'")
        .hasMessageContaining("BIOTRACK_THREADS must be at least 0")
        .hasMessageContaining("BIOTRACK_DECODE_THREADS must be a whole number, was 'many'")
        .hasMessageContaining("BIOTRACK_CONFIDENCE_THRESHOLD must be between 0 and 1")
        .hasMessageContaining("BIOTRACK_STORAGE");
  }

  @Test
  void attemptsStartAtOne() {
    Map<String, String> env = env();
    env.put("BIOTRACK_ATTEMPT", "0");

    assertThatThrownBy(() -> ShardSettings.fromEnvironment(env::get))
        .hasMessageContaining("BIOTRACK_ATTEMPT must be at least 1");
  }

  @Test
  void readsTheClassifierAndRefusesAnUnknownCountry() {
    Map<String, String> env = env();
    env.put("BIOTRACK_CLASSIFIER", "/models/speciesnet");
    env.put("BIOTRACK_COUNTRY", "usa");
    env.put("BIOTRACK_ADMIN1", "ca");
    ShardSettings s = ShardSettings.fromEnvironment(env::get);
    assertThat(s.classifier()).isEqualTo(Path.of("/models/speciesnet"));
    assertThat(s.region().country()).isEqualTo("USA");
    assertThat(s.region().admin1()).isEqualTo("CA");

    env.put("BIOTRACK_COUNTRY", "XYZ");
    assertThatThrownBy(() -> ShardSettings.fromEnvironment(env::get))
        .hasMessageContaining("unknown country \"XYZ\"");
    env.remove("BIOTRACK_CLASSIFIER");
    env.put("BIOTRACK_COUNTRY", "KEN");
    env.remove("BIOTRACK_ADMIN1");
    assertThatThrownBy(() -> ShardSettings.fromEnvironment(env::get))
        .hasMessageContaining("BIOTRACK_COUNTRY is set without BIOTRACK_CLASSIFIER");
  }
}
