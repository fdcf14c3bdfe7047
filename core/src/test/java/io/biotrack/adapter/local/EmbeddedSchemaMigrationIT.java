package io.biotrack.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.job.Job;
import io.biotrack.job.JobStatus;
import io.biotrack.queue.QueuedMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded schema under migrations: a {@code ./data} written by the previous release (its
 * tables made by {@code CREATE TABLE IF NOT EXISTS}, no migration history) is upgraded in place,
 * its rows kept; a new database gets every migration; opening an up-to-date one changes nothing.
 */
class EmbeddedSchemaMigrationIT {
  @TempDir Path data;

  @Test
  void aDatabaseOfThePreviousReleaseIsUpgradedWithItsRowsKept() throws Exception {
    writeWithThePreviousRelease(data);

    try (H2Database database = H2Database.open(data)) {
      Job job = new H2JobStore(database).find("tenant-a", "job-1").orElseThrow();
      assertThat(job.name()).isEqualTo("before the upgrade");
      assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(job.counts().processedCount()).isEqualTo(12);
      assertThat(job.message()).isEqualTo("kept");

      List<QueuedMessage> messages =
          new H2JobQueue(database, "biotrack-jobs", 5, Clock.systemUTC())
              .fetch(10, Duration.ofMinutes(1));
      assertThat(messages).extracting(QueuedMessage::body).containsExactly("{\"jobId\":\"job-1\"}");

      assertThat(tables(database))
          .contains("JOBS", "QUEUE_MESSAGES", "POISON_MESSAGES", "JOB_FILES", "DISPATCH_LEDGER")
          .doesNotContain("DISPATCH_RECORDS");
      assertThat(history(database))
          .containsExactly("0 BASELINE", "1 SQL", "2 SQL", "3 SQL", "4 SQL", "5 SQL");
    }
  }

  @Test
  void aNewDatabaseGetsEveryMigrationAndAReopenedOneNone() throws Exception {
    try (H2Database database = H2Database.open(data)) {
      assertThat(history(database)).containsExactly("1 SQL", "2 SQL", "3 SQL", "4 SQL", "5 SQL");
    }
    try (H2Database database = H2Database.open(data)) {
      assertThat(history(database)).containsExactly("1 SQL", "2 SQL", "3 SQL", "4 SQL", "5 SQL");
      assertThat(tables(database))
          .contains("JOBS", "JOB_FILES", "DISPATCH_LEDGER", "REPEAT_DECISIONS");
    }
  }

  /**
   * What the previous release left in {@code data}: its database password, its schema (its DDL,
   * word for word, in {@code schema/first-release.sql}) and a few rows, one in each kind of table.
   */
  private static void writeWithThePreviousRelease(Path data) throws Exception {
    Path db = data.resolve("db");
    String password = DatabasePassword.loadOrCreate(db);
    String url = "jdbc:h2:file:" + db.resolve("biotrack").toAbsolutePath();
    try (Connection connection = DriverManager.getConnection(url, "biotrack", password);
        Statement statement = connection.createStatement()) {
      statement.execute(previousSchema());
      statement.execute(
          "INSERT INTO jobs (tenant, id, name, status, image_count, processed_count, failed_count,"
              + " detection_count, attempt, created_at, updated_at, started_at, completed_at,"
              + " message, options, version) VALUES ('tenant-a', 'job-1', 'before the upgrade',"
              + " 'COMPLETED', 12, 12, 0, 40, 1, TIMESTAMP WITH TIME ZONE '2026-11-01 10:00:00Z',"
              + " TIMESTAMP WITH TIME ZONE '2026-11-01 10:05:00Z', TIMESTAMP WITH TIME ZONE"
              + " '2026-11-01 10:01:00Z', TIMESTAMP WITH TIME ZONE '2026-11-01 10:05:00Z', 'kept',"
              + " '{\"confidenceThreshold\":0.005}', 3)");
      statement.execute(
          "INSERT INTO queue_messages (queue, body, inserted_at, visible_at, dequeue_count)"
              + " VALUES ('biotrack-jobs', '{\"jobId\":\"job-1\"}', 1, 1, 0)");
      statement.execute(
          "INSERT INTO dispatch_records (tenant, job_id, queued_at, attempt) VALUES ('tenant-a',"
              + " 'job-1', TIMESTAMP WITH TIME ZONE '2026-11-01 10:00:30Z', 1)");
    }
  }

  private static String previousSchema() throws IOException {
    try (InputStream in =
        EmbeddedSchemaMigrationIT.class
            .getClassLoader()
            .getResourceAsStream("schema/first-release.sql")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static List<String> tables(H2Database database) throws SQLException {
    return strings(
        database, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC'");
  }

  /** The migration history: "version type" in order (Flyway's own marker rows have no version). */
  private static List<String> history(H2Database database) throws SQLException {
    return strings(
        database,
        "SELECT \"version\" || ' ' || \"type\" FROM \"flyway_schema_history\""
            + " WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"");
  }

  private static List<String> strings(H2Database database, String query) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection connection = database.connection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      while (rows.next()) {
        out.add(rows.getString(1));
      }
    }
    return out;
  }
}
