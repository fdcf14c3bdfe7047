package io.biotrack.adapter;

import io.biotrack.adapter.azure.JobAccess;
import io.biotrack.config.EnvironmentReader;
import io.biotrack.config.SettingsException;
import io.biotrack.storage.BlobContainer;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Where the job table, blobs and queue live. The only reader of the {@code BIOTRACK_*} storage
 * variables; every process (gateway, operator, worker) gets its adapters from these settings via
 * {@link StorageAdapters}.
 *
 * @param dataDir local only: H2 database under {@code db/}, blobs under {@code blobs/}
 * @param publicUrl local only: base of the gateway URLs that {@code LocalUrlSigner} signs
 * @param azureConnectionString azure with a connection string (Azurite, development); null when the
 *     endpoints and {@code DefaultAzureCredential} are used
 * @param maxDequeue a queue message received more often goes to the poison queue
 * @param jobAccess azure only: credentials scoped to one attempt at one shard ({@code
 *     BIOTRACK_JOB_ACCESS}, what the operator gives every remote worker); null for the account's
 *     own access. With it only a blob store opens ({@link StorageAdapters#openBlobs}), reaching
 *     only that shard's blobs, and no endpoints are needed.
 */
public record StorageSettings(
    StorageKind kind,
    Path dataDir,
    URI publicUrl,
    String azureConnectionString,
    URI blobEndpoint,
    URI queueEndpoint,
    URI tableEndpoint,
    String table,
    String uploadsContainer,
    String resultsContainer,
    String queue,
    int maxDequeue,
    JobAccess jobAccess) {

  public static final String STORAGE = "BIOTRACK_STORAGE";
  public static final String DATA_DIR = "BIOTRACK_DATA_DIR";
  public static final String PUBLIC_URL = "BIOTRACK_PUBLIC_URL";
  public static final String AZURE_CONNECTION_STRING = "BIOTRACK_AZURE_CONNECTION_STRING";
  public static final String AZURE_BLOB_ENDPOINT = "BIOTRACK_AZURE_BLOB_ENDPOINT";
  public static final String AZURE_QUEUE_ENDPOINT = "BIOTRACK_AZURE_QUEUE_ENDPOINT";
  public static final String AZURE_TABLE_ENDPOINT = "BIOTRACK_AZURE_TABLE_ENDPOINT";
  public static final String TABLE = "BIOTRACK_TABLE";
  public static final String UPLOADS_CONTAINER = "BIOTRACK_UPLOADS_CONTAINER";
  public static final String RESULTS_CONTAINER = "BIOTRACK_RESULTS_CONTAINER";
  public static final String QUEUE = "BIOTRACK_QUEUE";
  public static final String MAX_DEQUEUE = "BIOTRACK_MAX_DEQUEUE";
  public static final String JOB_ACCESS = "BIOTRACK_JOB_ACCESS";

  public static final String DEFAULT_TABLE = "biotrackjobs";
  public static final String DEFAULT_QUEUE = "biotrack-jobs";
  public static final int DEFAULT_MAX_DEQUEUE = 5;
  public static final URI DEFAULT_PUBLIC_URL = URI.create("http://127.0.0.1:8080");

  // Azure's rules, applied to local names too so settings move between modes unchanged.
  private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{2,62}");
  private static final Pattern CONTAINER_OR_QUEUE_NAME =
      Pattern.compile("(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*");

  public StorageSettings {
    Objects.requireNonNull(kind, "kind");
    List<String> problems = new ArrayList<>();
    if (kind == StorageKind.LOCAL) {
      if (dataDir == null) {
        problems.add(DATA_DIR + " is required when " + STORAGE + "=local");
      }
      if (publicUrl == null) {
        publicUrl = DEFAULT_PUBLIC_URL;
      }
      if (jobAccess != null) {
        problems.add(JOB_ACCESS + " needs " + STORAGE + "=azure");
      }
    } else if (jobAccess == null
        && azureConnectionString == null
        && (blobEndpoint == null || queueEndpoint == null || tableEndpoint == null)) {
      problems.add(
          STORAGE
              + "=azure needs "
              + AZURE_CONNECTION_STRING
              + ", or all of "
              + AZURE_BLOB_ENDPOINT
              + ", "
              + AZURE_QUEUE_ENDPOINT
              + " and "
              + AZURE_TABLE_ENDPOINT
              + " (used with DefaultAzureCredential)");
    }
    checkName(
        problems, TABLE, table, TABLE_NAME, "3-63 letters and digits, starting with a letter");
    String rule = "3-63 lower-case letters, digits and single hyphens, no hyphen at either end";
    checkName(problems, UPLOADS_CONTAINER, uploadsContainer, CONTAINER_OR_QUEUE_NAME, rule);
    checkName(problems, RESULTS_CONTAINER, resultsContainer, CONTAINER_OR_QUEUE_NAME, rule);
    checkName(problems, QUEUE, queue, CONTAINER_OR_QUEUE_NAME, rule);
    if (queue != null && queue.length() > 63 - "-poison".length()) {
      problems.add(QUEUE + " must leave room for the '-poison' suffix (at most 56 characters)");
    }
    if (uploadsContainer != null && uploadsContainer.equals(resultsContainer)) {
      problems.add(UPLOADS_CONTAINER + " and " + RESULTS_CONTAINER + " must differ");
    }
    if (maxDequeue < 1) {
      problems.add(MAX_DEQUEUE + " must be at least 1, was " + maxDequeue);
    }
    if (!problems.isEmpty()) {
      throw new SettingsException(problems);
    }
  }

  /** Local adapters under {@code dataDir} with the default names. */
  public static StorageSettings local(Path dataDir) {
    return new StorageSettings(
        StorageKind.LOCAL,
        dataDir,
        DEFAULT_PUBLIC_URL,
        null,
        null,
        null,
        null,
        DEFAULT_TABLE,
        BlobContainer.UPLOADS.defaultName(),
        BlobContainer.RESULTS.defaultName(),
        DEFAULT_QUEUE,
        DEFAULT_MAX_DEQUEUE,
        null);
  }

  /** Azure adapters through a connection string (Azurite, development) with the default names. */
  public static StorageSettings azure(String connectionString) {
    return new StorageSettings(
        StorageKind.AZURE,
        null,
        null,
        Objects.requireNonNull(connectionString),
        null,
        null,
        null,
        DEFAULT_TABLE,
        BlobContainer.UPLOADS.defaultName(),
        BlobContainer.RESULTS.defaultName(),
        DEFAULT_QUEUE,
        DEFAULT_MAX_DEQUEUE,
        null);
  }

  /** Reads the process environment. */
  public static StorageSettings fromEnvironment() {
    return fromEnvironment(System::getenv);
  }

  /**
   * Reads the {@code BIOTRACK_*} storage variables from {@code env} (blank counts as unset).
   *
   * @throws SettingsException listing every missing or invalid variable
   */
  public static StorageSettings fromEnvironment(Function<String, String> env) {
    EnvironmentReader reader = new EnvironmentReader(env);
    StorageSettings settings = from(reader);
    reader.throwIfProblems();
    return settings;
  }

  /**
   * Reads the storage section, noting its problems in {@code env} (a process that reads more than
   * storage reports them all together).
   *
   * @return null when there were problems
   */
  public static StorageSettings from(EnvironmentReader env) {
    int before = env.problems().size();
    String kindText = env.string(STORAGE);
    StorageKind kind = null;
    if (kindText == null) {
      env.problem(STORAGE + " is required: 'local' or 'azure'");
    } else if (kindText.equalsIgnoreCase("local")) {
      kind = StorageKind.LOCAL;
    } else if (kindText.equalsIgnoreCase("azure")) {
      kind = StorageKind.AZURE;
    } else {
      env.problem(STORAGE + " must be 'local' or 'azure', was '" + kindText + "'");
    }
    Path dataDir = env.path(DATA_DIR);
    URI publicUrl = env.httpUrl(PUBLIC_URL);
    String connectionString = env.string(AZURE_CONNECTION_STRING);
    URI blob = env.httpUrl(AZURE_BLOB_ENDPOINT);
    URI queueEndpoint = env.httpUrl(AZURE_QUEUE_ENDPOINT);
    URI tableEndpoint = env.httpUrl(AZURE_TABLE_ENDPOINT);
    String table = env.string(TABLE, DEFAULT_TABLE);
    String uploads = env.string(UPLOADS_CONTAINER, BlobContainer.UPLOADS.defaultName());
    String results = env.string(RESULTS_CONTAINER, BlobContainer.RESULTS.defaultName());
    String queue = env.string(QUEUE, DEFAULT_QUEUE);
    int maxDequeue = env.integer(MAX_DEQUEUE, DEFAULT_MAX_DEQUEUE, 1, Integer.MAX_VALUE);
    JobAccess jobAccess = env.parsed(JOB_ACCESS, JobAccess::parse);
    if (kind == null || (jobAccess == null && env.string(JOB_ACCESS) != null)) {
      // No kind, or a broken job-scoped document: say that, not that endpoints are missing.
      return null;
    }
    StorageKind checkedKind = kind;
    StorageSettings settings =
        env.check(
            () ->
                new StorageSettings(
                    checkedKind,
                    dataDir,
                    publicUrl,
                    connectionString,
                    blob,
                    queueEndpoint,
                    tableEndpoint,
                    table,
                    uploads,
                    results,
                    queue,
                    maxDequeue,
                    jobAccess));
    return env.problems().size() > before ? null : settings;
  }

  /**
   * These settings as the {@code BIOTRACK_*} variables {@link #fromEnvironment} reads, for a child
   * process (a local worker). Includes the connection string when there is one: never hand that to
   * a workload outside this machine (cloud workers get endpoints and an identity).
   */
  public Map<String, String> toEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(STORAGE, kind.name().toLowerCase(java.util.Locale.ROOT));
    if (kind == StorageKind.LOCAL) {
      env.put(DATA_DIR, dataDir.toString());
      env.put(PUBLIC_URL, publicUrl.toString());
    } else if (jobAccess != null) {
      env.put(JOB_ACCESS, jobAccess.toJson());
    } else if (azureConnectionString != null) {
      env.put(AZURE_CONNECTION_STRING, azureConnectionString);
    } else {
      env.put(AZURE_BLOB_ENDPOINT, blobEndpoint.toString());
      env.put(AZURE_QUEUE_ENDPOINT, queueEndpoint.toString());
      env.put(AZURE_TABLE_ENDPOINT, tableEndpoint.toString());
    }
    env.put(TABLE, table);
    env.put(UPLOADS_CONTAINER, uploadsContainer);
    env.put(RESULTS_CONTAINER, resultsContainer);
    env.put(QUEUE, queue);
    env.put(MAX_DEQUEUE, Integer.toString(maxDequeue));
    return env;
  }

  /** Access limited to one shard attempt's blobs ({@link #jobAccess()}). */
  public boolean jobScoped() {
    return jobAccess != null;
  }

  /** The real name of one of the contract's containers. */
  public String containerName(BlobContainer container) {
    return switch (container) {
      case UPLOADS -> uploadsContainer;
      case RESULTS -> resultsContainer;
    };
  }

  public String poisonQueue() {
    return queue + "-poison";
  }

  /** The same settings with other names (tests use unique names per class). */
  /**
   * The table of the files registered for jobs (Azure): the job table's name plus {@code files}
   * ({@code biotrackjobsfiles} by default), so every deployment and test that names its job table
   * gets its own.
   */
  public String filesTable() {
    return (table.length() <= 58 ? table : table.substring(0, 58)) + "files";
  }

  /**
   * The table of users' decisions about repeat detections (Azure): the job table's name plus {@code
   * repeats} ({@code biotrackjobsrepeats} by default), as {@link #filesTable}.
   */
  public String repeatsTable() {
    return (table.length() <= 56 ? table : table.substring(0, 56)) + "repeats";
  }

  public StorageSettings withNames(String table, String uploads, String results, String queue) {
    return new StorageSettings(
        kind,
        dataDir,
        publicUrl,
        azureConnectionString,
        blobEndpoint,
        queueEndpoint,
        tableEndpoint,
        table,
        uploads,
        results,
        queue,
        maxDequeue,
        jobAccess);
  }

  public StorageSettings withMaxDequeue(int newMaxDequeue) {
    return new StorageSettings(
        kind,
        dataDir,
        publicUrl,
        azureConnectionString,
        blobEndpoint,
        queueEndpoint,
        tableEndpoint,
        table,
        uploadsContainer,
        resultsContainer,
        queue,
        newMaxDequeue,
        jobAccess);
  }

  /** The same settings signing gateway URLs under another base (the gateway's real address). */
  public StorageSettings withPublicUrl(URI newPublicUrl) {
    return new StorageSettings(
        kind,
        dataDir,
        newPublicUrl,
        azureConnectionString,
        blobEndpoint,
        queueEndpoint,
        tableEndpoint,
        table,
        uploadsContainer,
        resultsContainer,
        queue,
        maxDequeue,
        jobAccess);
  }

  /** Never prints the connection string (it may hold an account key) or job-scoped tokens. */
  @Override
  public String toString() {
    return "StorageSettings[kind="
        + kind
        + (kind == StorageKind.LOCAL
            ? ", dataDir=" + dataDir + ", publicUrl=" + publicUrl
            : jobAccess != null
                ? ", " + jobAccess
                : azureConnectionString != null
                    ? ", connectionString=(set, not shown)"
                    : ", blob="
                        + blobEndpoint
                        + ", queue="
                        + queueEndpoint
                        + ", table="
                        + tableEndpoint)
        + ", table="
        + table
        + ", uploads="
        + uploadsContainer
        + ", results="
        + resultsContainer
        + ", queue="
        + queue
        + ", maxDequeue="
        + maxDequeue
        + "]";
  }

  private static void checkName(
      List<String> problems, String variable, String value, Pattern rule, String ruleText) {
    if (value == null || !rule.matcher(value).matches()) {
      problems.add(variable + " must be " + ruleText + ", was '" + value + "'");
    }
  }
}
