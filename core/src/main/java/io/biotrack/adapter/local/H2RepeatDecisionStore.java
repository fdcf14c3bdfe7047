package io.biotrack.adapter.local;

import io.biotrack.results.RepeatDecision;
import io.biotrack.results.RepeatDecisionStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.TreeMap;

/** Repeat detection decisions in the table {@code repeat_decisions} of the local database. */
public final class H2RepeatDecisionStore implements RepeatDecisionStore {
  private final H2Database database;

  public H2RepeatDecisionStore(H2Database database) {
    this.database = database;
  }

  @Override
  public void decide(String jobId, String groupId, RepeatDecision decision) {
    database.inTransaction(
        connection -> {
          try (PreparedStatement merge =
              connection.prepareStatement(
                  "MERGE INTO repeat_decisions (job_id, group_id, decision) KEY (job_id, group_id)"
                      + " VALUES (?, ?, ?)")) {
            merge.setString(1, jobId);
            merge.setString(2, groupId);
            merge.setString(3, decision.wireName());
            return merge.executeUpdate();
          }
        });
  }

  @Override
  public Map<String, RepeatDecision> decisions(String jobId) {
    return database.inTransaction(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT group_id, decision FROM repeat_decisions WHERE job_id = ?")) {
            select.setString(1, jobId);
            Map<String, RepeatDecision> found = new TreeMap<>();
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                found.put(rows.getString(1), RepeatDecision.ofWireName(rows.getString(2)));
              }
            }
            return found;
          }
        });
  }

  @Override
  public int delete(String jobId) {
    return database.inTransaction(
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM repeat_decisions WHERE job_id = ?")) {
            delete.setString(1, jobId);
            return delete.executeUpdate();
          }
        });
  }
}
