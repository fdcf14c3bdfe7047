package io.biotrack.adapter.azure;

import com.azure.core.credential.AzureSasCredential;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import java.net.URI;

/** SDK clients built from the tokens of a {@link JobAccess}. */
public final class JobScopedClients {
  private JobScopedClients() {}

  /** The job table through the row SAS ({@code {service}/{table}} split into its two parts). */
  public static TableClient table(JobAccess access) {
    String url = access.tableUrl().toString();
    int slash = url.lastIndexOf('/');
    URI service = URI.create(url.substring(0, slash));
    return new TableClientBuilder()
        .endpoint(service.toString())
        .tableName(url.substring(slash + 1))
        .credential(new AzureSasCredential(access.tableSas()))
        .buildClient();
  }
}
