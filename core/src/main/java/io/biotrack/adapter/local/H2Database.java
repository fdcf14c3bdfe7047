package io.biotrack.adapter.local;

import io.biotrack.files.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded-mode database: an H2 file under {@code {dataDir}/db/}, opened with {@code
 * AUTO_SERVER=TRUE} so worker child processes reach the same database over a loopback socket
 * that the first process serves.
 *
 * <p>Only the user who runs Biotrack may reach it: the server listens on 127.0.0.1 only ({@link
 * H2ServerAddress}), user {@code biotrack} has a random password kept in {@code db/password}
 * ({@link DatabasePassword}), and {@code db/} and its files are open to their owner only.
 *
 * <p>One connection stays open for the life of this object, so the database is not closed and
 * re-opened between operations; each operation takes its own short-lived connection.
 */
public final class H2Database implements AutoCloseable {
  static {
    // Before any H2 class loads: H2 reads its server address once (see H2ServerAddress).
    H2ServerAddress.bindToLoopback();
  }

  private static final Logger log = LoggerFactory.getLogger(H2Database.class);
  private static final String USER = "biotrack";
  /**
   * The schema's migrations: {@code V1} is the schema of the first release, each later change a
   * new version. A database made before migrations existed has tables but no history: it is
   * baselined at version 0, below V1, and since V1 and V2 are idempotent they bring any such
   * database, however old, to the same schema.
   */
  private static final String MIGRATIONS = "classpath:io/biotrack/adapter/local/schema";

  /** Sessions kept open for reuse, only where this process opened the file itself. */
  private static final int POOLED_SESSIONS = 16;

  private final JdbcDataSource dataSource;
  private final Connection keepOpen;
  private final JdbcConnectionPool pool;

  private H2Database(JdbcDataSource dataSource, Connection keepOpen) throws SQLException {
    this.dataSource = dataSource;
    this.keepOpen = keepOpen;
    // A session costs a login and a lock dance: reusing sessions is most of the cost of a short
    // look-up (a job's status). But only where this process holds the file: a process that
    // reaches the database through another one's server (a test's handle beside ./biotrack up)
    // would keep sessions that break when that server stops, where a fresh session each time
    // takes the server over.
    this.pool = ownsTheFile(keepOpen) ? poolOf(dataSource) : null;
  }

  /** Opens (creating if needed) the database in {@code {dataDir}/db/biotrack.mv.db}. */
  public static H2Database open(Path dataDir) {
    Path dir = dataDir.resolve("db").toAbsolutePath();
    try {
      OwnerOnlyFiles.createDirectories(dir);
      OwnerOnlyFiles.restrict(dir); // made by an older Biotrack
      H2ServerAddress.requireLoopback();
      JdbcDataSource source = new JdbcDataSource();
      // LOCK_TIMEOUT: a writer waits for a row another transaction holds instead of failing.
      // WRITE_DELAY=0: a commit reaches the file before it returns. H2's default (500 ms) loses
      // the last commits when the process is killed: a job moved to LAUNCHING, or COMPLETED by
      // a worker, would fall back after a crash of the gateway (tried: LocalCrossProcessIT).
      source.setURL(
          "jdbc:h2:file:" + dir.resolve("biotrack")
              + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000;WRITE_DELAY=0");
      source.setUser(USER);
      source.setPassword(DatabasePassword.loadOrCreate(dir));
      H2Database database = new H2Database(source, firstConnection(source, dir));
      migrate(source, dir);
      restrictFiles(dir);
      return database;
    } catch (IOException e) {
      throw new LocalStorageException("cannot create the database folder " + dir, e);
    } catch (SQLException e) {
      throw new LocalStorageException("cannot open the database in " + dir, e);
    }
  }

  /** Brings the schema to the newest version (nothing to do, and quick, once it is there). */
  private static void migrate(JdbcDataSource source, Path dir) {
    MigrateResult result;
    try {
      result =
          Flyway.configure(H2Database.class.getClassLoader())
              .dataSource(source)
              .locations(MIGRATIONS)
              .baselineOnMigrate(true)
              .baselineVersion("0")
              .baselineDescription("made before migrations")
              .load()
              .migrate();
    } catch (FlywayException e) {
      throw new LocalStorageException(
          "cannot bring the database in " + dir + " to this Biotrack's schema: " + e.getMessage(), e);
    }
    if (result.migrationsExecuted > 0 && result.initialSchemaVersion != null) {
      log.info(
          "the database in {} was upgraded from schema version {} to {}",
          dir, result.initialSchemaVersion, result.targetSchemaVersion);
    }
  }

  /**
   * A connection with the kept password; a database made by an older Biotrack, which had the
   * empty password, first gets the kept one.
   */
  private static Connection firstConnection(JdbcDataSource source, Path dir) throws SQLException {
    try {
      return source.getConnection();
    } catch (SQLException e) {
      if (e.getErrorCode() != ErrorCode.WRONG_USER_OR_PASSWORD) {
        throw e;
      }
      if (!setPasswordOfOlderDatabase(source, dir)) {
        throw new LocalStorageException(
            "the database in " + dir + " refuses the password in " + DatabasePassword.file(dir)
                + ": put back the password file that belongs to this database (from the same"
                + " backup as the database)",
            e);
      }
      return source.getConnection();
    }
  }

  /**
   * Connects with the empty password once and sets the kept one.
   *
   * @return false if the database refuses the empty password too
   */
  private static boolean setPasswordOfOlderDatabase(JdbcDataSource source, Path dir)
      throws SQLException {
    JdbcDataSource older = new JdbcDataSource();
    older.setURL(source.getURL());
    older.setUser(USER);
    older.setPassword("");
    try (Connection connection = older.getConnection();
        // A parameter, so the password is not part of the statement's text (H2 logs that).
        PreparedStatement alter = connection.prepareStatement("ALTER USER " + USER + " SET PASSWORD ?")) {
      alter.setString(1, source.getPassword());
      alter.execute();
    } catch (SQLException e) {
      if (e.getErrorCode() == ErrorCode.WRONG_USER_OR_PASSWORD) {
        return false;
      }
      throw e;
    }
    log.info(
        "the database in {} had no password (made by an older Biotrack): it has one now, kept in {}",
        dir, DatabasePassword.file(dir));
    return true;
  }

  /**
   * H2 creates its files ({@code .mv.db}, {@code .lock.db}, {@code .trace.db}) with the
   * process's umask; {@code db/} itself already shuts others out, this is the second lock.
   */
  private static void restrictFiles(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> listed = Files.list(dir)) {
      files = listed.filter(Files::isRegularFile).toList();
    }
    for (Path file : files) {
      try {
        OwnerOnlyFiles.restrict(file);
      } catch (java.nio.file.NoSuchFileException gone) {
        // a temporary file of H2's that went away meanwhile
      }
    }
  }

  Connection connection() throws SQLException {
    return pool != null ? pool.getConnection() : dataSource.getConnection();
  }

  /** Runs {@code work} in one transaction: committed when it returns, rolled back if it throws. */
  <T> T inTransaction(SqlWork<T> work) {
    try (Connection connection = connection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new LocalStorageException("database operation failed", e);
    }
  }

  @Override
  public void close() {
    try {
      if (pool != null) {
        pool.dispose();
      }
      keepOpen.close();
    } catch (SQLException e) {
      throw new LocalStorageException("cannot close the database", e);
    }
  }

  /** Whether {@code connection} is a session of this process's own engine, not a server's client. */
  private static boolean ownsTheFile(Connection connection) throws SQLException {
    return connection.unwrap(org.h2.jdbc.JdbcConnection.class).getSession()
        instanceof org.h2.engine.SessionLocal;
  }

  private static JdbcConnectionPool poolOf(JdbcDataSource source) {
    JdbcConnectionPool pool = JdbcConnectionPool.create(source);
    pool.setMaxConnections(POOLED_SESSIONS);
    return pool;
  }

  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }
}
