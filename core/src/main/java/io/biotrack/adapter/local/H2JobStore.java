package io.biotrack.adapter.local;

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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The job table in H2. The version is a counter: a compare-and-set is one {@code UPDATE ... WHERE
 * version = ?}, so of two writers holding the same version exactly one changes a row.
 */
public final class H2JobStore implements JobStore {
  private static final String COLUMNS =
      "tenant, id, name, status, image_count, processed_count, failed_count, detection_count,"
          + " attempt, created_at, updated_at, started_at, completed_at, message, options,"
          + " manifest_id, shard_total, shard_running, shard_completed, shard_failed,"
          + " shard_device, shard_batch_size, reused_count, version";
  private static final String DUPLICATE_KEY = "23505";

  private final H2Database database;

  public H2JobStore(H2Database database) {
    this.database = database;
  }

  @Override
  public Job create(Job job) {
    JobRecords.checkNew(job);
    Job stored = job.withVersion("1");
    try {
      return database.inTransaction(
          connection -> {
            try (PreparedStatement insert =
                connection.prepareStatement(
                    "INSERT INTO jobs ("
                        + COLUMNS
                        + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
              bindAll(insert, stored, 1L);
              insert.executeUpdate();
              return stored;
            }
          });
    } catch (LocalStorageException e) {
      if (e.getCause() instanceof SQLException sql && DUPLICATE_KEY.equals(sql.getSQLState())) {
        throw new JobAlreadyExistsException(job.tenant(), job.id());
      }
      throw e;
    }
  }

  @Override
  public Optional<Job> find(String tenant, String jobId) {
    return database.inTransaction(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT " + COLUMNS + " FROM jobs WHERE tenant = ? AND id = ?")) {
            select.setString(1, tenant);
            select.setString(2, jobId);
            try (ResultSet rows = select.executeQuery()) {
              return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
          }
        });
  }

  /**
   * An embedded H2 read is an in-process call of well under a millisecond: MVCC readers never wait
   * for a writer's row locks, the pages of a small table stay in H2's cache, so the only wait left
   * is for a pooled session.
   */
  @Override
  public boolean findsWithoutWaiting() {
    return database.hasIdleSession();
  }

  @Override
  public JobPage list(String tenant, JobQuery query) {
    JobRecords.checkCursor(query.cursor());
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM jobs WHERE tenant = ?");
    if (query.status() != null) {
      sql.append(" AND status = ?");
    }
    if (query.cursor() != null) {
      sql.append(" AND id > ?");
    }
    sql.append(" ORDER BY id LIMIT ?");
    return database.inTransaction(
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            int i = 1;
            select.setString(i++, tenant);
            if (query.status() != null) {
              select.setString(i++, query.status().name());
            }
            if (query.cursor() != null) {
              select.setString(i++, query.cursor());
            }
            select.setInt(i, query.limit() + 1); // one more tells whether a next page exists
            List<Job> jobs = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                jobs.add(read(rows));
              }
            }
            return JobRecords.page(jobs, query.limit());
          }
        });
  }

  @Override
  public Optional<Job> findById(String jobId) {
    if (!JobIds.isValid(jobId)) {
      return Optional.empty();
    }
    return database.inTransaction(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement("SELECT " + COLUMNS + " FROM jobs WHERE id = ?")) {
            select.setString(1, jobId);
            try (ResultSet rows = select.executeQuery()) {
              return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public JobPage listByStatus(JobStatus status, Instant updatedBefore, int limit, String cursor) {
    JobRecords.ScanCursor after = JobRecords.checkScan(status, limit, cursor);
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM jobs WHERE status = ?");
    if (updatedBefore != null) {
      sql.append(" AND updated_at < ?");
    }
    if (after != null) {
      sql.append(" AND (tenant > ? OR (tenant = ? AND id > ?))");
    }
    sql.append(" ORDER BY tenant, id LIMIT ?");
    return database.inTransaction(
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            int i = 1;
            select.setString(i++, status.name());
            if (updatedBefore != null) {
              SqlTimes.set(select, i++, updatedBefore);
            }
            if (after != null) {
              select.setString(i++, after.tenant());
              select.setString(i++, after.tenant());
              select.setString(i++, after.jobId());
            }
            select.setInt(i, limit + 1);
            List<Job> jobs = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                jobs.add(read(rows));
              }
            }
            return JobRecords.scanPage(jobs, limit);
          }
        });
  }

  @Override
  public Job compareAndSet(Job current, Job next) {
    JobRecords.checkChange(current, next);
    long expected = JobRecords.parseCounter(current);
    return database.inTransaction(
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE jobs SET name = ?, status = ?, image_count = ?, processed_count = ?,"
                      + " failed_count = ?, detection_count = ?, attempt = ?, created_at = ?,"
                      + " updated_at = ?, started_at = ?, completed_at = ?, message = ?,"
                      + " options = ?, manifest_id = ?, shard_total = ?, shard_running = ?,"
                      + " shard_completed = ?, shard_failed = ?, shard_device = ?,"
                      + " shard_batch_size = ?, reused_count = ?, version = ?"
                      + " WHERE tenant = ? AND id = ? AND version = ?")) {
            int i = bindValues(update, 1, next, expected + 1);
            update.setString(i++, current.tenant());
            update.setString(i++, current.id());
            update.setLong(i, expected);
            if (update.executeUpdate() == 1) {
              return next.withVersion(Long.toString(expected + 1));
            }
          }
          if (!exists(connection, current.tenant(), current.id())) {
            throw new JobNotFoundException(current.tenant(), current.id());
          }
          throw new ConcurrentUpdateException(current.id());
        });
  }

  @Override
  public boolean delete(String tenant, String jobId) {
    return database.inTransaction(
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM jobs WHERE tenant = ? AND id = ?")) {
            delete.setString(1, tenant);
            delete.setString(2, jobId);
            return delete.executeUpdate() == 1;
          }
        });
  }

  private static boolean exists(Connection connection, String tenant, String jobId)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT 1 FROM jobs WHERE tenant = ? AND id = ?")) {
      select.setString(1, tenant);
      select.setString(2, jobId);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next();
      }
    }
  }

  private static void bindAll(PreparedStatement statement, Job job, long version)
      throws SQLException {
    statement.setString(1, job.tenant());
    statement.setString(2, job.id());
    bindValues(statement, 3, job, version);
  }

  /** Binds name ... version starting at {@code i}; returns the next index. */
  private static int bindValues(PreparedStatement statement, int i, Job job, long version)
      throws SQLException {
    statement.setString(i++, job.name());
    statement.setString(i++, job.status().name());
    JobCounts counts = job.counts();
    statement.setInt(i++, counts.imageCount());
    statement.setInt(i++, counts.processedCount());
    statement.setInt(i++, counts.failedCount());
    statement.setLong(i++, counts.detectionCount());
    statement.setInt(i++, job.attempt());
    SqlTimes.set(statement, i++, job.createdAt());
    SqlTimes.set(statement, i++, job.updatedAt());
    SqlTimes.set(statement, i++, job.startedAt());
    SqlTimes.set(statement, i++, job.completedAt());
    statement.setString(i++, job.message());
    statement.setString(i++, JobOptionsJson.write(job.options()));
    statement.setString(i++, job.manifestId());
    ShardCounts shards = job.shards();
    statement.setInt(i++, shards.total());
    statement.setInt(i++, shards.running());
    statement.setInt(i++, shards.completed());
    statement.setInt(i++, shards.failed());
    Inference inference = shards.inference();
    statement.setString(i++, inference == null ? null : inference.device());
    statement.setInt(i++, inference == null ? 0 : inference.batchSize());
    statement.setInt(i++, counts.reusedCount());
    statement.setLong(i++, version);
    return i;
  }

  private static Job read(ResultSet rows) throws SQLException {
    return new Job(
        rows.getString("id"),
        rows.getString("tenant"),
        rows.getString("name"),
        JobStatus.valueOf(rows.getString("status")),
        new JobCounts(
            rows.getInt("image_count"),
            rows.getInt("processed_count"),
            rows.getInt("failed_count"),
            rows.getLong("detection_count"),
            rows.getInt("reused_count")),
        rows.getInt("attempt"),
        SqlTimes.get(rows, "created_at"),
        SqlTimes.get(rows, "updated_at"),
        SqlTimes.get(rows, "started_at"),
        SqlTimes.get(rows, "completed_at"),
        rows.getString("message"),
        JobOptionsJson.read(rows.getString("options")),
        rows.getString("manifest_id"),
        new ShardCounts(
            rows.getInt("shard_total"),
            rows.getInt("shard_running"),
            rows.getInt("shard_completed"),
            rows.getInt("shard_failed"),
            Inference.ofNullable(rows.getString("shard_device"), rows.getInt("shard_batch_size"))),
        Long.toString(rows.getLong("version")));
  }
}
