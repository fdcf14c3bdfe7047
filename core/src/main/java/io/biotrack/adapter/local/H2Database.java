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
 * The embedded-mode database: an H2 file under {@code {dataDir}/db/}, opened by one process, the
 * platform's (workers read and write blobs only). H2 locks the file: a second process that opens it
 * is refused ({@link #open}); the data directory's lock refuses a second platform before that.
 *
 * <p>No server: it once ran with {@code AUTO_SERVER}, a loopback TCP server for other processes,
 * which H2 only offers with its own shutdown hook closing the database at exit, while the web
 * server still answered requests (500 "Database is already closed" during a stop). Now the database
 * stays open until {@link #close()}, which the platform calls after its web server drained ({@code
 * DB_CLOSE_ON_EXIT=FALSE}).
 *
 * <p>Only the user who runs Biotrack may read it: {@code db/} and its files are open to their owner
 * only, and user {@code biotrack} has a random password kept in {@code db/password} ({@link
 * DatabasePassword}).
 *
 * <p>One connection stays open for the life of this object, so the database is not closed and
 * re-opened between operations; each operation takes a pooled session.
 */
public final class H2Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(H2Database.class);
  private static final String USER = "biotrack";

  /**
   * The schema's migrations: {@code V1} is the schema of the first release, each later change a new
   * version. A database made before migrations existed has tables but no history: it is baselined
   * at version 0, below V1, and since V1 and V2 are idempotent they bring any such database,
   * however old, to the same schema.
   */
  private static final String MIGRATIONS = "classpath:io/biotrack/adapter/local/schema";

  /** Sessions kept open for reuse. */
  private static final int POOLED_SESSIONS = 16;

  private final Connection keepOpen;
  private final JdbcConnectionPool pool;

  private H2Database(JdbcDataSource dataSource, Connection keepOpen) throws SQLException {
    this.keepOpen = keepOpen;
    // A session costs a login and a lock dance: reusing sessions is most of the cost of a short
    // look-up (a job's status).
    this.pool = poolOf(dataSource);
  }

  /** Opens (creating if needed) the database in {@code {dataDir}/db/biotrack.mv.db}. */
  public static H2Database open(Path dataDir) {
    Path dir = dataDir.resolve("db").toAbsolutePath();
    try {
      OwnerOnlyFiles.createDirectories(dir);
      OwnerOnlyFiles.restrict(dir); // made by an older Biotrack
      JdbcDataSource source = new JdbcDataSource();
      // LOCK_TIMEOUT: a writer waits for a row another transaction holds instead of failing.
      // WRITE_DELAY=0: a commit reaches the file before it returns. H2's default (500 ms) loses
      // the last commits when the process is killed: a job moved to LAUNCHING, or COMPLETED by
      // a worker, would fall back after a crash of the gateway (tried: LocalCrossProcessIT).
      // DB_CLOSE_ON_EXIT=FALSE: closed by close(), after the requests in flight, not by H2's
      // shutdown hook as soon as the JVM is asked to stop.
      source.setURL(url(dir));
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

  /** The URL of the database in {@code dir} (its {@code db/} folder). */
  static String url(Path dir) {
    return "jdbc:h2:file:"
        + dir.resolve("biotrack")
        + ";LOCK_TIMEOUT=10000;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
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
          "cannot bring the database in " + dir + " to this Biotrack's schema: " + e.getMessage(),
          e);
    }
    if (result.migrationsExecuted > 0 && result.initialSchemaVersion != null) {
      log.info(
          "the database in {} was upgraded from schema version {} to {}",
          dir,
          result.initialSchemaVersion,
          result.targetSchemaVersion);
    }
  }

  /**
   * A connection with the kept password; a database made by an older Biotrack, which had the empty
   * password, first gets the kept one.
   */
  private static Connection firstConnection(JdbcDataSource source, Path dir) throws SQLException {
    try {
      return source.getConnection();
    } catch (SQLException e) {
      if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
        throw new LocalStorageException(
            "the database in "
                + dir
                + " is open in another process (another Biotrack on this"
                + " data directory?): stop that one first, or choose another data directory",
            e);
      }
      if (e.getErrorCode() != ErrorCode.WRONG_USER_OR_PASSWORD) {
        throw e;
      }
      if (!setPasswordOfOlderDatabase(source, dir)) {
        throw new LocalStorageException(
            "the database in "
                + dir
                + " refuses the password in "
                + DatabasePassword.file(dir)
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
        PreparedStatement alter =
            connection.prepareStatement("ALTER USER " + USER + " SET PASSWORD ?")) {
      alter.setString(1, source.getPassword());
      alter.execute();
    } catch (SQLException e) {
      if (e.getErrorCode() == ErrorCode.WRONG_USER_OR_PASSWORD) {
        return false;
      }
      throw e;
    }
    log.info(
        "the database in {} had no password (made by an older Biotrack): it has one now, kept in"
            + " {}",
        dir,
        DatabasePassword.file(dir));
    return true;
  }

  /**
   * H2 creates its files ({@code .mv.db}, {@code .lock.db}, {@code .trace.db}) with the process's
   * umask; {@code db/} itself already shuts others out, this is the second lock.
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
    return pool.getConnection();
  }

  /**
   * Whether a pooled session is free right now, so that taking one would not wait for another
   * caller to return theirs. Another thread may take the last one meanwhile; then the caller waits
   * until some other transaction ends.
   */
  boolean hasIdleSession() {
    return pool.getActiveConnections() < POOLED_SESSIONS;
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
      pool.dispose();
      keepOpen.close();
    } catch (SQLException e) {
      throw new LocalStorageException("cannot close the database", e);
    }
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
