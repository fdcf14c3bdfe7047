package io.biotrack.gateway.submit;

import com.fasterxml.jackson.databind.JsonNode;
import io.biotrack.files.ImageFolder;
import io.biotrack.files.ImageNames;
import io.biotrack.files.InvalidFileNameException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code biotrack submit DIR}: a season's folder to results in one command, resumable. Creates the
 * job (or takes {@code --job}), registers the folder's photos a page at a time, uploads the ones
 * the job lacks in parallel with retries and a progress bar, starts the job, follows it (photos/s,
 * time left) and downloads the results, JSON and CSV. Interrupted at any point, the same command
 * with {@code --job ID} carries on where it stopped.
 */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs a folder of camera-trap photos through a Biotrack server and writes the results.",
      "Resumable: run it again with --job ID after an interruption; only missing photos are"
          + " uploaded, and a started job is just followed.",
      "Exit codes: 0 the job COMPLETED and the results are written, 1 the job failed or was"
          + " cancelled, 2 bad usage or nothing to do, 3 the server refused or could not be"
          + " reached."
    })
public final class SubmitCommand implements Callable<Integer> {
  static final int PAGE = 1_000;

  @Parameters(
      index = "0",
      paramLabel = "DIR",
      description = "The folder of photos (searched recursively)")
  Path dir;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description =
          "Where the results go (default: DIR's name + -results.json, here); the CSV goes beside"
              + " it")
  Path output;

  @Option(
      names = "--server",
      paramLabel = "URL",
      defaultValue = "${env:BIOTRACK_SERVER:-http://127.0.0.1:8080}",
      description = "The Biotrack server (default: ${DEFAULT-VALUE}, or BIOTRACK_SERVER)")
  URI server;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      defaultValue = "${env:BIOTRACK_API_KEY}",
      description = "Its API key (or BIOTRACK_API_KEY); none for ./biotrack up without keys")
  String apiKey;

  @Option(names = "--name", description = "A name for the job (default: DIR's name)")
  String name;

  @Option(
      names = "--shard-size",
      paramLabel = "N",
      description = "Photos per shard (server default 2000)")
  Integer shardSize;

  @Option(
      names = "--job",
      paramLabel = "ID",
      description = "Carry on with this job instead of creating one")
  String jobId;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      defaultValue = "8",
      description = "Uploads at once (default: ${DEFAULT-VALUE})")
  int parallel;

  @Option(names = "--poll", hidden = true, defaultValue = "PT2S")
  Duration poll;

  private final PrintStream out;
  private final PrintStream err;

  public SubmitCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** The {@code biotrack submit} entry point: the exit code. */
  public static int run(String[] args) {
    return new CommandLine(new SubmitCommand(System.out, System.err)).execute(args);
  }

  @Override
  public Integer call() throws InterruptedException {
    if (!Files.isDirectory(dir)) {
      err.println("biotrack submit: " + dir + " is not a folder");
      return 2;
    }
    if (parallel < 1 || parallel > 64) {
      err.println("biotrack submit: --parallel must be between 1 and 64");
      return 2;
    }
    Map<String, Long> photos = photos();
    if (photos.isEmpty()) {
      err.println("biotrack submit: no images found in " + dir);
      return 2;
    }
    BiotrackClient client = new BiotrackClient(server, apiKey);
    String[] id = {jobId};
    Thread hint =
        new Thread(
            () -> {
              if (id[0] != null) {
                err.println();
                err.println(
                    "biotrack submit: stopped; carry on with: biotrack submit "
                        + dir
                        + " --job "
                        + id[0]);
              }
            });
    Runtime.getRuntime().addShutdownHook(hint);
    try {
      JsonNode job;
      if (jobId == null) {
        job =
            client.create(
                name != null ? name : dir.toAbsolutePath().normalize().getFileName().toString(),
                shardSize);
        id[0] = job.path("jobId").asText();
        out.println(
            "created job " + id[0] + " (if interrupted, carry on with --job " + id[0] + ")");
      } else {
        job = client.job(jobId);
        out.println("job " + jobId + " is " + job.path("status").asText());
      }
      if ("PENDING".equals(job.path("status").asText())) {
        upload(client, id[0], photos);
        job = client.start(id[0]);
        out.println("started: " + job.path("imageCount").asInt() + " photos");
      }
      job = new JobFollower(client, out, poll).follow(id[0]);
      int exit = finish(client, job);
      Runtime.getRuntime().removeShutdownHook(hint);
      return exit;
    } catch (BiotrackClient.ApiException e) {
      err.println("biotrack submit: the server answered " + e.status + ": " + e.getMessage());
      return 3;
    } catch (IOException e) {
      err.println("biotrack submit: cannot reach " + server + ": " + e);
      return 3;
    }
  }

  /**
   * The folder's images, by relative name, with their sizes. Those a job would refuse (a GIF, a
   * name too long to store) are left out and said so, rather than failing a page of registration.
   */
  private Map<String, Long> photos() {
    Map<String, Long> photos = new LinkedHashMap<>();
    List<String> leftOut = new ArrayList<>();
    for (String file : ImageFolder.scan(dir, true)) {
      try {
        ImageNames.validateForJob(file);
      } catch (InvalidFileNameException refused) {
        leftOut.add(refused.getMessage());
        continue;
      }
      try {
        photos.put(file, Files.size(dir.resolve(file)));
      } catch (IOException gone) {
        // deleted while scanning: not a photo to send
      }
    }
    if (!leftOut.isEmpty()) {
      err.println(
          "biotrack submit: leaving out "
              + leftOut.size()
              + " file(s) a job cannot take, e.g. "
              + leftOut.get(0));
    }
    return photos;
  }

  /** Registers what the job lacks and uploads every photo it has not received yet. */
  private void upload(BiotrackClient client, String job, Map<String, Long> photos)
      throws IOException, InterruptedException {
    Map<String, Boolean> registered = new HashMap<>();
    String cursor = null;
    do {
      JsonNode page = client.files(job, cursor);
      page.path("files")
          .forEach(f -> registered.put(f.path("name").asText(), f.path("uploaded").asBoolean()));
      cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
    } while (cursor != null);
    long missingLocally = registered.keySet().stream().filter(n -> !photos.containsKey(n)).count();
    if (missingLocally > 0) {
      err.println(
          "biotrack submit: "
              + missingLocally
              + " file(s) registered in the job are not in "
              + dir
              + "; those not uploaded yet will not be processed");
    }
    Map<String, Long> todo = new LinkedHashMap<>();
    photos.forEach(
        (file, size) -> {
          if (!Boolean.TRUE.equals(registered.get(file))) {
            todo.put(file, size);
          }
        });
    int already = photos.size() - todo.size();
    out.println(
        photos.size()
            + " photos in "
            + dir
            + (already > 0 ? ", " + already + " already uploaded" : ""));
    if (todo.isEmpty()) {
      return;
    }
    // Registering (again) returns a fresh upload target for every photo still to send.
    Map<String, JsonNode> targets = new LinkedHashMap<>();
    List<String> names = new ArrayList<>(todo.keySet());
    for (int from = 0; from < names.size(); from += PAGE) {
      Map<String, Long> page = new LinkedHashMap<>();
      for (String file : names.subList(from, Math.min(names.size(), from + PAGE))) {
        page.put(file, todo.get(file));
      }
      for (JsonNode target : client.register(job, page).path("uploads")) {
        targets.put(target.path("name").asText(), target);
      }
    }
    new Uploads(client, dir, parallel, out, err).send(targets, todo);
  }

  private int finish(BiotrackClient client, JsonNode job) throws IOException, InterruptedException {
    String status = job.path("status").asText();
    String id = job.path("jobId").asText();
    if (!"COMPLETED".equals(status)) {
      err.println(
          "biotrack submit: job "
              + id
              + " is "
              + status
              + (job.hasNonNull("message") ? ": " + job.get("message").asText() : ""));
      return 1;
    }
    Path json =
        output != null
            ? output
            : Path.of(dir.toAbsolutePath().normalize().getFileName() + "-results.json");
    String base = json.getFileName().toString();
    Path csv =
        json.resolveSibling(
            (base.toLowerCase(java.util.Locale.ROOT).endsWith(".json")
                    ? base.substring(0, base.length() - 5)
                    : base)
                + ".csv");
    if (json.toAbsolutePath().getParent() != null) {
      Files.createDirectories(json.toAbsolutePath().getParent());
    }
    client.results(id, false, json);
    client.results(id, true, csv);
    out.println(
        "results: " + json + " (MegaDetector format, for Timelapse and AddaxAI) and " + csv);
    if (job.hasNonNull("warning")) {
      err.println("biotrack submit: " + job.get("warning").asText());
    }
    return 0;
  }
}
