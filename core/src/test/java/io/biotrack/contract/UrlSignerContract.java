package io.biotrack.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biotrack.job.JobIds;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNames;
import io.biotrack.storage.BlobStore;
import io.biotrack.storage.SignedUrl;
import io.biotrack.storage.UrlSigner;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UrlSigner} must guarantee, checked with real HTTP requests against the server
 * that honours the URLs (Azurite for a SAS, the gateway's signed routes for local URLs): an upload
 * URL writes its one blob and nothing else, a download URL reads its one blob and nothing else,
 * expired or altered URLs are refused.
 */
public abstract class UrlSignerContract {
  private static final JobIds IDS = JobIds.system();
  private static final Duration TTL = Duration.ofMinutes(10);
  private final HttpClient http = HttpClient.newHttpClient();

  /** A signer whose notion of "now" is {@code clock}. */
  protected abstract UrlSigner signer(Clock clock);

  /** The store behind the URLs, to put and check blobs directly. */
  protected abstract BlobStore blobs();

  /** A URL that lists the job's blobs, carrying the credentials of {@code signed}. */
  protected abstract URI listUrl(SignedUrl signed, String jobId);

  /** {@code upload} with its permission widened to read (without re-signing). */
  protected abstract URI widenedToRead(URI upload);

  /** {@code signed} pointed at another blob name, keeping its credentials. */
  protected abstract URI retargeted(SignedUrl signed, String otherName);

  private UrlSigner signer() {
    return signer(Clock.systemUTC());
  }

  protected HttpResponse<byte[]> send(
      String method, URI url, java.util.Map<String, String> headers, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<byte[]> upload(SignedUrl url, byte[] body) {
    return send(url.method(), url.url(), url.headers(), body);
  }

  private HttpResponse<byte[]> get(URI url) {
    return send("GET", url, java.util.Map.of(), null);
  }

  private byte[] stored(BlobContainer container, String name) throws IOException {
    try (InputStream in = blobs().open(container, name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void anUploadUrlWritesItsBlob() throws IOException {
    String name = BlobNames.upload(IDS.next(), "cam 1/été #1.jpg");
    SignedUrl url = signer().uploadUrl(BlobContainer.UPLOADS, name, TTL);
    assertThat(url.method()).isEqualTo("PUT");
    assertThat(url.expiresAt())
        .isBetween(Instant.now().plus(TTL).minusSeconds(5), Instant.now().plus(TTL).plusSeconds(1));
    HttpResponse<byte[]> response = upload(url, "jpeg bytes".getBytes());
    assertThat(response.statusCode()).isBetween(200, 299);
    assertThat(stored(BlobContainer.UPLOADS, name)).isEqualTo("jpeg bytes".getBytes());
  }

  @Test
  void anUploadUrlCannotRead() {
    String name = BlobNames.upload(IDS.next(), "a.jpg");
    blobs().put(BlobContainer.UPLOADS, name, "secret".getBytes());
    SignedUrl url = signer().uploadUrl(BlobContainer.UPLOADS, name, TTL);
    HttpResponse<byte[]> response = get(url.url());
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("secret");
  }

  @Test
  void anUploadUrlCannotList() {
    String job = IDS.next();
    blobs().put(BlobContainer.UPLOADS, BlobNames.upload(job, "listed.jpg"), new byte[1]);
    SignedUrl url = signer().uploadUrl(BlobContainer.UPLOADS, BlobNames.upload(job, "b.jpg"), TTL);
    HttpResponse<byte[]> response = get(listUrl(url, job));
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("listed.jpg");
  }

  @Test
  void anUploadUrlCannotWriteAnotherBlobOrAnotherJob() {
    String job = IDS.next();
    String other = IDS.next();
    SignedUrl url = signer().uploadUrl(BlobContainer.UPLOADS, BlobNames.upload(job, "a.jpg"), TTL);
    for (String target :
        new String[] {BlobNames.upload(job, "b.jpg"), BlobNames.upload(other, "a.jpg")}) {
      HttpResponse<byte[]> response =
          send("PUT", retargeted(url, target), url.headers(), new byte[3]);
      assertThat(response.statusCode()).as(target).isEqualTo(403);
      assertThat(blobs().exists(BlobContainer.UPLOADS, target)).isFalse();
    }
  }

  @Test
  void aWidenedUploadUrlIsRefused() {
    String name = BlobNames.upload(IDS.next(), "a.jpg");
    blobs().put(BlobContainer.UPLOADS, name, "secret".getBytes());
    SignedUrl url = signer().uploadUrl(BlobContainer.UPLOADS, name, TTL);
    assertThat(get(widenedToRead(url.url())).statusCode()).isEqualTo(403);
  }

  @Test
  void aDownloadUrlReadsItsBlobAndCannotWrite() throws IOException {
    String job = IDS.next();
    String name = BlobNames.results(job);
    blobs().put(BlobContainer.RESULTS, name, "{\"images\": []}".getBytes());
    SignedUrl url = signer().downloadUrl(BlobContainer.RESULTS, name, TTL);
    assertThat(url.method()).isEqualTo("GET");
    HttpResponse<byte[]> read = get(url.url());
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).isEqualTo("{\"images\": []}".getBytes());

    HttpResponse<byte[]> write =
        send("PUT", url.url(), java.util.Map.of("x-ms-blob-type", "BlockBlob"), "evil".getBytes());
    assertThat(write.statusCode()).isEqualTo(403);
    assertThat(stored(BlobContainer.RESULTS, name)).isEqualTo("{\"images\": []}".getBytes());
  }

  @Test
  void aDownloadUrlCannotReadAnotherJobsResults() {
    String job = IDS.next();
    String other = IDS.next();
    blobs().put(BlobContainer.RESULTS, BlobNames.results(other), "theirs".getBytes());
    SignedUrl url = signer().downloadUrl(BlobContainer.RESULTS, BlobNames.results(job), TTL);
    HttpResponse<byte[]> response = get(retargeted(url, BlobNames.results(other)));
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("theirs");
  }

  @Test
  void expiredUrlsAreRefused() {
    String job = IDS.next();
    blobs().put(BlobContainer.RESULTS, BlobNames.results(job), "{}".getBytes());
    Clock twoHoursAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
    SignedUrl upload =
        signer(twoHoursAgo).uploadUrl(BlobContainer.UPLOADS, BlobNames.upload(job, "a.jpg"), TTL);
    SignedUrl download =
        signer(twoHoursAgo).downloadUrl(BlobContainer.RESULTS, BlobNames.results(job), TTL);
    assertThat(upload.expiresAt()).isBefore(Instant.now());
    assertThat(upload(upload, new byte[1]).statusCode()).isEqualTo(403);
    assertThat(blobs().exists(BlobContainer.UPLOADS, BlobNames.upload(job, "a.jpg"))).isFalse();
    assertThat(get(download.url()).statusCode()).isEqualTo(403);
  }

  @Test
  void aTamperedSignatureIsRefused() {
    String name = BlobNames.upload(IDS.next(), "a.jpg");
    SignedUrl url = signer().uploadUrl(BlobContainer.UPLOADS, name, TTL);
    String text = url.url().toString();
    int sig = text.indexOf("sig=") + 4;
    char flipped = text.charAt(sig) == 'A' ? 'B' : 'A';
    URI tampered = URI.create(text.substring(0, sig) + flipped + text.substring(sig + 1));
    assertThat(send("PUT", tampered, url.headers(), new byte[1]).statusCode()).isEqualTo(403);
    assertThat(blobs().exists(BlobContainer.UPLOADS, name)).isFalse();
  }

  @Test
  void badNamesGetNoUrl() {
    String job = IDS.next();
    for (String bad : new String[] {"../x.jpg", "/abs.jpg", "a//b.jpg", "a\\b.jpg", "a\nb.jpg"}) {
      assertThatThrownBy(() -> signer().uploadUrl(BlobContainer.UPLOADS, job + "/" + bad, TTL))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(
            () -> signer().uploadUrl(BlobContainer.UPLOADS, job + "/a.jpg", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
