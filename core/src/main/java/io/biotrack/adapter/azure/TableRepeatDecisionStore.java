package io.biotrack.adapter.azure;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import io.biotrack.results.RepeatDecision;
import io.biotrack.results.RepeatDecisionStore;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Repeat detection decisions in an Azure table: PartitionKey = job id, RowKey = group id (hex), so
 * a job's decisions are one partition, read with one query and deleted with the job.
 */
public final class TableRepeatDecisionStore implements RepeatDecisionStore {
  /** Entities per transaction (the service's limit). */
  private final TableClient table;

  /** Creates the table if it does not exist. */
  public TableRepeatDecisionStore(TableClient table) {
    this.table = AzureTables.ensureExists(table);
  }

  @Override
  public void decide(String jobId, String groupId, RepeatDecision decision) {
    table.upsertEntity(
        new TableEntity(jobId, groupId).addProperty("decision", decision.wireName()));
  }

  @Override
  public Map<String, RepeatDecision> decisions(String jobId) {
    Map<String, RepeatDecision> found = new TreeMap<>();
    for (TableEntity entity :
        table.listEntities(
            new ListEntitiesOptions()
                .setFilter("PartitionKey eq '" + jobId + "'")
                .setSelect(List.of("RowKey", "decision")),
            null,
            null)) {
      found.put(
          entity.getRowKey(), RepeatDecision.ofWireName((String) entity.getProperty("decision")));
    }
    return found;
  }

  @Override
  public int delete(String jobId) {
    return AzureTables.deletePartition(table, jobId);
  }
}
