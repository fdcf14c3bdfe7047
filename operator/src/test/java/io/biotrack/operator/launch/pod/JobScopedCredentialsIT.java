package io.biotrack.operator.launch.pod;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.biotrack.adapter.StorageAdapters;
import io.biotrack.adapter.StorageSettings;
import io.biotrack.adapter.azure.AzureStorageClients;
import io.biotrack.job.Job;
import io.biotrack.job.JobIds;
import io.biotrack.job.JobOptions;
import io.biotrack.launch.LaunchRequest;
import io.biotrack.launch.WorkerResources;
import io.biotrack.storage.BlobContainer;
import io.biotrack.testing.Azurite;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The virtual-node worker's credentials, used the way a worker uses them, on Azurite. */
class JobScopedCredentialsIT {
  final HttpClient http = HttpClient.newHttpClient();
  StorageSettings settings;
  StorageAdapters storage;
  Job job;
  Job other;
  JsonNode access;

  @BeforeEach
  void issue() throws Exception {
    settings = Azurite.settings();
    storage = StorageAdapters.open(settings);
    JobIds ids = JobIds.system();
    job = storage.jobStore().create(Job.newPending(ids.next(), "acme", "n", 2, JobOptions.DEFAULTS, Instant.now()));
    other = storage.jobStore().create(Job.newPending(ids.next(), "acme", "n", 1, JobOptions.DEFAULTS, Instant.now()));
    storage.blobStore().put(BlobContainer.UPLOADS, job.id() + "/a.jpg", "A".getBytes(StandardCharsets.UTF_8));
    storage.blobStore().put(BlobContainer.UPLOADS, job.id() + "/cam 2/b.jpg", "B".getBytes(StandardCharsets.UTF_8));
    storage.blobStore().put(BlobContainer.UPLOADS, other.id() + "/c.jpg", "C".getBytes(StandardCharsets.UTF_8));
    var keyed = AzureStorageClients.of(settings).tables();
    JobScopedCredentials credentials =
        new JobScopedCredentials(
            storage.blobStore(), storage.urlSigner(), new TableRowSigner(keyed, settings.table(), Clock.systemUTC()),
            Duration.ofHours(6), Clock.systemUTC());

    Map<String, String> secret = credentials.issue(new LaunchRequest(job.id(), "acme", 1, WorkerResources.DEFAULT, "m"));

    assertThat(secret).containsOnlyKeys("BIOTRACK_JOB_ACCESS");
    assertThat(secret.get("BIOTRACK_JOB_ACCESS")).doesNotContain(Azurite.ACCOUNT_KEY).doesNotContain("AccountKey");
    access = new ObjectMapper().readTree(secret.get("BIOTRACK_JOB_ACCESS"));
  }

  @AfterEach
  void close() {
    storage.close();
  }

  HttpResponse<String> send(String method, String url, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("x-ms-blob-type", "BlockBlob").method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void readsExactlyItsOwnUploadsOneBlobAtATime() throws Exception {
    List<String> names = new ArrayList<>();
    access.get("uploads").fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactlyInAnyOrder("a.jpg", "cam 2/b.jpg");
    String url = access.get("uploads").get("a.jpg").get("read").asText();
    assertThat(url).contains("sr=b").contains("sp=r&").doesNotContain("sp=rl");
    assertThat(access.get("uploads").get("a.jpg").get("size").asLong()).isEqualTo(1);
    assertThat(send("GET", url, null).body()).isEqualTo("A");
    assertThat(send("GET", access.get("uploads").get("cam 2/b.jpg").get("read").asText(), null).body())
        .isEqualTo("B");
    assertThat(send("PUT", url, "overwritten").statusCode()).isEqualTo(403); // read only
    // Each token is signed for its one blob (sr=b); nothing names another job's blob. (Azurite
    // does not check the signed path, so using a token elsewhere is not testable here.)
    access.get("uploads").forEach(
        u -> assertThat(u.get("read").asText()).contains(job.id()).doesNotContain(other.id()));
  }

  @Test
  void writesItsResultsAndItsCheckpoint() throws Exception {
    JsonNode results = access.get("results");
    assertThat(send("PUT", results.get("results.json").get("write").asText(), "{\"images\":[]}").statusCode()).isEqualTo(201);
    assertThat(new String(storage.blobStore().open(BlobContainer.RESULTS, job.id() + "/results.json").readAllBytes()))
        .isEqualTo("{\"images\":[]}");
    JsonNode checkpoint = results.get("checkpoint.json");
    assertThat(send("GET", checkpoint.get("read").asText(), null).statusCode()).isEqualTo(404);
    assertThat(send("PUT", checkpoint.get("write").asText(), "{\"done\":1}").statusCode()).isEqualTo(201);
    assertThat(send("GET", checkpoint.get("read").asText(), null).body()).isEqualTo("{\"done\":1}");
  }

  @Test
  void readsAndUpdatesOnlyItsOwnJobRecord() throws Exception {
    String tableUrl = access.get("table").get("url").asText();
    assertThat(tableUrl).endsWith("/" + settings.table());
    String sas = access.get("table").get("sas").asText();

    // Its own row: read, then update (as the worker's progress writes do).
    String ownRow = tableUrl + "(PartitionKey='acme',RowKey='" + job.id() + "')?" + sas;
    HttpResponse<String> own = http.send(HttpRequest.newBuilder(URI.create(ownRow))
        .header("Accept", "application/json;odata=nometadata").header("x-ms-version", "2020-12-06")
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(own.statusCode()).as(ownRow + " " + own.body()).isEqualTo(200);
    assertThat(own.body()).contains(job.id());
    HttpResponse<String> update = http.send(HttpRequest.newBuilder(URI.create(ownRow))
        .header("Accept", "application/json;odata=nometadata").header("x-ms-version", "2020-12-06")
        .header("Content-Type", "application/json").header("If-Match", "*")
        .method("MERGE", HttpRequest.BodyPublishers.ofString("{\"processedCount\":1}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(update.statusCode()).as(update.body()).isEqualTo(204);
    assertThat(storage.jobStore().get("acme", job.id()).version()).isNotEqualTo(job.version());

    // The token is pinned to that row, read + update only. (Azure enforces the key ranges;
    // Azurite does not, so using the token on another row is not testable here.)
    assertThat(sas).contains("sp=ru&", "tn=" + settings.table(), "spk=acme&", "epk=acme&",
        "srk=" + job.id() + "&", "erk=" + job.id() + "&");
    assertThat(storage.jobStore().get("acme", other.id()).status()).isEqualTo(other.status());
  }
}
