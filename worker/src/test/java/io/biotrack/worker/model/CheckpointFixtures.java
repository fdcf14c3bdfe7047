package io.biotrack.worker.model;

import io.biotrack.model.CatalogueEntry;
import io.biotrack.model.ModelCatalogue;
import io.biotrack.model.OutputLayout;
import io.biotrack.model.PublishedCheckpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Checkpoints in MegaDetector's on-disk form, made by {@code
 * worker/scripts/make_test_checkpoint.py} with Debian's torch ({@code /usr/bin/python3}, package
 * python3-torch) and the stand-in YOLOv5 classes of {@code worker/scripts/standin}, and a catalogue
 * that knows them.
 */
final class CheckpointFixtures {
  static final Path SCRIPTS = Path.of("scripts").toAbsolutePath();
  static final Path STANDIN = SCRIPTS.resolve("standin");
  static final String PYTHON = "/usr/bin/python3";

  private CheckpointFixtures() {}

  static Path checkpoint(Path file, int classes) throws IOException, InterruptedException {
    return checkpoint(file, classes, null);
  }

  /**
   * @param metadata the {@code megadetector_info.json} the file carries, as MDv1000 files do; null
   *     for none, as in MDv5 files
   */
  static Path checkpoint(Path file, int classes, String metadata)
      throws IOException, InterruptedException {
    return checkpoint(file, classes, metadata, false);
  }

  /**
   * @param dual a stand-in of YOLOv9's dual anchor-free head (MDv1000-cedar's) instead of YOLOv5's
   */
  static Path checkpoint(Path file, int classes, String metadata, boolean dual)
      throws IOException, InterruptedException {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                PYTHON,
                SCRIPTS.resolve("make_test_checkpoint.py").toString(),
                file.toString(),
                "--classes",
                Integer.toString(classes)));
    if (metadata != null) {
      command.addAll(List.of("--metadata", metadata));
    }
    if (dual) {
      command.add("--dual");
    }
    Process p = new ProcessBuilder(command).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IOException("make_test_checkpoint.py failed (is python3-torch installed?)");
    }
    return file;
  }

  /** A catalogue with one YOLOv5-layout entry, {@code testmd}, publishing {@code sha256}. */
  static ModelCatalogue catalogue(String fileName, String sha256) {
    return catalogue("testmd", "yolov5", OutputLayout.YOLOV5, fileName, sha256);
  }

  /**
   * A catalogue with one entry {@code name} of {@code library} and {@code layout}, publishing
   * {@code sha256} (a worker runs an anchor-free model only under a name the real catalogue gives a
   * YOLOv9 library: {@code cedar}).
   */
  static ModelCatalogue catalogue(
      String name, String library, OutputLayout layout, String fileName, String sha256) {
    return new ModelCatalogue(
        List.of(
            new CatalogueEntry(
                name,
                "Test detector",
                "stand-in",
                library,
                layout,
                640,
                64,
                0.2,
                1.0,
                "MIT",
                List.of(
                    new PublishedCheckpoint(
                        fileName,
                        "v5a.0.1",
                        "https://example.invalid/" + fileName,
                        null,
                        sha256,
                        null)))));
  }
}
