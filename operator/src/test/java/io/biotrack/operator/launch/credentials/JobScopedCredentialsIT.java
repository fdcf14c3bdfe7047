package io.biotrack.operator.launch.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.adapter.StorageAdapters;
import io.biotrack.adapter.StorageSettings;
import io.biotrack.adapter.azure.FileGrants;
import io.biotrack.adapter.azure.JobAccess;
import io.biotrack.job.Job;
import io.biotrack.launch.LaunchRejectedException;
import io.biotrack.launch.LaunchRequest;
import io.biotrack.launch.WorkerResources;
import io.biotrack.shard.ShardNames;
import io.biotrack.shard.ShardTask;
import io.biotrack.storage.BlobContainer;
import io.biotrack.testing.Azurite;
import io.biotrack.testing.StartedJobs;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A shard attempt's credentials, used the way a worker uses them, as plain HTTP on Azurite. */
class JobScopedCredentialsIT {
  final HttpClient http = HttpClient.newHttpClient();
  StorageSettings settings;
  StorageAdapters storage;
  JobScopedCredentials credentials;
  Job job;
  JobAccess access;

  @BeforeEach
  void issue() {
    settings = Azurite.settings();
    storage = StorageAdapters.open(settings);
    job =
        StartedJobs.queued(
            storage.jobStore(), storage.blobStore(), "acme", 3, 2, Clock.systemUTC());
    credentials =
        new JobScopedCredentials(
            storage.blobStore(), storage.urlSigner(), Duration.ofHours(6), Clock.systemUTC());

    Map<String, String> issued = credentials.issue(request(1, 2));

    assertThat(issued).containsOnlyKeys("BIOTRACK_JOB_ACCESS");
    assertThat(issued.get("BIOTRACK_JOB_ACCESS"))
        .doesNotContain(Azurite.ACCOUNT_KEY)
        .doesNotContain("AccountKey");
    access = JobAccess.parse(issued.get("BIOTRACK_JOB_ACCESS"));
  }

  LaunchRequest request(int shard, int attempt) {
    return new LaunchRequest(
        new ShardTask(
            job.id(),
            "acme",
            job.manifestId(),
            shard,
            shard * 2L,
            shard == 1 ? 1 : 2,
            attempt,
            0.2),
        WorkerResources.DEFAULT,
        "m");
  }

  @AfterEach
  void close() {
    storage.close();
  }

  HttpResponse<String> send(String method, URI url, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(url);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("x-ms-blob-type", "BlockBlob")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void readsItsFileListAndThroughItExactlyItsShardsFiles() throws Exception {
    HttpResponse<String> list = send("GET", access.files(), null);
    assertThat(list.statusCode()).isEqualTo(200);
    Map<String, String> files =
        FileGrants.read(
            new ByteArrayInputStream(list.body().getBytes(StandardCharsets.UTF_8)), job.id(), 1);
    assertThat(files).containsOnlyKeys("img-0002.jpg"); // shard 1 of 3 files in shards of 2

    URI file = URI.create(files.get("img-0002.jpg"));
    assertThat(send("GET", file, null).body()).isEqualTo("image 2");
    assertThat(send("PUT", file, "overwritten").statusCode()).isEqualTo(403); // read only
    assertThat(send("PUT", access.files(), "{}").statusCode()).isEqualTo(403);
  }

  @Test
  void writesItsOutputsAndReadsBackOnlyItsCheckpoint() throws Exception {
    String shard = ShardNames.folder(job.id(), 1);
    JobAccess.Grant checkpoint = access.result(shard + "checkpoint.json");
    assertThat(send("GET", checkpoint.read(), null).statusCode()).isEqualTo(404);
    assertThat(send("PUT", checkpoint.write(), "{\"done\":1}").statusCode()).isEqualTo(201);
    assertThat(send("GET", checkpoint.read(), null).body()).isEqualTo("{\"done\":1}");

    URI results = access.result(shard + "results.json").write();
    assertThat(send("PUT", results, "{\"images\":[]}").statusCode()).isEqualTo(201);
    assertThat(send("GET", results, null).statusCode()).isEqualTo(403); // write only
    assertThat(
            new String(
                storage
                    .blobStore()
                    .open(BlobContainer.RESULTS, shard + "results.json")
                    .readAllBytes()))
        .isEqualTo("{\"images\":[]}");
  }

  @Test
  void eachAttemptGetsItsOwnFileListAndAJobWithoutManifestIsRefused() {
    credentials.issue(request(0, 1));
    assertThat(storage.blobStore().exists(BlobContainer.RESULTS, ShardNames.access(job.id(), 0, 1)))
        .isTrue();
    assertThat(storage.blobStore().exists(BlobContainer.RESULTS, ShardNames.access(job.id(), 1, 2)))
        .isTrue();

    LaunchRequest noManifest =
        new LaunchRequest(
            new ShardTask(job.id(), "acme", "ffffffffffffffff", 0, 0, 2, 1, 0.2),
            WorkerResources.DEFAULT,
            "m");
    Assertions.assertThatThrownBy(() -> credentials.issue(noManifest))
        .isInstanceOf(LaunchRejectedException.class)
        .hasMessage("the job's list of files cannot be read; create the job again and start it");
  }
}
