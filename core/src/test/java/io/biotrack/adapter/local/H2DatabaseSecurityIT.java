package io.biotrack.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biotrack.testing.FileModes;
import io.biotrack.testing.ListeningSockets;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.h2.api.ErrorCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the security review found on the embedded database: H2's AUTO_SERVER listened on every
 * interface, and any process that read the server key from the lock file could connect as {@code
 * biotrack} with the empty password (and then run Java in the gateway JVM). These tests do what the
 * review did, against the current code, which runs no server at all.
 */
class H2DatabaseSecurityIT {
  @TempDir Path temp;
  Path data;

  @BeforeEach
  void paths() {
    data = temp.resolve("data"); // not there yet: Biotrack makes it
  }

  @Test
  void aNewDatabaseGetsARandomPasswordInAFileOnlyItsOwnerCanRead() throws Exception {
    try (H2Database database = H2Database.open(data);
        H2Database other = H2Database.open(temp.resolve("other"))) {
      Path file = data.resolve("db/password");
      assertThat(file).isRegularFile();
      String password = Files.readString(file).trim();
      assertThat(password).as("at least 128 random bits, Base64").hasSizeGreaterThanOrEqualTo(22);
      assertThat(Files.readString(temp.resolve("other/db/password")).trim()).isNotEqualTo(password);
      if (FileModes.supported(file)) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
            .isEqualTo("rw-------");
      }
      try (Connection connection = DriverManager.getConnection(url(data), "biotrack", password)) {
        assertThat(connection.isValid(5)).isTrue();
      }
    }
  }

  @Test
  void theEmptyPasswordNoLongerGetsIn() throws Exception {
    try (H2Database database = H2Database.open(data)) {
      // The URL an older Biotrack process (or the H2 shell) would use.
      assertThatThrownBy(() -> DriverManager.getConnection(url(data), "biotrack", "").close())
          .isInstanceOfSatisfying(
              SQLException.class,
              e -> assertThat(e.getErrorCode()).isEqualTo(ErrorCode.WRONG_USER_OR_PASSWORD));
    }
  }

  /**
   * The review's way in was H2's AUTO_SERVER: a TCP server whose address and key the lock file gave
   * away. The database has no server now: opening it adds no listening socket, and the lock file
   * names none.
   */
  @Test
  void theDatabaseOpensNoServer() throws Exception {
    List<ListeningSockets.Listener> before =
        ListeningSockets.supported()
            ? ListeningSockets.ofProcess(ProcessHandle.current().pid())
            : List.of();
    try (H2Database database = H2Database.open(data)) {
      Path lock = data.resolve("db/biotrack.lock.db");
      if (Files.exists(lock)) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(lock)) {
          properties.load(in);
        }
        assertThat(properties).doesNotContainKey("server");
      }
      if (ListeningSockets.supported()) {
        assertThat(ListeningSockets.ofProcess(ProcessHandle.current().pid()))
            .as("this JVM's listening sockets with the database open")
            .containsExactlyInAnyOrderElementsOf(before);
      }
    }
  }

  @Test
  void aDatabaseMadeWithTheEmptyPasswordGetsOneAndKeepsItsData() throws Exception {
    runOlderBiotrack();
    assertThat(data.resolve("db/biotrack.mv.db")).isRegularFile();
    assertThat(data.resolve("db/password")).doesNotExist();

    try (H2Database database = H2Database.open(data)) {
      assertThat(olderData(database)).isEqualTo("kept across the upgrade");
      assertThat(data.resolve("db/password")).isRegularFile();
      assertThatThrownBy(() -> DriverManager.getConnection(url(data), "biotrack", "").close())
          .isInstanceOfSatisfying(
              SQLException.class,
              e -> assertThat(e.getErrorCode()).isEqualTo(ErrorCode.WRONG_USER_OR_PASSWORD));
    }
    try (H2Database reopened = H2Database.open(data)) {
      assertThat(olderData(reopened))
          .as("the next start uses the kept password")
          .isEqualTo("kept across the upgrade");
    }
  }

  @Test
  void aPasswordFileThatDoesNotFitTheDatabaseStopsWithoutShowingAPassword() throws Exception {
    H2Database.open(data).close();
    Path file = data.resolve("db/password");
    String right = Files.readString(file).trim();
    String wrong = "not-the-password-of-this-database";
    Files.writeString(file, wrong);

    assertThatThrownBy(() -> H2Database.open(data).close())
        .isInstanceOf(LocalStorageException.class)
        .hasMessageContaining(file.toString())
        .satisfies(
            e -> {
              for (Throwable t = e; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(wrong, right);
              }
            });
  }

  private static String url(Path data) {
    return H2Database.url(data.resolve("db").toAbsolutePath());
  }

  private static String olderData(H2Database database) throws SQLException {
    try (Connection connection = database.connection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT note FROM older_data")) {
      assertThat(rows.next()).isTrue();
      return rows.getString(1);
    }
  }

  private void runOlderBiotrack() throws Exception {
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                OlderBiotrackDatabase.class.getName(),
                data.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }
}
