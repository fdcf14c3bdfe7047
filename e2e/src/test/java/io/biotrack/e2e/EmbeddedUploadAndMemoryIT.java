package io.biotrack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.biotrack.e2e.support.Api;
import io.biotrack.e2e.support.Api.Upload;
import io.biotrack.e2e.support.FaultFigures;
import io.biotrack.e2e.support.Jobs;
import io.biotrack.e2e.support.MdResults;
import io.biotrack.e2e.support.Repo;
import io.biotrack.e2e.support.SampleImages;
import io.biotrack.e2e.support.ServiceProcess;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two faults of the reliability review on the real embedded platform, with the worker image's JVM
 * flags ({@code -Xmx300m -XX:+ExitOnOutOfMemoryError}): an upload that ends after a start (it was
 * stored and never processed), and a 4 KB photo that claims 14000×12000 pixels (it killed every
 * attempt and the job lost its good photos).
 */
class EmbeddedUploadAndMemoryIT {
  static Path work;
  static ServiceProcess platform;
  static Api api;

  @BeforeAll
  static void up() {
    work = Repo.workDir("upload-and-memory");
    platform =
        ServiceProcess.up(
            work.resolve("data"),
            ServiceProcess.freePort(),
            Map.of(
                "BIOTRACK_WORKERS", "1",
                "BIOTRACK_WORKER_THREADS", "2",
                "BIOTRACK_WORKER_JAVA_OPTS", "-Xmx300m -XX:+ExitOnOutOfMemoryError",
                "BIOTRACK_START_UPLOAD_WAIT", "2s",
                "BIOTRACK_RETRY_BACKOFF", "1s"),
            work.resolve("gateway.log"));
    api = new Api(platform.baseUrl());
  }

  @AfterAll
  static void down() {
    if (platform != null) {
      platform.stop();
    }
  }

  @Test
  void anUploadStillRunningAtTheStartIsWaitedForOrRefusedAndNeverLost() throws Exception {
    List<Upload> photos = SampleImages.samples().subList(0, 2);
    JsonNode created = api.create("late upload", List.of(photos.get(0).name(), "late.jpg"));
    String id = created.path("jobId").asText();
    api.upload(created.path("uploads").get(0), photos.get(0).bytes());
    byte[] late = photos.get(1).bytes();

    // A slow client: headers and the first bytes of late.jpg, then nothing for a while.
    URI target = URI.create(created.path("uploads").get(1).path("url").asText());
    try (Socket socket = new Socket(target.getHost(), target.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("PUT "
                  + target.getRawPath()
                  + "?"
                  + target.getRawQuery()
                  + " HTTP/1.1\r\nHost: "
                  + target.getHost()
                  + ":"
                  + target.getPort()
                  + "\r\nContent-Type: application/octet-stream\r\n"
                  + "Content-Length: "
                  + late.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(late, 0, 1000);
      out.flush();
      Thread.sleep(500); // the upload is open on the server
      var refused = api.tryStart(id);
      out.write(late, 1000, late.length - 1000);
      out.flush();
      String answer = new String(readSome(socket.getInputStream()), StandardCharsets.UTF_8);

      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
      assertThat(refused.body()).contains("still in progress");
      assertThat(answer).startsWith("HTTP/1.1 201");
    }
    JsonNode started = api.start(id);
    assertThat(started.path("imageCount").asInt()).isEqualTo(2);
    JsonNode job = Jobs.awaitStatus(api, id, "COMPLETED");
    MdResults results = MdResults.check(api.resultsByLink(id));
    problemAfterStart(id, photos.get(0).bytes());
    FaultFigures.forJob(
            "upload still running at the start",
            job,
            results,
            Set.of(photos.get(0).name(), "late.jpg"))
        .put("start during the upload", 409)
        .put("late file in the results", results.files().contains("late.jpg"))
        .put("files stored after the start", uploadsOnDisk(id) - 2)
        .print();
    assertThat(results.files())
        .as("sorted by file, as MegaDetector writes them")
        .containsExactly("late.jpg", photos.get(0).name());
    assertThat(uploadsOnDisk(id)).as("nothing stored after the start").isEqualTo(2);
  }

  private void problemAfterStart(String id, byte[] bytes) {
    var after = api.tryUpload(id, "late.jpg", bytes);
    assertThat(after.statusCode()).isEqualTo(409);
  }

  @Test
  void aPhotoThatWouldExhaustTheHeapIsAFailureEntryAndTheGoodPhotosKeepTheirResults() {
    List<Upload> photos =
        List.of(
            SampleImages.samples().get(0),
            new Upload("poison/big-claim.jpg", SampleImages.poison()),
            SampleImages.samples().get(1));
    String id = api.createUploadAndStart("poison image", photos);

    JsonNode job = Jobs.awaitStatus(api, id, "COMPLETED");

    MdResults results = MdResults.check(api.resultsByLink(id));
    FaultFigures.forJob(
            "poison image under -Xmx300m -XX:+ExitOnOutOfMemoryError",
            job,
            results,
            Jobs.names(photos))
        .put("failures", results.failures())
        .print();
    assertThat(job.path("attempt").asInt()).as("no attempt died").isEqualTo(1);
    assertThat(results.files()).containsExactlyInAnyOrderElementsOf(Jobs.names(photos));
    assertThat(results.failures()).isEqualTo(1);
    assertThat(job.path("failedCount").asInt()).isEqualTo(1);
  }

  private static byte[] readSome(InputStream in) throws Exception {
    byte[] buffer = new byte[4096];
    int n = in.read(buffer);
    return java.util.Arrays.copyOf(buffer, Math.max(0, n));
  }

  private static long uploadsOnDisk(String id) {
    Path uploads = work.resolve("data/blobs/uploads").resolve(id);
    try (Stream<Path> files = Files.walk(uploads)) {
      return files.filter(Files::isRegularFile).count();
    } catch (java.io.IOException e) {
      return -1;
    }
  }
}
