package io.biotrack.adapter.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biotrack.adapter.StorageKind;
import io.biotrack.adapter.StorageSettings;
import io.biotrack.config.SettingsException;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobAccessTest {
  static final String JOB = "zybqnswyxxp82mb89ns7vbznta";
  static final String SIG = "sig=SECRETSIGNATURE";
  static final String BLOB = "https://acct.blob.core.windows.net/";
  static final String SHARD = JOB + "/shards/00003/";

  static URI url(String path, String permissions) {
    return URI.create(BLOB + path + "?sp=" + permissions + "&" + SIG);
  }

  static JobAccess sample() {
    Map<String, JobAccess.Grant> results = new LinkedHashMap<>();
    results.put(
        SHARD + "results.json",
        JobAccess.Grant.write(url("results/" + SHARD + "results.json", "cw")));
    results.put(
        SHARD + "checkpoint.json",
        new JobAccess.Grant(
            url("results/" + SHARD + "checkpoint.json", "r"),
            url("results/" + SHARD + "checkpoint.json", "cw")));
    results.put(
        JOB + "/manifest/m1/manifest.json",
        JobAccess.Grant.read(url("results/" + JOB + "/manifest/m1/manifest.json", "r")));
    return new JobAccess(
        JOB,
        "acme",
        3,
        2,
        Instant.parse("2026-11-26T00:07:38Z"),
        results,
        url("results/" + SHARD + "access-2.json", "r"));
  }

  @Test
  void theDocumentRoundTripsWithGrantsInNameOrder() {
    JobAccess access = sample();
    JobAccess read = JobAccess.parse(access.toJson());
    assertThat(read).isEqualTo(access);
    assertThat(read.results().keySet())
        .containsExactly(
            JOB + "/manifest/m1/manifest.json", SHARD + "checkpoint.json", SHARD + "results.json");
    assertThat(read.result(SHARD + "results.json").read()).isNull();
    assertThat(read.result(JOB + "/other.json")).isNull();
    assertThat(access.toJson())
        .startsWith(
            "{\"version\":2,\"jobId\":\""
                + JOB
                + "\",\"tenant\":\"acme\",\"shard\":3,\"attempt\":2")
        .contains("\"" + SHARD + "results.json\":{\"write\":")
        .contains("\"" + SHARD + "checkpoint.json\":{\"read\":");
  }

  @Test
  void toStringShowsNoToken() {
    assertThat(sample().toString())
        .contains(JOB, "acme", "shard=3", "blobs=3")
        .doesNotContain("SECRET");
  }

  @Test
  void aBadDocumentIsRefusedWithEveryProblemAndNoToken() {
    String json =
        sample()
            .toJson()
            .replace("\"version\":2", "\"version\":1")
            .replace("\"shard\":3", "\"shard\":-1")
            .replace("\"files\":", "\"filez\":")
            .replace(
                "\"" + JOB + "/manifest/m1/manifest.json\"",
                "\"zzzzzzzzzzzzzzzzzzzzzzzzzz/manifest.json\"");
    assertThatThrownBy(() -> JobAccess.parse(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version must be 2")
        .hasMessageContaining("shard must be a whole number of at least 0")
        .hasMessageContaining("files is missing")
        .hasMessageContaining(
            "results[zzzzzzzzzzzzzzzzzzzzzzzzzz/manifest.json] is not a blob of this job")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SECRET"));
    assertThatThrownBy(() -> JobAccess.parse("{\"files\":\"sig=SECRET"))
        .hasMessageStartingWith("is not JSON")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SECRET"));
  }

  /** Issue 17: the one blob of another job a worker may hold, and only to read it. */
  @Test
  void anotherJobsContentIndexMayBeGrantedForReadingOnly() {
    String previous = "zybqnswyxxp82mb89ns7vbzaaa";
    JobAccess access = sample();
    Map<String, JobAccess.Grant> results = new LinkedHashMap<>(access.results());
    results.put(
        previous + "/contents.txt",
        JobAccess.Grant.read(url("results/" + previous + "/contents.txt", "r")));
    JobAccess reusing =
        new JobAccess(JOB, "acme", 3, 2, access.expiresAt(), results, access.files());
    assertThat(JobAccess.parse(reusing.toJson())).isEqualTo(reusing);

    for (String json :
        new String[] {
          reusing
              .toJson()
              .replace(
                  "\"" + previous + "/contents.txt\":{\"read\"",
                  "\"" + previous + "/contents.txt\":{\"write\""),
          reusing.toJson().replace(previous + "/contents.txt", previous + "/results.json")
        }) {
      assertThatThrownBy(() -> JobAccess.parse(json))
          .hasMessageContaining("is not a blob of this job")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SECRET"));
    }
  }

  @Test
  void theFileListRoundTripsAndBelongsToOneShard() throws Exception {
    byte[] list =
        new FileGrants.Writer(JOB, 3, 2)
            .add("a.jpg", url("uploads/" + JOB + "/a.jpg", "r"))
            .add("cam 2/b.jpg", url("uploads/" + JOB + "/cam%202/b.jpg", "r"))
            .toBytes();
    assertThat(FileGrants.read(new ByteArrayInputStream(list), JOB, 3))
        .containsOnlyKeys("a.jpg", "cam 2/b.jpg")
        .containsEntry("cam 2/b.jpg", url("uploads/" + JOB + "/cam%202/b.jpg", "r").toString());
    assertThatThrownBy(() -> FileGrants.read(new ByteArrayInputStream(list), JOB, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shard 4");
    byte[] broken =
        new String(list, StandardCharsets.UTF_8).substring(0, 60).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> FileGrants.read(new ByteArrayInputStream(broken), JOB, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SECRET"));
  }

  @Test
  void aFileListCarriesEachFilesThumbnailWriteUrl() throws Exception {
    URI read = url("uploads/" + JOB + "/cam%202/b.jpg", "r");
    URI thumbnail = url("results/" + JOB + "/thumbnails/cam%202/b.jpg", "cw");
    byte[] list =
        new FileGrants.Writer(JOB, 3, 2)
            .add("a.jpg", url("uploads/" + JOB + "/a.jpg", "r"))
            .add("cam 2/b.jpg", read, thumbnail)
            .toBytes();
    assertThat(FileGrants.readGrants(new ByteArrayInputStream(list), JOB, 3))
        .containsEntry(
            "a.jpg", new FileGrants.Grant(url("uploads/" + JOB + "/a.jpg", "r").toString(), null))
        .containsEntry("cam 2/b.jpg", new FileGrants.Grant(read.toString(), thumbnail.toString()));
    assertThat(FileGrants.read(new ByteArrayInputStream(list), JOB, 3))
        .containsEntry("cam 2/b.jpg", read.toString());
  }

  @Test
  void storageSettingsReadTheVariableForAzureOnlyAndNeedNoEndpoints() {
    Map<String, String> env =
        Map.of("BIOTRACK_STORAGE", "azure", "BIOTRACK_JOB_ACCESS", sample().toJson());
    StorageSettings settings = StorageSettings.fromEnvironment(env::get);
    assertThat(settings.kind()).isEqualTo(StorageKind.AZURE);
    assertThat(settings.jobScoped()).isTrue();
    assertThat(settings.jobAccess()).isEqualTo(sample());
    assertThat(settings.toString()).contains(JOB).doesNotContain("SECRET");
    assertThat(StorageSettings.fromEnvironment(settings.toEnvironment()::get)).isEqualTo(settings);

    Map<String, String> local =
        Map.of(
            "BIOTRACK_STORAGE",
            "local",
            "BIOTRACK_DATA_DIR",
            "/tmp/x",
            "BIOTRACK_JOB_ACCESS",
            sample().toJson());
    assertThatThrownBy(() -> StorageSettings.fromEnvironment(local::get))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("BIOTRACK_JOB_ACCESS needs BIOTRACK_STORAGE=azure");
  }
}
