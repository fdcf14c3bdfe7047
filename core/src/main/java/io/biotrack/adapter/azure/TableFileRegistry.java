package io.biotrack.adapter.azure;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import com.azure.data.tables.models.TableTransactionActionType;
import io.biotrack.files.AtOrUnderLookup;
import io.biotrack.files.FileRegistry;
import io.biotrack.files.RegisteredFile;
import io.biotrack.files.RegistryKeys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Registered files in an Azure table: PartitionKey = job id, RowKey = {@link RegistryKeys} (one row
 * per file, one per folder holding one file inside it), so a job is one partition: written in
 * transactions of 100, read by page in RowKey order, deleted with it.
 */
public final class TableFileRegistry implements FileRegistry {
  /** Entities per transaction (the service's limit). */

  /** Row keys per query: a filter may hold at most 15 comparisons, the partition's included. */
  private static final int KEYS_PER_QUERY = 14;

  private final TableClient table;

  /** Creates the table if it does not exist. */
  public TableFileRegistry(TableClient table) {
    this.table = AzureTables.ensureExists(table);
  }

  @Override
  public void register(String jobId, Collection<RegisteredFile> files) {
    Map<String, TableEntity> entities = new LinkedHashMap<>();
    for (RegisteredFile file : files) {
      TableEntity entity =
          new TableEntity(jobId, RegistryKeys.file(file.name()))
              .addProperty("kind", "f")
              .addProperty("name", file.name());
      if (file.size() != null) {
        entity.addProperty("size", file.size());
      }
      entities.put(entity.getRowKey(), entity);
      for (String folder : RegistryKeys.foldersOf(file.name())) {
        String key = RegistryKeys.folder(folder);
        entities.putIfAbsent(
            key,
            new TableEntity(jobId, key).addProperty("kind", "d").addProperty("name", file.name()));
      }
    }
    // Merge: a file registered again keeps its "uploaded" mark.
    AzureTables.submitInTransactions(
        table, TableTransactionActionType.UPSERT_MERGE, entities.values());
  }

  @Override
  public Map<String, String> atOrUnder(String jobId, Collection<String> paths) {
    AtOrUnderLookup lookup = AtOrUnderLookup.of(paths);
    List<String> keys = lookup.keys();
    Map<String, String> rows = new ConcurrentHashMap<>();
    // Point reads in small OR-queries, several at once (a batch of 1,000 names asks thousands).
    IntStream.range(0, (keys.size() + KEYS_PER_QUERY - 1) / KEYS_PER_QUERY)
        .parallel()
        .forEach(
            chunk -> {
              List<String> part =
                  keys.subList(
                      chunk * KEYS_PER_QUERY, Math.min(keys.size(), (chunk + 1) * KEYS_PER_QUERY));
              StringBuilder filter =
                  new StringBuilder("PartitionKey eq '").append(jobId).append("' and (");
              for (int i = 0; i < part.size(); i++) {
                filter
                    .append(i == 0 ? "" : " or ")
                    .append("RowKey eq '")
                    .append(part.get(i))
                    .append('\'');
              }
              filter.append(')');
              table
                  .listEntities(
                      new ListEntitiesOptions()
                          .setFilter(filter.toString())
                          .setSelect(List.of("RowKey", "name")),
                      null,
                      null)
                  .forEach(
                      entity -> rows.put(entity.getRowKey(), (String) entity.getProperty("name")));
            });
    return lookup.answer(rows);
  }

  @Override
  public Optional<RegisteredFile> find(String jobId, String name) {
    try {
      return Optional.of(read(table.getEntity(jobId, RegistryKeys.file(name))));
    } catch (TableServiceException e) {
      if (e.getResponse().getStatusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public Page list(String jobId, String cursor, int limit) {
    RegistryKeys.checkCursor(cursor);
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE);
    }
    String filter =
        "PartitionKey eq '"
            + jobId
            + "' and kind eq 'f'"
            + (cursor == null ? "" : " and RowKey gt '" + cursor + "'");
    Iterator<TableEntity> rows =
        table
            .listEntities(new ListEntitiesOptions().setFilter(filter).setTop(limit + 1), null, null)
            .iterator();
    List<RegisteredFile> files = new ArrayList<>();
    String last = null;
    while (rows.hasNext()) {
      TableEntity entity = rows.next();
      if (files.size() == limit) {
        return new Page(files, last);
      }
      last = entity.getRowKey();
      files.add(read(entity));
    }
    return new Page(files, null);
  }

  @Override
  public void markUploaded(String jobId, Collection<String> names) {
    for (String name : names) {
      TableEntity mark =
          new TableEntity(jobId, RegistryKeys.file(name)).addProperty("uploaded", true);
      try {
        table.updateEntity(mark, TableEntityUpdateMode.MERGE);
      } catch (TableServiceException e) {
        if (e.getResponse().getStatusCode() != 404) {
          throw e; // an unknown name is ignored, as the port says
        }
      }
    }
  }

  @Override
  public int delete(String jobId) {
    return AzureTables.deletePartition(table, jobId);
  }

  private static RegisteredFile read(TableEntity entity) {
    Object size = entity.getProperty("size");
    Object uploaded = entity.getProperty("uploaded");
    return new RegisteredFile(
        (String) entity.getProperty("name"),
        size == null ? null : ((Number) size).longValue(),
        Boolean.TRUE.equals(uploaded));
  }
}
