package io.biotrack.adapter.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Makes a database the way Biotrack did before the database had a password (user {@code biotrack},
 * empty password, the same URL), with one row in a table of its own, and exits. Run as a child JVM
 * by {@link H2DatabaseSecurityIT}, as an older Biotrack would have run, so that the test JVM's H2
 * settings stay those of the current code.
 */
public final class OlderBiotrackDatabase {
  private OlderBiotrackDatabase() {}

  /**
   * @param args the data directory
   */
  public static void main(String[] args) throws Exception {
    Path db = Files.createDirectories(Path.of(args[0]).resolve("db"));
    String url =
        "jdbc:h2:file:"
            + db.resolve("biotrack")
            + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000;WRITE_DELAY=0";
    try (Connection connection = DriverManager.getConnection(url, "biotrack", "");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE older_data (note VARCHAR(64))");
      statement.execute("INSERT INTO older_data VALUES ('kept across the upgrade')");
    }
  }
}
