package io.biotrack.adapter.local;

import io.biotrack.queue.JobQueue;
import io.biotrack.queue.QueuedMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A queue in H2 with Azure Storage Queue's semantics: a received message is hidden until its
 * visibility timeout ends and then comes back with a higher dequeue count; deleting needs the
 * receipt of the latest receive. Several queues (and processes) can share one database.
 */
public final class H2JobQueue implements JobQueue {
  private static final int MAX_FETCH = 32; // as Azure

  private final H2Database database;
  private final String queue;
  private final int maxDequeueCount;
  private final Clock clock;

  public H2JobQueue(H2Database database, String queue, int maxDequeueCount, Clock clock) {
    this.database = database;
    this.queue = Objects.requireNonNull(queue, "queue");
    this.maxDequeueCount = maxDequeueCount;
    this.clock = clock;
  }

  @Override
  public void send(String body) {
    Objects.requireNonNull(body, "body");
    long now = clock.millis();
    database.inTransaction(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO queue_messages (queue, body, inserted_at, visible_at,"
                      + " dequeue_count) VALUES (?, ?, ?, ?, 0)")) {
            insert.setString(1, queue);
            insert.setString(2, body);
            insert.setLong(3, now);
            insert.setLong(4, now);
            return insert.executeUpdate();
          }
        });
  }

  @Override
  public List<QueuedMessage> fetch(int max, Duration visibility) {
    if (max < 1 || max > MAX_FETCH) {
      throw new IllegalArgumentException("max must be between 1 and " + MAX_FETCH);
    }
    if (visibility.isNegative() || visibility.isZero()) {
      throw new IllegalArgumentException("visibility timeout must be positive");
    }
    long now = clock.millis();
    long hiddenUntil = now + visibility.toMillis();
    return database.inTransaction(
        connection -> {
          List<QueuedMessage> received = new ArrayList<>();
          for (Candidate candidate : visible(connection, now, max)) {
            String receipt = UUID.randomUUID().toString();
            // Conditional on the row still being visible: a concurrent consumer (another
            // process) that took it first makes this update count 0.
            try (PreparedStatement take =
                connection.prepareStatement(
                    "UPDATE queue_messages SET visible_at = ?, dequeue_count = dequeue_count + 1,"
                        + " receipt = ? WHERE id = ? AND visible_at <= ?")) {
              take.setLong(1, hiddenUntil);
              take.setString(2, receipt);
              take.setLong(3, candidate.id);
              take.setLong(4, now);
              if (take.executeUpdate() == 1) {
                received.add(
                    new QueuedMessage(
                        Long.toString(candidate.id),
                        receipt,
                        candidate.body,
                        candidate.dequeueCount + 1));
              }
            }
          }
          return received;
        });
  }

  @Override
  public void delete(QueuedMessage message) {
    database.inTransaction(connection -> deleteReceived(connection, message));
  }

  @Override
  public void moveToPoison(QueuedMessage message) {
    long now = clock.millis();
    database.inTransaction(
        connection -> {
          // Only the latest receiver moves it, and in the same transaction as the delete: the
          // message is in exactly one of the two tables.
          if (!deleteReceived(connection, message)) {
            return false;
          }
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO poison_messages (queue, body, original_id, dequeue_count,"
                      + " moved_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, queue);
            insert.setString(2, message.body());
            insert.setLong(3, Long.parseLong(message.id()));
            insert.setLong(4, message.dequeueCount());
            insert.setLong(5, now);
            return insert.executeUpdate() == 1;
          }
        });
  }

  @Override
  public List<String> peekPoison(int max) {
    return database.inTransaction(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT body FROM poison_messages WHERE queue = ? ORDER BY id LIMIT ?")) {
            select.setString(1, queue);
            select.setInt(2, max);
            List<String> bodies = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                bodies.add(rows.getString(1));
              }
            }
            return bodies;
          }
        });
  }

  @Override
  public int maxDequeueCount() {
    return maxDequeueCount;
  }

  private List<Candidate> visible(Connection connection, long now, int max) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT id, body, dequeue_count FROM queue_messages WHERE queue = ? AND visible_at <= ?"
                + " ORDER BY visible_at, id LIMIT ?")) {
      select.setString(1, queue);
      select.setLong(2, now);
      select.setInt(3, max);
      List<Candidate> candidates = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          candidates.add(new Candidate(rows.getLong(1), rows.getString(2), rows.getInt(3)));
        }
      }
      return candidates;
    }
  }

  /**
   * @return false for a stale receipt (the message was received again, or is gone)
   */
  private boolean deleteReceived(Connection connection, QueuedMessage message) throws SQLException {
    long id;
    try {
      id = Long.parseLong(message.id());
    } catch (NumberFormatException e) {
      return false;
    }
    try (PreparedStatement delete =
        connection.prepareStatement(
            "DELETE FROM queue_messages WHERE id = ? AND queue = ? AND receipt = ?")) {
      delete.setLong(1, id);
      delete.setString(2, queue);
      delete.setString(3, message.receipt());
      return delete.executeUpdate() == 1;
    }
  }

  private record Candidate(long id, String body, int dequeueCount) {}
}
