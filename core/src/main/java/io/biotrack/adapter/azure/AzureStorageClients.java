package io.biotrack.adapter.azure;

import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobServiceAsyncClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.queue.QueueMessageEncoding;
import com.azure.storage.queue.QueueServiceClient;
import com.azure.storage.queue.QueueServiceClientBuilder;
import io.biotrack.adapter.StorageSettings;

/**
 * The three Azure Storage service clients for one set of settings: a connection string (Azurite,
 * development) or endpoints with {@code DefaultAzureCredential} (workload or managed identity).
 *
 * <p>Queue messages are plain text ({@link QueueMessageEncoding#NONE}): the JSON job message is the
 * message body as it is, readable in the portal and by any consumer without decoding.
 */
public record AzureStorageClients(
    BlobServiceClient blobs,
    BlobServiceAsyncClient blobsAsync,
    QueueServiceClient queues,
    TableServiceClient tables,
    boolean sharedKey) {

  public static AzureStorageClients of(StorageSettings settings) {
    String connection = settings.azureConnectionString();
    if (connection != null) {
      BlobServiceClientBuilder blobs = new BlobServiceClientBuilder().connectionString(connection);
      return new AzureStorageClients(
          blobs.buildClient(),
          blobs.buildAsyncClient(),
          new QueueServiceClientBuilder()
              .connectionString(connection)
              .messageEncoding(QueueMessageEncoding.NONE)
              .buildClient(),
          new TableServiceClientBuilder().connectionString(connection).buildClient(),
          connection.contains("AccountKey="));
    }
    var credential = new DefaultAzureCredentialBuilder().build();
    BlobServiceClientBuilder blobs =
        new BlobServiceClientBuilder()
            .endpoint(settings.blobEndpoint().toString())
            .credential(credential);
    return new AzureStorageClients(
        blobs.buildClient(),
        blobs.buildAsyncClient(),
        new QueueServiceClientBuilder()
            .endpoint(settings.queueEndpoint().toString())
            .credential(credential)
            .messageEncoding(QueueMessageEncoding.NONE)
            .buildClient(),
        new TableServiceClientBuilder()
            .endpoint(settings.tableEndpoint().toString())
            .credential(credential)
            .buildClient(),
        false);
  }
}
