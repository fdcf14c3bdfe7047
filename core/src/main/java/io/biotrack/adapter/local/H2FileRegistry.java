package io.biotrack.adapter.local;

import io.biotrack.files.AtOrUnderLookup;
import io.biotrack.files.FileRegistry;
import io.biotrack.files.RegisteredFile;
import io.biotrack.files.RegistryKeys;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Registered files in the table {@code job_files} of the local database: one row per file and one
 * per folder (holding one file inside it), keyed by {@link RegistryKeys}.
 */
public final class H2FileRegistry implements FileRegistry {
  private static final int IN_CHUNK = 500;

  private final H2Database database;

  public H2FileRegistry(H2Database database) {
    this.database = database;
  }

  @Override
  public void register(String jobId, Collection<RegisteredFile> files) {
    if (files.isEmpty()) {
      return;
    }
    database.inTransaction(
        connection -> {
          try (PreparedStatement file =
                  connection.prepareStatement(
                      "MERGE INTO job_files t USING (VALUES (CAST(? AS VARCHAR), CAST(? AS"
                          + " VARCHAR), CAST(? AS VARCHAR), CAST(? AS BIGINT))) s(job_id,"
                          + " entry_key, name, size) ON t.job_id = s.job_id AND t.entry_key ="
                          + " s.entry_key WHEN MATCHED THEN UPDATE SET size = s.size WHEN NOT"
                          + " MATCHED THEN INSERT (job_id, entry_key, kind, name, size, uploaded)"
                          + " VALUES (s.job_id, s.entry_key, 'f', s.name, s.size, FALSE)");
              PreparedStatement folder =
                  connection.prepareStatement(
                      "MERGE INTO job_files t USING (VALUES (CAST(? AS VARCHAR), CAST(? AS"
                          + " VARCHAR), CAST(? AS VARCHAR))) s(job_id, entry_key, name) ON t.job_id"
                          + " = s.job_id AND t.entry_key = s.entry_key WHEN NOT MATCHED THEN INSERT"
                          + " (job_id, entry_key, kind, name, size, uploaded) VALUES (s.job_id,"
                          + " s.entry_key, 'd', s.name, NULL, FALSE)")) {
            java.util.Set<String> folders = new java.util.HashSet<>();
            for (RegisteredFile registered : files) {
              file.setString(1, jobId);
              file.setString(2, RegistryKeys.file(registered.name()));
              file.setString(3, registered.name());
              if (registered.size() == null) {
                file.setNull(4, java.sql.Types.BIGINT);
              } else {
                file.setLong(4, registered.size());
              }
              file.addBatch();
              for (String path : RegistryKeys.foldersOf(registered.name())) {
                if (folders.add(path)) {
                  folder.setString(1, jobId);
                  folder.setString(2, RegistryKeys.folder(path));
                  folder.setString(3, registered.name());
                  folder.addBatch();
                }
              }
            }
            file.executeBatch();
            folder.executeBatch();
            return null;
          }
        });
  }

  @Override
  public Map<String, String> atOrUnder(String jobId, Collection<String> paths) {
    AtOrUnderLookup lookup = AtOrUnderLookup.of(paths);
    return lookup.answer(rowsByKey(jobId, lookup.keys()));
  }

  /** entry_key → name of the rows among {@code keys}. */
  private Map<String, String> rowsByKey(String jobId, Collection<String> keys) {
    List<String> all = new ArrayList<>(keys);
    Map<String, String> rows = new HashMap<>();
    for (int from = 0; from < all.size(); from += IN_CHUNK) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
      database.inTransaction(
          connection -> {
            try (PreparedStatement select =
                connection.prepareStatement(
                    // A join from the keys, so each is one primary-key look-up: H2 reads "entry_key
                    // IN (...)" and "= ANY(?)" as a scan of the job's rows, O(files) per page.
                    "SELECT t.entry_key, t.name FROM TABLE(k VARCHAR = ?) keys"
                        + " JOIN job_files t ON t.job_id = ? AND t.entry_key = keys.k")) {
              select.setArray(1, connection.createArrayOf("VARCHAR", chunk.toArray()));
              select.setString(2, jobId);
              try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                  rows.put(result.getString(1), result.getString(2));
                }
              }
              return null;
            }
          });
    }
    return rows;
  }

  @Override
  public Optional<RegisteredFile> find(String jobId, String name) {
    return database.inTransaction(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT name, size, uploaded FROM job_files WHERE job_id = ? AND entry_key ="
                      + " ?")) {
            select.setString(1, jobId);
            select.setString(2, RegistryKeys.file(name));
            try (ResultSet rows = select.executeQuery()) {
              return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public Page list(String jobId, String cursor, int limit) {
    RegistryKeys.checkCursor(cursor);
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE);
    }
    return database.inTransaction(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT entry_key, name, size, uploaded FROM job_files"
                      + " WHERE job_id = ? AND kind = 'f' AND entry_key > ?"
                      + " ORDER BY entry_key LIMIT ?")) {
            select.setString(1, jobId);
            select.setString(2, cursor == null ? "" : cursor);
            select.setInt(3, limit + 1);
            List<RegisteredFile> files = new ArrayList<>();
            String last = null;
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                if (files.size() == limit) {
                  return new Page(files, last);
                }
                last = rows.getString("entry_key");
                files.add(read(rows));
              }
            }
            return new Page(files, null);
          }
        });
  }

  @Override
  public void markUploaded(String jobId, Collection<String> names) {
    if (names.isEmpty()) {
      return;
    }
    database.inTransaction(
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE job_files SET uploaded = TRUE WHERE job_id = ? AND entry_key = ?")) {
            for (String name : names) {
              update.setString(1, jobId);
              update.setString(2, RegistryKeys.file(name));
              update.addBatch();
            }
            update.executeBatch();
            return null;
          }
        });
  }

  @Override
  public int delete(String jobId) {
    return database.inTransaction(
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM job_files WHERE job_id = ?")) {
            delete.setString(1, jobId);
            return delete.executeUpdate();
          }
        });
  }

  private static RegisteredFile read(ResultSet rows) throws SQLException {
    long size = rows.getLong("size");
    Long declared = rows.wasNull() ? null : size;
    return new RegisteredFile(rows.getString("name"), declared, rows.getBoolean("uploaded"));
  }
}
