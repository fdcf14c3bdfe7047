package io.biotrack.adapter.azure;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableServiceException;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import java.util.ArrayList;
import java.util.List;

/** What every table-backed adapter does first. */
final class AzureTables {
  /** The most actions one transaction (entity group, one partition) may hold. */
  static final int TRANSACTION = 100;

  private AzureTables() {}

  /**
   * Applies {@code type} to each entity, {@value #TRANSACTION} to a transaction; the entities must
   * share one partition.
   *
   * @return how many entities were submitted
   */
  static int submitInTransactions(
      TableClient table, TableTransactionActionType type, Iterable<TableEntity> entities) {
    int submitted = 0;
    List<TableTransactionAction> actions = new ArrayList<>();
    for (TableEntity entity : entities) {
      actions.add(new TableTransactionAction(type, entity));
      if (actions.size() == TRANSACTION) {
        table.submitTransaction(actions);
        submitted += actions.size();
        actions = new ArrayList<>();
      }
    }
    if (!actions.isEmpty()) {
      table.submitTransaction(actions);
      submitted += actions.size();
    }
    return submitted;
  }

  /**
   * Deletes every entity of the partition (a job's rows), reading only their keys.
   *
   * @return how many were deleted
   */
  static int deletePartition(TableClient table, String partitionKey) {
    return submitInTransactions(
        table,
        TableTransactionActionType.DELETE,
        table.listEntities(
            new ListEntitiesOptions()
                .setFilter("PartitionKey eq '" + partitionKey + "'")
                .setSelect(List.of("PartitionKey", "RowKey")),
            null,
            null));
  }

  /**
   * Creates the table unless it exists. A {@link TableClient} has no "if not exists" form (only the
   * service client has), so an existing table's 409 is what says so.
   */
  static TableClient ensureExists(TableClient table) {
    try {
      table.createTable();
    } catch (TableServiceException e) {
      if (e.getResponse().getStatusCode() != 409) {
        throw e;
      }
    }
    return table;
  }
}
