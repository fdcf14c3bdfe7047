package io.biotrack.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.adapter.StorageSettings;
import io.biotrack.gateway.support.TestContexts;
import io.biotrack.testing.Azurite;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The API on the azure profile against Azurite: Table job store, Blob Storage, Storage Queue,
 * account-key SAS URLs that the client uses to PUT straight to the blob service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("azure")
@AutoConfigureWebTestClient(timeout = "60s")
class AzureGatewayApiIT extends GatewayApiContract {
  static final int PORT = TestContexts.freePort();
  static final String SUFFIX = Azurite.uniqueSuffix();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> PORT);
    registry.add("server.address", () -> "127.0.0.1");
    registry.add(StorageSettings.AZURE_CONNECTION_STRING, Azurite::connectionString);
    registry.add(StorageSettings.TABLE, () -> "jobs" + SUFFIX);
    registry.add(StorageSettings.UPLOADS_CONTAINER, () -> "uploads-" + SUFFIX);
    registry.add(StorageSettings.RESULTS_CONTAINER, () -> "results-" + SUFFIX);
    registry.add(StorageSettings.QUEUE, () -> "jobs-" + SUFFIX);
    registry.add("biotrack.gateway.api-keys", GatewayApiContract::apiKeysSetting);
    registry.add("biotrack.gateway.sweeper.enabled", () -> "false");
    registry.add("biotrack.gateway.start-upload-wait", () -> "2s");
    registry.add("biotrack.gateway.max-files", () -> "100");
  }

  @Override
  protected void assertUploadUrl(String jobId, CreateJobResponse.UploadTarget target) {
    String url = target.url().toString();
    assertThat(url)
        .startsWith("http://127.0.0.1:")
        // The SDK encodes the blob name's slashes; the blob service reads %2F as '/'.
        .contains(
            "/"
                + Azurite.ACCOUNT
                + "/uploads-"
                + SUFFIX
                + "/"
                + jobId
                + "%2Fcam1%2FIMG%200001.JPG?");
    // Write-only: create and write, no read, no list.
    assertThat(url).containsPattern("[?&]sp=cw(&|$)").contains("sig=");
    assertThat(target.headers()).containsEntry("x-ms-blob-type", "BlockBlob");
  }
}
