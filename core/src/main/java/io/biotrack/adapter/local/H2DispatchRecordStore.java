package io.biotrack.adapter.local;

import io.biotrack.dispatch.DispatchState;
import io.biotrack.dispatch.local.DispatchRecord;
import io.biotrack.dispatch.local.DispatchRecordStore;
import io.biotrack.launch.WorkloadHandle;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The embedded dispatcher's records in the table {@code dispatch_records} of the local database. */
public final class H2DispatchRecordStore implements DispatchRecordStore {
  private static final String STATE_COLUMNS =
      "attempt, workload_kind, workload_name, workload_id, admitted_at, attempt_started_at,"
          + " attempt_ended_at, attempt_failure, finished_at";

  private final H2Database database;

  public H2DispatchRecordStore(H2Database database) {
    this.database = database;
  }

  @Override
  public boolean createIfAbsent(DispatchRecord record) {
    return database.inTransaction(
        connection -> {
          // MERGE ... KEY leaves an existing row alone only with a no-op update, so insert where
          // absent instead: one statement, atomic under H2's row locks.
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO dispatch_records (tenant, job_id, queued_at, " + STATE_COLUMNS + ")"
                      + " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM DUAL WHERE NOT EXISTS"
                      + " (SELECT 1 FROM dispatch_records WHERE tenant = ? AND job_id = ?)")) {
            insert.setString(1, record.tenant());
            insert.setString(2, record.jobId());
            SqlTimes.set(insert, 3, record.queuedAt());
            int i = bindState(insert, 4, record.state());
            insert.setString(i++, record.tenant());
            insert.setString(i, record.jobId());
            return insert.executeUpdate() == 1;
          }
        });
  }

  @Override
  public List<DispatchRecord> list() {
    return database.inTransaction(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT tenant, job_id, queued_at, " + STATE_COLUMNS + " FROM dispatch_records");
              ResultSet rows = select.executeQuery()) {
            List<DispatchRecord> records = new ArrayList<>();
            while (rows.next()) {
              records.add(read(rows));
            }
            return records;
          }
        });
  }

  @Override
  public void save(DispatchRecord record) {
    database.inTransaction(
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE dispatch_records SET attempt = ?, workload_kind = ?, workload_name = ?,"
                      + " workload_id = ?, admitted_at = ?, attempt_started_at = ?,"
                      + " attempt_ended_at = ?, attempt_failure = ?, finished_at = ?"
                      + " WHERE tenant = ? AND job_id = ?")) {
            int i = bindState(update, 1, record.state());
            update.setString(i++, record.tenant());
            update.setString(i, record.jobId());
            if (update.executeUpdate() != 1) {
              throw new LocalStorageException(
                  "no dispatch record for job " + record.jobId() + " to update", null);
            }
            return null;
          }
        });
  }

  @Override
  public void delete(String tenant, String jobId) {
    database.inTransaction(
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement(
                  "DELETE FROM dispatch_records WHERE tenant = ? AND job_id = ?")) {
            delete.setString(1, tenant);
            delete.setString(2, jobId);
            return delete.executeUpdate();
          }
        });
  }

  /** Binds the {@link #STATE_COLUMNS} from {@code i}; returns the next index. */
  private static int bindState(PreparedStatement statement, int i, DispatchState state)
      throws SQLException {
    WorkloadHandle workload = state.workload();
    statement.setInt(i++, state.attempt());
    statement.setString(i++, workload == null ? null : workload.kind());
    statement.setString(i++, workload == null ? null : workload.name());
    statement.setString(i++, workload == null ? null : workload.id());
    SqlTimes.set(statement, i++, state.admittedAt());
    SqlTimes.set(statement, i++, state.attemptStartedAt());
    SqlTimes.set(statement, i++, state.attemptEndedAt());
    statement.setString(i++, state.attemptFailure());
    SqlTimes.set(statement, i++, state.finishedAt());
    return i;
  }

  private static DispatchRecord read(ResultSet rows) throws SQLException {
    String workloadName = rows.getString("workload_name");
    WorkloadHandle workload =
        workloadName == null
            ? null
            : new WorkloadHandle(rows.getString("workload_kind"), workloadName, rows.getString("workload_id"));
    DispatchState state =
        new DispatchState(
            rows.getInt("attempt"),
            workload,
            SqlTimes.get(rows, "admitted_at"),
            SqlTimes.get(rows, "attempt_started_at"),
            SqlTimes.get(rows, "attempt_ended_at"),
            rows.getString("attempt_failure"),
            SqlTimes.get(rows, "finished_at"));
    return new DispatchRecord(
        rows.getString("tenant"), rows.getString("job_id"), SqlTimes.get(rows, "queued_at"), state);
  }
}
