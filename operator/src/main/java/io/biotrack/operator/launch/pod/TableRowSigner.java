package io.biotrack.operator.launch.pod;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.sas.TableSasPermission;
import com.azure.data.tables.sas.TableSasProtocol;
import com.azure.data.tables.sas.TableSasSignatureValues;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Table SAS tokens for exactly one row (one job record): read and update, partition and row key
 * ranges pinned to the row. Tables accept only account-key SAS, so {@code table} must be built
 * with the account key; the key itself never leaves the operator.
 */
public final class TableRowSigner {
  private final TableClient table;
  private final String serviceUrl;
  private final Clock clock;

  /** @param service built with the account key (a connection string with {@code AccountKey}) */
  public TableRowSigner(TableServiceClient service, String tableName, Clock clock) {
    this.table = service.getTableClient(tableName);
    String endpoint = service.getServiceEndpoint();
    this.serviceUrl = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    this.clock = clock;
  }

  /**
   * The table's URL: {@code https://acct.table.core.windows.net/biotrackjobs}, or with the account
   * in the path on Azurite. (The table client's own endpoint leaves a path-style account out.)
   */
  public String tableUrl() {
    return serviceUrl + "/" + table.getTableName();
  }

  public String tableName() {
    return table.getTableName();
  }

  /** A SAS query string (no leading {@code ?}) for reading and updating row (tenant, jobId). */
  public String rowSas(String tenant, String jobId, Duration ttl) {
    TableSasSignatureValues values =
        new TableSasSignatureValues(
                clock.instant().plus(ttl).truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC),
                TableSasPermission.parse("ru"))
            .setStartPartitionKey(tenant)
            .setEndPartitionKey(tenant)
            .setStartRowKey(jobId)
            .setEndRowKey(jobId)
            .setProtocol(
                serviceUrl.startsWith("https:")
                    ? TableSasProtocol.HTTPS_ONLY
                    : TableSasProtocol.HTTPS_HTTP);
    return table.generateSas(values);
  }
}
