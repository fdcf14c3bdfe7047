package io.biotrack.adapter.local;

import io.biotrack.dispatch.DispatchStateJson;
import io.biotrack.embedded.dispatch.DispatchRecord;
import io.biotrack.embedded.dispatch.DispatchRecordStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded dispatcher's records in the table {@code dispatch_ledger} of the local database:
 * tenant, job id, when the job was queued, and its dispatch state as one JSON text ({@link
 * DispatchStateJson}). (Dispatch records of the single-worker releases, table {@code
 * dispatch_records}, are dropped: jobs running during an upgrade are failed by the new dispatcher,
 * which finds them without a manifest.)
 */
public final class H2DispatchRecordStore implements DispatchRecordStore {
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
                  "INSERT INTO dispatch_ledger (tenant, job_id, queued_at, state)"
                      + " SELECT ?, ?, ?, ? FROM DUAL WHERE NOT EXISTS"
                      + " (SELECT 1 FROM dispatch_ledger WHERE tenant = ? AND job_id = ?)")) {
            insert.setString(1, record.tenant());
            insert.setString(2, record.jobId());
            SqlTimes.set(insert, 3, record.queuedAt());
            insert.setString(4, DispatchStateJson.write(record.state()));
            insert.setString(5, record.tenant());
            insert.setString(6, record.jobId());
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
                      "SELECT tenant, job_id, queued_at, state FROM dispatch_ledger");
              ResultSet rows = select.executeQuery()) {
            List<DispatchRecord> records = new ArrayList<>();
            while (rows.next()) {
              records.add(
                  new DispatchRecord(
                      rows.getString("tenant"),
                      rows.getString("job_id"),
                      SqlTimes.get(rows, "queued_at"),
                      DispatchStateJson.read(rows.getString("state"))));
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
                  "UPDATE dispatch_ledger SET state = ? WHERE tenant = ? AND job_id = ?")) {
            update.setString(1, DispatchStateJson.write(record.state()));
            update.setString(2, record.tenant());
            update.setString(3, record.jobId());
            update.executeUpdate();
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
                  "DELETE FROM dispatch_ledger WHERE tenant = ? AND job_id = ?")) {
            delete.setString(1, tenant);
            delete.setString(2, jobId);
            delete.executeUpdate();
            return null;
          }
        });
  }
}
