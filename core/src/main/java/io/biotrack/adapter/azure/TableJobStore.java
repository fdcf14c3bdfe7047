package io.biotrack.adapter.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.rest.Response;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import io.biotrack.adapter.JobOptionsJson;
import io.biotrack.adapter.JobRecords;
import io.biotrack.job.ConcurrentUpdateException;
import io.biotrack.job.Inference;
import io.biotrack.job.Job;
import io.biotrack.job.JobAlreadyExistsException;
import io.biotrack.job.JobCounts;
import io.biotrack.job.JobIds;
import io.biotrack.job.JobNotFoundException;
import io.biotrack.job.JobPage;
import io.biotrack.job.JobQuery;
import io.biotrack.job.JobStatus;
import io.biotrack.job.JobStore;
import io.biotrack.job.ShardCounts;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * The job table in Azure Tables: PartitionKey = tenant, RowKey = job id, so a tenant's jobs are one
 * partition, already in id order (newest first). The version is the entity's ETag; a
 * compare-and-set is a Replace with {@code If-Match}.
 */
public final class TableJobStore implements JobStore {
  private static final String ETAG = "odata.etag";

  /** Tables keep times to 100 ns; a literal with more digits is refused. */
  private static final DateTimeFormatter ODATA_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private final TableClient table;

  /** Creates the table if it does not exist. */
  public TableJobStore(TableClient table) {
    this.table = AzureTables.ensureExists(table);
  }

  private TableJobStore(TableClient table, boolean existing) {
    this.table = table;
  }

  /** A table that exists, through a client whose credential may not create tables (a row SAS). */
  public static TableJobStore existing(TableClient table) {
    return new TableJobStore(table, true);
  }

  @Override
  public Job create(Job job) {
    JobRecords.checkNew(job);
    try {
      Response<Void> response = table.createEntityWithResponse(toEntity(job), null, null);
      return job.withVersion(etagOf(response, job));
    } catch (TableServiceException e) {
      if (e.getResponse().getStatusCode() == 409) {
        throw new JobAlreadyExistsException(job.tenant(), job.id());
      }
      throw e;
    }
  }

  @Override
  public Optional<Job> find(String tenant, String jobId) {
    if (!JobIds.isValid(jobId) || !validTenant(tenant)) {
      return Optional.empty();
    }
    // A point query rather than Get Entity: "not found" is a normal answer here, and Get Entity
    // turns it into an exception that the SDK also logs as an error.
    String filter = "PartitionKey eq " + literal(tenant) + " and RowKey eq " + literal(jobId);
    return table.listEntities(new ListEntitiesOptions().setFilter(filter), null, null).stream()
        .findFirst()
        .map(TableJobStore::toJob);
  }

  @Override
  public JobPage list(String tenant, JobQuery query) {
    JobRecords.checkCursor(query.cursor());
    StringBuilder filter = new StringBuilder("PartitionKey eq ").append(literal(tenant));
    if (query.status() != null) {
      filter.append(" and status eq ").append(literal(query.status().name()));
    }
    if (query.cursor() != null) {
      filter.append(" and RowKey gt ").append(literal(query.cursor()));
    }
    ListEntitiesOptions options =
        new ListEntitiesOptions().setFilter(filter.toString()).setTop(query.limit() + 1);
    List<Job> fetched =
        table.listEntities(options, null, null).stream()
            .limit(query.limit() + 1L)
            .map(TableJobStore::toJob)
            .toList();
    return JobRecords.page(fetched, query.limit());
  }

  @Override
  public Optional<Job> findById(String jobId) {
    if (!JobIds.isValid(jobId)) {
      return Optional.empty();
    }
    // RowKey alone: a query across partitions (a table scan on Azure), for background use only.
    ListEntitiesOptions options =
        new ListEntitiesOptions().setFilter("RowKey eq " + literal(jobId));
    return table.listEntities(options, null, null).stream().findFirst().map(TableJobStore::toJob);
  }

  @Override
  public JobPage listByStatus(JobStatus status, Instant updatedBefore, int limit, String cursor) {
    JobRecords.ScanCursor after = JobRecords.checkScan(status, limit, cursor);
    StringBuilder filter = new StringBuilder("status eq ").append(literal(status.name()));
    if (updatedBefore != null) {
      filter
          .append(" and updatedAt lt datetime'")
          .append(ODATA_TIME.format(updatedBefore))
          .append("'");
    }
    if (after != null) {
      // Tables return entities in (PartitionKey, RowKey) order across partitions.
      String tenant = literal(after.tenant());
      filter
          .append(" and (PartitionKey gt ")
          .append(tenant)
          .append(" or (PartitionKey eq ")
          .append(tenant)
          .append(" and RowKey gt ")
          .append(literal(after.jobId()))
          .append("))");
    }
    ListEntitiesOptions options =
        new ListEntitiesOptions().setFilter(filter.toString()).setTop(Math.min(limit + 1, 1000));
    List<Job> fetched =
        table.listEntities(options, null, null).stream()
            .limit(limit + 1L)
            .map(TableJobStore::toJob)
            .toList();
    return JobRecords.scanPage(fetched, limit);
  }

  @Override
  public Job compareAndSet(Job current, Job next) {
    JobRecords.checkChange(current, next);
    TableEntity entity = toEntity(next).addProperty(ETAG, current.version());
    try {
      Response<Void> response =
          table.updateEntityWithResponse(entity, TableEntityUpdateMode.REPLACE, true, null, null);
      return next.withVersion(etagOf(response, next));
    } catch (TableServiceException e) {
      int status = e.getResponse().getStatusCode();
      if (status == 412) {
        throw new ConcurrentUpdateException(current.id());
      }
      if (status == 404) {
        throw new JobNotFoundException(current.tenant(), current.id());
      }
      throw e;
    }
  }

  @Override
  public boolean delete(String tenant, String jobId) {
    if (find(tenant, jobId).isEmpty()) {
      return false;
    }
    try {
      table.deleteEntity(tenant, jobId);
      return true;
    } catch (TableServiceException e) {
      if (e.getResponse().getStatusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  /** An OData string literal: quotes doubled, so a tenant name can never widen the filter. */
  static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  private static boolean validTenant(String tenant) {
    try {
      JobRecords.checkKeys(tenant, "0".repeat(26));
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private String etagOf(Response<Void> response, Job job) {
    String etag = response.getHeaders().getValue(HttpHeaderName.ETAG);
    if (etag == null) {
      return toJob(table.getEntity(job.tenant(), job.id())).version();
    }
    // Azurite's ETag header lacks the closing quote of W/"datetime'...'"; the entity's own
    // odata.etag has it. Normalise so versions from writes and reads compare equal.
    return etag.startsWith("W/\"") && !etag.endsWith("\"") ? etag + "\"" : etag;
  }

  private static TableEntity toEntity(Job job) {
    JobCounts counts = job.counts();
    TableEntity entity =
        new TableEntity(job.tenant(), job.id())
            .addProperty("status", job.status().name())
            .addProperty("name", job.name())
            .addProperty("imageCount", counts.imageCount())
            .addProperty("processedCount", counts.processedCount())
            .addProperty("failedCount", counts.failedCount())
            .addProperty("detectionCount", counts.detectionCount())
            .addProperty("reusedCount", counts.reusedCount())
            .addProperty("attempt", job.attempt())
            .addProperty("createdAt", time(job.createdAt()))
            .addProperty("updatedAt", time(job.updatedAt()))
            .addProperty("options", JobOptionsJson.write(job.options()))
            .addProperty("shardTotal", job.shards().total())
            .addProperty("shardRunning", job.shards().running())
            .addProperty("shardCompleted", job.shards().completed())
            .addProperty("shardFailed", job.shards().failed());
    if (job.manifestId() != null) {
      entity.addProperty("manifestId", job.manifestId());
    }
    // Absent rather than null: Tables has no null values.
    if (job.startedAt() != null) {
      entity.addProperty("startedAt", time(job.startedAt()));
    }
    if (job.completedAt() != null) {
      entity.addProperty("completedAt", time(job.completedAt()));
    }
    if (job.message() != null) {
      entity.addProperty("message", job.message());
    }
    if (job.shards().inference() != null) {
      entity.addProperty("shardDevice", job.shards().inference().device());
      entity.addProperty("shardBatchSize", job.shards().inference().batchSize());
    }
    return entity;
  }

  private static Job toJob(TableEntity entity) {
    return new Job(
        entity.getRowKey(),
        entity.getPartitionKey(),
        (String) entity.getProperty("name"),
        JobStatus.valueOf((String) entity.getProperty("status")),
        new JobCounts(
            intOf(entity, "imageCount"),
            intOf(entity, "processedCount"),
            intOf(entity, "failedCount"),
            ((Number) entity.getProperty("detectionCount")).longValue(),
            // Older rows have none: they reused nothing.
            entity.getProperty("reusedCount") instanceof Number reused ? reused.intValue() : 0),
        intOf(entity, "attempt"),
        instant(entity, "createdAt"),
        instant(entity, "updatedAt"),
        instant(entity, "startedAt"),
        instant(entity, "completedAt"),
        (String) entity.getProperty("message"),
        JobOptionsJson.read((String) entity.getProperty("options")),
        (String) entity.getProperty("manifestId"),
        new ShardCounts(
            intOrZero(entity, "shardTotal"),
            intOrZero(entity, "shardRunning"),
            intOrZero(entity, "shardCompleted"),
            intOrZero(entity, "shardFailed"),
            Inference.ofNullable(
                (String) entity.getProperty("shardDevice"), intOrZero(entity, "shardBatchSize"))),
        entity.getETag());
  }

  /** A count that records written before it existed lack. */
  private static int intOrZero(TableEntity entity, String name) {
    Object value = entity.getProperty(name);
    return value == null ? 0 : ((Number) value).intValue();
  }

  private static int intOf(TableEntity entity, String name) {
    return ((Number) entity.getProperty(name)).intValue();
  }

  private static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(TableEntity entity, String name) {
    Object value = entity.getProperty(name);
    return value == null ? null : ((OffsetDateTime) value).toInstant();
  }
}
