package io.biotrack.worker.cli;

import io.biotrack.model.CatalogueEntry;
import io.biotrack.model.InstalledModel;
import io.biotrack.model.InstalledModels;
import io.biotrack.model.InvalidModelException;
import io.biotrack.model.ModelCatalogue;
import io.biotrack.model.ModelFiles;
import io.biotrack.model.PublishedCheckpoint;
import io.biotrack.species.SpeciesNetReleases;
import io.biotrack.worker.detect.DetectorException;
import io.biotrack.worker.detect.DjlRuntime;
import io.biotrack.worker.detect.MegaDetector;
import io.biotrack.worker.model.Converter;
import io.biotrack.worker.model.ConverterSetup;
import io.biotrack.worker.model.HttpDownload;
import io.biotrack.worker.model.InstallException;
import io.biotrack.worker.model.ModelInstaller;
import io.biotrack.worker.model.PrivateEnvironment;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code model list | install NAME | check}: the models a worker and the platform run. */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description =
        "MegaDetector models and SpeciesNet classifiers: list the catalogue, install one, check the"
            + " installed ones.",
    subcommands = {
      ModelCommand.ListModels.class,
      ModelCommand.Install.class,
      ModelCommand.Check.class
    })
public final class ModelCommand {
  static PrintStream out = System.out;
  static PrintStream err = System.err;

  /** Tests give their own catalogue (entries for the checkpoints they make). */
  static ModelCatalogue catalogue = ModelCatalogue.megadetector();

  /** Where the platform looks for the species classifier: DATA/models/speciesnet/. */
  static final String SPECIESNET_FOLDER = io.biotrack.species.SpeciesNetFolder.CACHE_NAME;

  /** {@code --data DIR}: the models are in {@code DIR/models}. */
  static class DataOption {
    @Option(
        names = "--data",
        defaultValue = "${env:BIOTRACK_DATA_DIR:-data}",
        description =
            "The platform's data folder; models are in DIR/models (default: $BIOTRACK_DATA_DIR or"
                + " ./data).")
    Path data;

    InstalledModels models() {
      return new InstalledModels(data.resolve("models"));
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Every model the catalogue has, and which are installed.")
  static final class ListModels implements Callable<Integer> {
    @picocli.CommandLine.Mixin DataOption data = new DataOption();

    @Override
    public Integer call() {
      InstalledModels models = data.models();
      List<InstalledModel> installed;
      try {
        installed = models.list();
      } catch (InvalidModelException e) {
        err.println("biotrack: " + e.getMessage());
        return 2;
      }
      out.printf(
          Locale.ROOT,
          "%-8s %-27s %-9s %5s %6s %9s %-7s %s%n",
          "NAME",
          "MODEL",
          "ARCH",
          "INPUT",
          "SPEED",
          "THRESHOLD",
          "LICENCE",
          "INSTALLED");
      for (CatalogueEntry e : catalogue.entries()) {
        Optional<InstalledModel> here =
            installed.stream().filter(m -> m.name().equals(e.name())).findFirst();
        out.printf(
            Locale.ROOT,
            "%-8s %-27s %-9s %5d %5.1fx %9s %-7s %s%n",
            e.name(),
            e.title(),
            e.architecture(),
            e.imageSize(),
            e.relativeSpeed(),
            e.typicalThreshold() == null ? "-" : e.typicalThreshold().toString(),
            e.licence(),
            here.map(ListModels::installedAs).orElse("no"));
        for (PublishedCheckpoint c : e.checkpoints()) {
          out.printf(
              Locale.ROOT,
              "         %s  MD5 %s  SHA-256 %s  size %s%n",
              c.url(),
              c.md5(),
              c.sha256() == null ? "not published" : c.sha256(),
              c.size() == null ? "not published" : c.size() + " bytes");
        }
      }
      installed.stream()
          .filter(m -> catalogue.find(m.name()).isEmpty())
          .forEach(
              m ->
                  out.println(
                      "also installed: "
                          + m.name()
                          + " ("
                          + m.file()
                          + ", not from the catalogue)"));
      out.println(
          "INPUT: the release notes' size; an installed model runs at the size its own file gives"
              + " MegaDetector (shown after it). SPEED: MegaDetector's relative speed (MDv5 = 1)."
              + " THRESHOLD: its typical detection threshold ('-': none published; it falls back to"
              + " 0.2). Install: ./biotrack model install NAME");
      listSpeciesNet(data.data.resolve("models").resolve(SPECIESNET_FOLDER));
      return 0;
    }

    /** "yes (md_v1000.0.0-spruce.pt, 640 px)": the file and the size it runs at. */
    private static String installedAs(InstalledModel m) {
      return m.manifest() != null && m.manifest().imageSize() > 0
          ? "yes (" + m.detector() + ", " + m.manifest().imageSize() + " px)"
          : "yes (" + m.detector() + ")";
    }

    /** SpeciesNet's published classifiers, and the version in DATA/models/speciesnet/ if any. */
    private static void listSpeciesNet(Path folder) {
      String installed = installedSpeciesNetVersion(folder);
      out.println();
      out.printf(
          Locale.ROOT,
          "%-20s %-8s %-12s %-5s %s%n",
          "SPECIES CLASSIFIER",
          "VERSION",
          "TYPE",
          "RUNS",
          "INSTALLED");
      for (SpeciesNetReleases.Release r : SpeciesNetReleases.all()) {
        out.printf(
            Locale.ROOT,
            "%-20s %-8s %-12s %-5s %s%n",
            r.name(),
            r.version(),
            r.type(),
            r.runsHere() ? "yes" : "no",
            r.version().equals(installed) ? "yes (" + folder + ")" : "no");
        out.printf(Locale.ROOT, "         %s  SHA-256 not published  MD5 not published%n", r.url());
      }
      if (installed != null
          && SpeciesNetReleases.all().stream().noneMatch(r -> r.version().equals(installed))) {
        out.println("also installed: SpeciesNet " + installed + " (" + folder + ")");
      }
      out.println(
          "RUNS: Biotrack runs the crop classifiers (\"a\", always_crop) only. SpeciesNet publishes"
              + " no digests. Install: ./biotrack model install NAME says how (docs/species.md).");
    }

    /** The {@code version} of DATA/models/speciesnet/info.json; null when none is installed. */
    private static String installedSpeciesNetVersion(Path folder) {
      Path info = folder.resolve("info.json");
      if (!java.nio.file.Files.isRegularFile(info)) {
        return null;
      }
      try {
        return new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(info.toFile())
            .path("version")
            .asText(null);
      } catch (java.io.IOException e) {
        return "unreadable info.json";
      }
    }
  }

  @Command(
      name = "install",
      mixinStandardHelpOptions = true,
      description = {
        "Downloads the model's published checkpoint (or takes --from FILE), verifies its digest"
            + " against the catalogue, converts it to TorchScript in a private Python environment"
            + " and installs it in DATA/models/NAME/.",
        "Exit codes: 0 installed, 2 refused (unknown name, digest mismatch), 1 failed."
      })
  static final class Install implements Callable<Integer> {
    @Parameters(
        index = "0",
        paramLabel = "NAME",
        description = "A catalogue name (./biotrack model list).")
    String name;

    @Option(
        names = "--from",
        paramLabel = "FILE",
        description = "A checkpoint you downloaded (e.g. md_v5a.0.1.pt).")
    Path from;

    @picocli.CommandLine.Mixin DataOption data = new DataOption();

    @Option(
        names = "--python",
        paramLabel = "PYTHON",
        description =
            "Convert with this Python as it is (it must have torch and the model's YOLO"
                + " library) instead of the private environment.")
    String python;

    @Option(
        names = "--library-path",
        paramLabel = "DIR",
        hidden = true,
        description = "A folder holding the checkpoint's classes (tests: a stand-in YOLOv5).")
    Path libraryPath;

    @Option(
        names = "--cache-dir",
        defaultValue = "${env:BIOTRACK_CACHE_DIR}",
        description = "Where the engine's libraries and the conversion environments live.")
    Path cacheDir;

    @Override
    public Integer call() {
      Optional<SpeciesNetReleases.Release> species = SpeciesNetReleases.find(name);
      if (species.isPresent()) {
        err.println(
            "biotrack: "
                + speciesNetSteps(
                    species.get(), data.data.resolve("models").resolve(SPECIESNET_FOLDER)));
        return 2;
      }
      ConverterSetup setup =
          python != null
              ? ConverterSetup.fixed(
                  new Converter(List.of(python), libraryPath, "--python " + python))
              : new PrivateEnvironment(environmentRoot(), "python3", err);
      ModelInstaller installer =
          new ModelInstaller(
              catalogue,
              data.models(),
              setup,
              new HttpDownload(err),
              cacheDir,
              DjlRuntime.threads(0),
              err,
              Clock.systemUTC());
      try {
        InstalledModel model = installer.install(name, from);
        out.println("installed " + model.name() + ": " + model.file());
        return 0;
      } catch (InstallException e) {
        err.println("biotrack: " + e.getMessage());
        return e.refused() ? 2 : 1;
      }
    }

    /**
     * What to do instead for a SpeciesNet release: its archive holds PyTorch weights that only
     * SpeciesNet's Python can load (Kaggle's download, no published digest to verify it against),
     * and they are traced to TorchScript once by hand (docs/species.md, "Running it").
     */
    static String speciesNetSteps(SpeciesNetReleases.Release release, Path folder) {
      if (!release.runsHere()) {
        return release.name()
            + " is SpeciesNet's whole-image classifier (full_image); Biotrack runs"
            + " the crop classifiers only: install "
            + release.name().replaceAll("b$", "a")
            + " instead.";
      }
      return release.name()
          + " is not installed automatically: SpeciesNet publishes no digest to"
          + " verify a download against, and its PyTorch weights must be traced to TorchScript with"
          + " SpeciesNet's own Python. Download "
          + release.url()
          + ", unpack it into "
          + folder
          + ", trace the classifier as docs/species.md says (\"Running it\"), then check it with"
          + " ./biotrack detect DIR -o out.json --classifier "
          + folder
          + ".";
    }

    private Path environmentRoot() {
      Path base =
          cacheDir != null
              ? cacheDir
              : Path.of(System.getProperty("user.home"), ".cache", "biotrack");
      return base.resolve("convert");
    }
  }

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
        "Checks every installed model (and --model) as start-up does: a complete TorchScript file"
            + " that matches its recorded digest; a model installed by hand (no model.json) is also"
            + " loaded and run once to check its output.",
        "Prints one line and exits 2 at the first model that fails."
      })
  static final class Check implements Callable<Integer> {
    @picocli.CommandLine.Mixin DataOption data = new DataOption();

    @Option(
        names = "--model",
        paramLabel = "PATH",
        description = "A model file or folder to check too.")
    Path model;

    @Option(names = "--cache-dir", defaultValue = "${env:BIOTRACK_CACHE_DIR}", hidden = true)
    Path cacheDir;

    @Override
    public Integer call() {
      try {
        List<InstalledModel> installed = data.models().checkAll();
        for (InstalledModel m : installed) {
          if (m.manifest() == null) {
            run(m.file()); // installed by hand: nobody has run it yet
          }
        }
        if (model != null) {
          run(ModelFiles.resolveAndVerify(model));
        }
        out.println(
            "models: "
                + (installed.isEmpty()
                    ? "none installed"
                    : String.join(", ", installed.stream().map(InstalledModel::name).toList()))
                + " (checked)");
        return 0;
      } catch (InvalidModelException | DetectorException e) {
        err.println("biotrack: " + e.getMessage().lines().findFirst().orElse(""));
        return 2;
      }
    }

    private void run(Path file) {
      try (MegaDetector detector =
          MegaDetector.open(file, cacheDir, 2, MegaDetector.DEFAULT_THRESHOLD)) {
        // open() ran the model once and checked its output
      }
    }
  }
}
