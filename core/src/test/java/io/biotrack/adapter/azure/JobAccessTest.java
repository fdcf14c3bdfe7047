package io.biotrack.adapter.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biotrack.adapter.InvalidStorageSettingsException;
import io.biotrack.adapter.StorageKind;
import io.biotrack.adapter.StorageSettings;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobAccessTest {
  static final String JOB = "zybqnswyxxp82mb89ns7vbznta";
  static final String SIG = "sig=SECRETSIGNATURE";
  static final String BLOB = "https://acct.blob.core.windows.net/";

  static JobAccess sample() {
    Map<String, JobAccess.Upload> uploads = new LinkedHashMap<>();
    uploads.put("cam 2/b.jpg", new JobAccess.Upload(URI.create(BLOB + "uploads/" + JOB + "/cam%202/b.jpg?sp=r&" + SIG), 20));
    uploads.put("a.jpg", new JobAccess.Upload(URI.create(BLOB + "uploads/" + JOB + "/a.jpg?sp=r&" + SIG), 10));
    return new JobAccess(
        JOB, "acme", Instant.parse("2026-11-26T00:07:38Z"), uploads,
        new JobAccess.ResultBlob(null, URI.create(BLOB + "results/" + JOB + "/results.json?sp=cw&" + SIG)),
        new JobAccess.ResultBlob(
            URI.create(BLOB + "results/" + JOB + "/checkpoint.json?sp=r&" + SIG),
            URI.create(BLOB + "results/" + JOB + "/checkpoint.json?sp=cw&" + SIG)),
        URI.create("https://acct.table.core.windows.net/biotrackjobs"),
        "sv=2019-02-02&tn=biotrackjobs&spk=acme&srk=" + JOB + "&sp=ru&" + SIG);
  }

  @Test
  void theDocumentRoundTripsWithUploadsInNameOrder() {
    JobAccess access = sample();
    JobAccess read = JobAccess.parse(access.toJson());
    assertThat(read).isEqualTo(access);
    assertThat(read.uploads().keySet()).containsExactly("a.jpg", "cam 2/b.jpg");
    assertThat(access.toJson())
        .startsWith("{\"version\":1,\"jobId\":\"" + JOB + "\",\"tenant\":\"acme\"")
        .contains("\"a.jpg\":{\"read\":\"" + BLOB + "uploads/" + JOB + "/a.jpg?sp=r&" + SIG + "\",\"size\":10}")
        .contains("\"results.json\":{\"write\":")
        .contains("\"checkpoint.json\":{\"read\":");
  }

  @Test
  void toStringShowsNoToken() {
    assertThat(sample().toString()).contains(JOB, "acme", "uploads=2").doesNotContain("SECRET");
  }

  @Test
  void aBadDocumentIsRefusedWithEveryProblemAndNoToken() {
    String json = sample().toJson()
        .replace("\"version\":1", "\"version\":2")
        .replace("\"size\":10", "\"size\":-1")
        .replace("\"sas\":", "\"sass\":")
        .replace("\"jobId\":\"" + JOB + "\"", "\"jobId\":\"../x\"");
    assertThatThrownBy(() -> JobAccess.parse(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version must be 1")
        .hasMessageContaining("jobId is not a job id")
        .hasMessageContaining("uploads[a.jpg].size must be a whole number of bytes")
        .hasMessageContaining("table.sas is missing")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SECRET"));
    assertThatThrownBy(() -> JobAccess.parse("{\"table\":{\"sas\":\"sig=SECRET"))
        .hasMessageStartingWith("is not JSON")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SECRET"));
    assertThatThrownBy(() -> JobAccess.parse(sample().toJson().replace("\"a.jpg\"", "\"../a.jpg\"")))
        .hasMessageContaining("uploads[../a.jpg] is not a valid file name");
  }

  @Test
  void storageSettingsReadTheVariableForAzureOnlyAndNeedNoEndpoints() {
    Map<String, String> env = Map.of("BIOTRACK_STORAGE", "azure", "BIOTRACK_JOB_ACCESS", sample().toJson());
    StorageSettings settings = StorageSettings.fromEnvironment(env::get);
    assertThat(settings.kind()).isEqualTo(StorageKind.AZURE);
    assertThat(settings.jobScoped()).isTrue();
    assertThat(settings.jobAccess()).isEqualTo(sample());
    assertThat(settings.toString()).contains(JOB).doesNotContain("SECRET");
    assertThat(StorageSettings.fromEnvironment(settings.toEnvironment()::get)).isEqualTo(settings);

    Map<String, String> local =
        Map.of("BIOTRACK_STORAGE", "local", "BIOTRACK_DATA_DIR", "/tmp/x", "BIOTRACK_JOB_ACCESS", sample().toJson());
    assertThatThrownBy(() -> StorageSettings.fromEnvironment(local::get))
        .isInstanceOf(InvalidStorageSettingsException.class)
        .hasMessageContaining("BIOTRACK_JOB_ACCESS needs BIOTRACK_STORAGE=azure");
  }
}
