package io.biotrack.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobPermission;
import io.biotrack.storage.SignedUrl;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalUrlSignerTest {
  private static final String JOB = "0123456789abcdefghjkmnpqrs";
  private static final Instant NOW = Instant.parse("2026-05-01T12:00:00.250Z");
  private static final byte[] KEY = new byte[32];

  static {
    Arrays.fill(KEY, (byte) 7);
  }

  private final LocalUrlSigner signer = signerAt(NOW);

  private static LocalUrlSigner signerAt(Instant now) {
    return new LocalUrlSigner(
        KEY, URI.create("http://127.0.0.1:8080/"), Clock.fixed(now, ZoneOffset.UTC));
  }

  private static Map<String, String> query(SignedUrl url) {
    Map<String, String> query = new HashMap<>();
    for (String pair : url.url().getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      query.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return query;
  }

  @Test
  void uploadUrlsFollowTheContractShape() {
    SignedUrl url =
        signer.uploadUrl(BlobContainer.UPLOADS, JOB + "/cam 1/été#1?.jpg", Duration.ofMinutes(15));
    long expires = NOW.plus(Duration.ofMinutes(15)).getEpochSecond();
    assertThat(url.url().toString())
        .startsWith(
            "http://127.0.0.1:8080/api/v1/jobs/"
                + JOB
                + "/files/cam%201/%C3%A9t%C3%A9%231%3F.jpg"
                + "?expires="
                + expires
                + "&perm=upload&sig=");
    assertThat(query(url).get("sig")).as("base64url, no padding").matches("[A-Za-z0-9_-]{43}");
    assertThat(url.method()).isEqualTo("PUT");
    assertThat(url.expiresAt()).isEqualTo(Instant.ofEpochSecond(expires));
    assertThat(url.url().getPath()).isEqualTo("/api/v1/jobs/" + JOB + "/files/cam 1/été#1?.jpg");
  }

  @Test
  void downloadUrlsPointAtTheResultsEndpoint() {
    SignedUrl url =
        signer.downloadUrl(BlobContainer.RESULTS, JOB + "/results.json", Duration.ofMinutes(5));
    assertThat(url.url().toString())
        .startsWith("http://127.0.0.1:8080/api/v1/jobs/" + JOB + "/results?expires=")
        .contains("&perm=download&sig=");
    assertThat(url.method()).isEqualTo("GET");
  }

  @Test
  void aUrlVerifiesForItsBlobAndPermissionOnly() {
    String blob = JOB + "/cam1/a.jpg";
    Map<String, String> upload =
        query(signer.uploadUrl(BlobContainer.UPLOADS, blob, Duration.ofMinutes(1)));
    assertThat(signer.verify(BlobContainer.UPLOADS, blob, BlobPermission.UPLOAD, upload).valid())
        .isTrue();
    assertThat(signer.verify(BlobContainer.UPLOADS, blob, BlobPermission.DOWNLOAD, upload).reason())
        .isEqualTo("the URL does not grant download");
    assertThat(
            signer
                .verify(BlobContainer.UPLOADS, JOB + "/cam1/b.jpg", BlobPermission.UPLOAD, upload)
                .reason())
        .isEqualTo("the signature does not match");
    assertThat(signer.verify(BlobContainer.RESULTS, blob, BlobPermission.UPLOAD, upload).valid())
        .isFalse();
  }

  @Test
  void changingAnyParameterBreaksTheSignature() {
    String blob = JOB + "/a.jpg";
    Map<String, String> good =
        query(signer.uploadUrl(BlobContainer.UPLOADS, blob, Duration.ofMinutes(1)));

    Map<String, String> later = new HashMap<>(good);
    later.put("expires", Long.toString(Long.parseLong(good.get("expires")) + 3600));
    assertThat(signer.verify(BlobContainer.UPLOADS, blob, BlobPermission.UPLOAD, later).reason())
        .isEqualTo("the signature does not match");

    Map<String, String> flipped = new HashMap<>(good);
    char first = good.get("sig").charAt(0);
    flipped.put("sig", (first == 'A' ? 'B' : 'A') + good.get("sig").substring(1));
    assertThat(signer.verify(BlobContainer.UPLOADS, blob, BlobPermission.UPLOAD, flipped).valid())
        .isFalse();

    Map<String, String> otherKey =
        query(
            new LocalUrlSigner(
                    new byte[32], URI.create("http://x"), Clock.fixed(NOW, ZoneOffset.UTC))
                .uploadUrl(BlobContainer.UPLOADS, blob, Duration.ofMinutes(1)));
    assertThat(signer.verify(BlobContainer.UPLOADS, blob, BlobPermission.UPLOAD, otherKey).valid())
        .isFalse();
  }

  @Test
  void expiredAndUnsignedUrlsAreRefused() {
    String blob = JOB + "/a.jpg";
    Map<String, String> query =
        query(signer.uploadUrl(BlobContainer.UPLOADS, blob, Duration.ofSeconds(30)));
    long expires = Long.parseLong(query.get("expires"));
    assertThat(
            signerAt(Instant.ofEpochSecond(expires - 1))
                .verify(BlobContainer.UPLOADS, blob, BlobPermission.UPLOAD, query)
                .valid())
        .isTrue();
    assertThat(
            signerAt(Instant.ofEpochSecond(expires))
                .verify(BlobContainer.UPLOADS, blob, BlobPermission.UPLOAD, query)
                .reason())
        .isEqualTo("the URL expired");
    assertThat(signer.verify(BlobContainer.UPLOADS, blob, BlobPermission.UPLOAD, Map.of()).reason())
        .contains("not signed");
    Map<String, String> garbage = new HashMap<>(query);
    garbage.put("expires", "soon");
    assertThat(signer.verify(BlobContainer.UPLOADS, blob, BlobPermission.UPLOAD, garbage).reason())
        .isEqualTo("expires is not a number");
    garbage.put("expires", query.get("expires"));
    garbage.put("sig", "%%%");
    assertThat(signer.verify(BlobContainer.UPLOADS, blob, BlobPermission.UPLOAD, garbage).reason())
        .isEqualTo("the signature is not base64url");
  }

  @Test
  void onlyUploadsAndResultsJsonGetUrlsAndNamesAreChecked() {
    Duration ttl = Duration.ofMinutes(1);
    assertThatThrownBy(() -> signer.uploadUrl(BlobContainer.RESULTS, JOB + "/results.json", ttl))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> signer.downloadUrl(BlobContainer.UPLOADS, JOB + "/a.jpg", ttl))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> signer.downloadUrl(BlobContainer.RESULTS, JOB + "/checkpoint.json", ttl))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> signer.uploadUrl(BlobContainer.UPLOADS, JOB + "/../x.jpg", ttl))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> signer.uploadUrl(BlobContainer.UPLOADS, "not-a-job/x.jpg", ttl))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> signer.uploadUrl(BlobContainer.UPLOADS, JOB + "/x.jpg", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aShortKeyIsRefused() {
    assertThatThrownBy(
            () -> new LocalUrlSigner(new byte[16], URI.create("http://x"), Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
