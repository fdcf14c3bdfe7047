package io.biotrack.adapter.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.TokenCredential;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.UserDelegationKey;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.SignedUrl;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * The production signer cannot run against Azurite (no user-delegation keys there), so this checks
 * the SAS it builds: scope, permissions, protocol, expiry and key reuse. No network: the key source
 * is a function here and the SDK signs locally.
 */
class UserDelegationUrlSignerTest {
  private static final String JOB = "0123456789abcdefghjkmnpqrs";
  private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");

  private final TokenCredential noNetwork = request -> Mono.error(new AssertionError("no tokens"));
  private final BlobServiceClient service =
      new BlobServiceClientBuilder()
          .endpoint("https://biotrackdata.blob.core.windows.net")
          .credential(noNetwork)
          .buildClient();
  private final List<OffsetDateTime[]> fetches = new ArrayList<>();
  private final MutableClock clock = new MutableClock(NOW);
  private final UserDelegationUrlSigner signer =
      new UserDelegationUrlSigner(
          service,
          c -> c == BlobContainer.UPLOADS ? "uploads" : "results",
          (start, expiry) -> {
            fetches.add(new OffsetDateTime[] {start, expiry});
            return key(start, expiry);
          },
          clock);

  private static UserDelegationKey key(OffsetDateTime start, OffsetDateTime expiry) {
    return new UserDelegationKey()
        .setSignedObjectId("11111111-2222-3333-4444-555555555555")
        .setSignedTenantId("66666666-7777-8888-9999-000000000000")
        .setSignedStart(start)
        .setSignedExpiry(expiry)
        .setSignedService("b")
        .setSignedVersion("2025-01-05")
        .setValue(Base64.getEncoder().encodeToString(new byte[32]));
  }

  private static Map<String, String> query(SignedUrl url) {
    Map<String, String> query = new HashMap<>();
    for (String pair : url.url().getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      query.put(
          pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return query;
  }

  @Test
  void anUploadSasCreatesAndWritesOneBlobOverHttpsOnly() {
    SignedUrl url =
        signer.uploadUrl(BlobContainer.UPLOADS, JOB + "/cam1/IMG 1.jpg", Duration.ofMinutes(15));
    assertThat(url.url().getScheme() + "://" + url.url().getHost())
        .isEqualTo("https://biotrackdata.blob.core.windows.net");
    assertThat(url.url().getPath()).isEqualTo("/uploads/" + JOB + "/cam1/IMG 1.jpg");
    assertThat(url.method()).isEqualTo("PUT");
    assertThat(url.headers()).containsEntry("x-ms-blob-type", "BlockBlob");
    Map<String, String> sas = query(url);
    assertThat(sas.get("sp")).as("create + write, no read, list or delete").isEqualTo("cw");
    assertThat(sas.get("sr")).as("one blob, not a container").isEqualTo("b");
    assertThat(sas.get("spr")).isEqualTo("https");
    assertThat(sas.get("se")).isEqualTo("2026-06-01T10:15:00Z");
    assertThat(sas.get("skoid")).isEqualTo("11111111-2222-3333-4444-555555555555");
    assertThat(sas.get("sig")).isNotBlank();
    assertThat(sas).doesNotContainKey("sk"); // no account key anywhere
    assertThat(url.expiresAt()).isEqualTo(Instant.parse("2026-06-01T10:15:00Z"));
  }

  @Test
  void aDownloadSasReadsOneBlob() {
    SignedUrl url =
        signer.downloadUrl(BlobContainer.RESULTS, JOB + "/results.json", Duration.ofMinutes(5));
    assertThat(url.url().getPath()).isEqualTo("/results/" + JOB + "/results.json");
    assertThat(url.method()).isEqualTo("GET");
    Map<String, String> sas = query(url);
    assertThat(sas.get("sp")).isEqualTo("r");
    assertThat(sas.get("sr")).isEqualTo("b");
    assertThat(sas.get("spr")).isEqualTo("https");
  }

  @Test
  void theDelegationKeyIsReusedUntilASasWouldOutliveIt() {
    signer.uploadUrl(BlobContainer.UPLOADS, JOB + "/a.jpg", Duration.ofMinutes(15));
    signer.downloadUrl(BlobContainer.RESULTS, JOB + "/results.json", Duration.ofHours(24));
    assertThat(fetches).hasSize(1);
    assertThat(fetches.get(0)[0].toInstant()).isBefore(NOW);
    assertThat(fetches.get(0)[1].toInstant()).isEqualTo(NOW.plus(Duration.ofHours(25)));

    clock.now = NOW.plus(Duration.ofHours(2)); // now + 24 h passes the first key's expiry
    signer.downloadUrl(BlobContainer.RESULTS, JOB + "/results.json", Duration.ofHours(24));
    assertThat(fetches).hasSize(2);
  }

  @Test
  void longLivedOrBadlyNamedUrlsAreRefused() {
    assertThatThrownBy(
            () -> signer.uploadUrl(BlobContainer.UPLOADS, JOB + "/a.jpg", Duration.ofDays(2)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> signer.uploadUrl(BlobContainer.UPLOADS, JOB + "/../b.jpg", Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(fetches).isEmpty();
  }

  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
