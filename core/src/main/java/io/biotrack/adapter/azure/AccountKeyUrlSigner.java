package io.biotrack.adapter.azure;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.azure.storage.common.sas.SasProtocol;
import io.biotrack.storage.BlobContainer;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;

/**
 * Service SAS signed with the account key, for Azurite and development (a connection string with a
 * key). Production signs with a user-delegation key ({@link UserDelegationUrlSigner}), which
 * Azurite cannot issue.
 */
public final class AccountKeyUrlSigner extends SasUrlSigner {

  /**
   * @param service a client built from a connection string that holds the account key
   */
  public AccountKeyUrlSigner(
      BlobServiceClient service, Function<BlobContainer, String> names, Clock clock) {
    super(service, names, clock);
  }

  @Override
  String sign(BlobClient blob, BlobServiceSasSignatureValues values, Instant now) {
    return blob.generateSas(values);
  }

  @Override
  SasProtocol protocol() {
    return SasProtocol.HTTPS_HTTP; // Azurite serves plain http
  }
}
