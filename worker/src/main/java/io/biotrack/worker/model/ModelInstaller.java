package io.biotrack.worker.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.biotrack.model.CatalogueEntry;
import io.biotrack.model.CheckpointInputSize;
import io.biotrack.model.InstalledModel;
import io.biotrack.model.InstalledModels;
import io.biotrack.model.ModelCatalogue;
import io.biotrack.model.ModelFileCheck;
import io.biotrack.model.ModelManifest;
import io.biotrack.model.PublishedCheckpoint;
import io.biotrack.worker.detect.DetectorException;
import io.biotrack.worker.detect.MegaDetector;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code biotrack model install NAME [--from FILE]}: a published MegaDetector checkpoint to an
 * installed, verified TorchScript model in {@code {models}/NAME/}.
 *
 * <ol>
 *   <li>the checkpoint (downloaded, or the user's file) must match a digest the catalogue publishes
 *       for NAME, else nothing is installed and both digests are shown;
 *   <li>it is converted in a private Python environment ({@link ConverterSetup});
 *   <li>the result is loaded by the worker's own engine and run once ({@code ModelProbe}), so a
 *       model that would fail jobs is never installed;
 *   <li>the TorchScript file, its {@code .sha256} and {@code model.json} are written into a hidden
 *       folder, which then replaces {@code NAME/} in one rename.
 * </ol>
 */
public final class ModelInstaller {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ModelCatalogue catalogue;
  private final InstalledModels models;
  private final ConverterSetup converters;
  private final CheckpointSource downloads;
  private final Path engineCache;
  private final int threads;
  private final PrintStream log;
  private final Clock clock;

  public ModelInstaller(
      ModelCatalogue catalogue,
      InstalledModels models,
      ConverterSetup converters,
      CheckpointSource downloads,
      Path engineCache,
      int threads,
      PrintStream log,
      Clock clock) {
    this.catalogue = catalogue;
    this.models = models;
    this.converters = converters;
    this.downloads = downloads;
    this.engineCache = engineCache;
    this.threads = threads;
    this.log = log;
    this.clock = clock;
  }

  /** Fetches a published checkpoint into a folder (the real one downloads; tests pass files). */
  @FunctionalInterface
  public interface CheckpointSource {
    Path fetch(PublishedCheckpoint checkpoint, Path into) throws InstallException;
  }

  /**
   * @param from the checkpoint the user downloaded; null to download the current one
   * @throws InstallException when it is refused or fails; nothing is installed then
   */
  public InstalledModel install(String name, Path from) throws InstallException {
    CatalogueEntry entry =
        catalogue
            .find(name)
            .orElseThrow(
                () ->
                    new InstallException(
                        "unknown model '"
                            + name
                            + "': the catalogue has "
                            + String.join(", ", catalogue.names())
                            + " (`./biotrack model list`)",
                        true));
    if (entry.library().equals("ultralytics")) {
      // The worker decodes YOLO11 heads, but ultralytics' export and its box scaling have not
      // been run against MegaDetector's own code here (docs/models.md, "Not done").
      throw new InstallException(
          entry.name()
              + " ("
              + entry.architecture()
              + ", ultralytics) is listed but not supported"
              + " by this version yet: its conversion has not been checked against MegaDetector;"
              + " install mdv5a, mdv5b, redwood, cedar or spruce",
          true);
    }
    Path staging;
    try {
      Files.createDirectories(models.dir());
      staging = Files.createTempDirectory(models.dir(), "." + entry.name() + ".installing-");
    } catch (IOException e) {
      throw new InstallException(
          "cannot write to the models folder " + models.dir() + ": " + e.getMessage(), false);
    }
    try {
      Path checkpoint = from != null ? from : downloads.fetch(entry.current(), staging);
      if (!Files.isRegularFile(checkpoint)) {
        throw new InstallException(checkpoint + " does not exist", true);
      }
      FileDigests digests = digests(checkpoint);
      PublishedCheckpoint published = match(entry, checkpoint, digests);
      if (ModelFileCheck.kind(checkpoint) != ModelFileCheck.Kind.CHECKPOINT) {
        throw new InstallException(checkpoint + " is not a PyTorch checkpoint", true);
      }
      log.println(
          "biotrack: "
              + checkpoint.getFileName()
              + " is "
              + published.fileName()
              + " ("
              + (published.sha256() != null ? "SHA-256" : "MD5")
              + " matches the catalogue); converting");
      CheckpointInputSize input = inputSize(entry, checkpoint);
      String stem = published.fileName().replaceFirst("\\.pt$", "");
      Path torchScript = staging.resolve(stem + ".torchscript");
      JsonNode report = convert(entry, checkpoint, torchScript, input);
      String sha256 = digests(torchScript).sha256();
      Files.writeString(
          staging.resolve(torchScript.getFileName() + ".sha256"),
          sha256 + "  " + torchScript.getFileName() + "\n",
          StandardCharsets.UTF_8);
      ModelManifest manifest =
          new ModelManifest(
              entry.name(),
              entry.title(),
              torchScript.getFileName().toString(),
              sha256,
              entry.layout(),
              input.imageSize(),
              input.stride(),
              3,
              published.fileName(),
              published.version(),
              new ModelManifest.Source(
                  published.fileName(),
                  published.url(),
                  digests.size(),
                  digests.sha256(),
                  digests.md5()),
              converterVersions(report),
              clock.instant().toString());
      manifest.writeTo(staging);
      verifyWithTheEngine(staging);
      Path installed = replace(staging, models.folder(entry.name()));
      log.println(
          "biotrack: installed " + entry.name() + " in " + installed + " (SHA-256 " + sha256 + ")");
      // A cluster reads models from its share; the chart's expected digest makes workers refuse
      // a share that holds anything else (docs/deploy-aks.md).
      log.println(
          "biotrack: for a cluster, upload "
              + installed
              + " to the model share as "
              + entry.name()
              + "/ and set the chart value model.sha256."
              + entry.name()
              + "="
              + sha256);
      return models.find(entry.name()).orElseThrow();
    } catch (IOException e) {
      throw new InstallException(
          "install of " + entry.name() + " failed: " + e.getMessage(), false);
    } finally {
      deleteTree(staging);
    }
  }

  /** The published file {@code checkpoint} is, by digest; else a refusal naming both digests. */
  private static PublishedCheckpoint match(CatalogueEntry entry, Path checkpoint, FileDigests d)
      throws InstallException {
    for (PublishedCheckpoint published : entry.checkpoints()) {
      boolean matches =
          published.sha256() != null
              ? published.sha256().equalsIgnoreCase(d.sha256())
              : published.md5().equalsIgnoreCase(d.md5());
      if (matches) {
        return published;
      }
    }
    String expected =
        entry.checkpoints().stream()
            .map(
                p ->
                    p.fileName()
                        + " has "
                        + (p.sha256() != null
                            ? "SHA-256 " + p.sha256()
                            : "MD5 " + p.md5() + " (MegaDetector publishes no SHA-256)"))
            .collect(Collectors.joining("; "));
    throw new InstallException(
        checkpoint
            + " is not the published "
            + entry.name()
            + " checkpoint, nothing was installed: it has SHA-256 "
            + d.sha256()
            + " and MD5 "
            + d.md5()
            + ", but "
            + expected
            + " (a partial or altered download? download it again)",
        true);
  }

  /**
   * The size MegaDetector runs this very file at: its own metadata's, not the catalogue's (which is
   * the release notes'), so an install runs what {@code run_detector_batch} runs.
   */
  private CheckpointInputSize inputSize(CatalogueEntry entry, Path checkpoint)
      throws InstallException, IOException {
    CheckpointInputSize input;
    try {
      input = CheckpointInputSize.of(checkpoint);
    } catch (java.util.zip.ZipException e) {
      throw new InstallException(checkpoint + " is not a PyTorch checkpoint", true);
    }
    log.println(
        "biotrack: "
            + entry.name()
            + " runs at "
            + input.imageSize()
            + " px, stride "
            + input.stride()
            + (input.fromMetadata()
                ? " (the checkpoint's megadetector_info.json, as MegaDetector reads it)"
                : " (the checkpoint has no image_size in megadetector_info.json:"
                    + " MegaDetector's default)")
            + (input.imageSize() != entry.imageSize()
                ? "; the catalogue lists " + entry.imageSize()
                : ""));
    return input;
  }

  private JsonNode convert(
      CatalogueEntry entry, Path checkpoint, Path output, CheckpointInputSize input)
      throws InstallException, IOException {
    Converter converter = converters.prepare(entry.library());
    Path script =
        ConverterScripts.extract(ConverterScripts.SCRIPT, output.getParent().resolve(".convert"));
    List<String> command = new ArrayList<>(converter.python());
    command.addAll(
        List.of(
            script.toString(),
            "--checkpoint",
            checkpoint.toAbsolutePath().toString(),
            "--output",
            output.toAbsolutePath().toString(),
            "--library",
            entry.library(),
            "--image-size",
            Integer.toString(input.imageSize()),
            "--stride",
            Integer.toString(input.stride())));
    if (converter.libraryPath() != null) {
      command.addAll(List.of("--library-path", converter.libraryPath().toString()));
    }
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String stdout;
    try (InputStream in = process.getInputStream()) {
      stdout = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    int code;
    try {
      code = process.waitFor();
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
      throw new InstallException("interrupted", false);
    }
    Optional<String> last = stdout.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b);
    if (code != 0 || last.isEmpty() || !Files.isRegularFile(output)) {
      throw new InstallException(
          "the conversion of "
              + checkpoint.getFileName()
              + " failed (exit code "
              + code
              + "; see the messages above), nothing was installed",
          false);
    }
    return JSON.readTree(last.get());
  }

  /** The worker's own engine loads the file and runs it once, as every worker will. */
  private void verifyWithTheEngine(Path staging) throws InstallException {
    try (MegaDetector detector =
        MegaDetector.open(staging, engineCache, threads, MegaDetector.DEFAULT_THRESHOLD)) {
      log.println("biotrack: the worker's engine loads and runs " + detector.modelName());
    } catch (DetectorException e) {
      throw new InstallException(
          "the converted model does not run in the worker, nothing was installed: "
              + e.getMessage().lines().findFirst().orElse(""),
          false);
    }
  }

  private static Map<String, String> converterVersions(JsonNode report) {
    Map<String, String> versions = new LinkedHashMap<>();
    for (String key : List.of("python", "torch", "library", "library_version", "max_abs_diff")) {
      if (report.hasNonNull(key)) {
        versions.put(key, report.get(key).asText());
      }
    }
    return versions;
  }

  /** Puts {@code staging} in place of {@code target}, the old install removed only afterwards. */
  private static Path replace(Path staging, Path target) throws IOException {
    deleteTree(staging.resolve(".convert"));
    Path old = null;
    if (Files.exists(target)) {
      old = target.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
      Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    if (old != null) {
      deleteTree(old);
    }
    return target;
  }

  private static FileDigests digests(Path file) throws InstallException {
    try {
      return FileDigests.of(file);
    } catch (IOException e) {
      throw new InstallException("cannot read " + file + ": " + e.getMessage(), true);
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // Left behind: a hidden folder, which the models folder's listing skips.
    }
  }
}
