package io.biotrack.worker.detect;

import io.biotrack.model.ModelFileCheck;
import io.biotrack.model.OutputLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Runs a loaded model once on a small grey image and checks that its output has the layout it is
 * decoded with, so that a model with another head (another number of classes, a segmentation model,
 * a raw network without its decoding) stops the worker at start instead of producing garbage or
 * failing every image. 64×64 is the smallest input every MegaDetector stride (32, 64) divides; the
 * forward costs a few milliseconds even for MDv5.
 */
public final class ModelProbe {
  static final int SIZE = 64;

  /** MegaDetector's classes: animal, person, vehicle. */
  public static final int CLASSES = 3;

  private ModelProbe() {}

  /**
   * @throws DetectorException in one line, naming the file, the shape and the fix
   */
  public static void requireLayout(TorchScriptModel model, OutputLayout layout, String name) {
    TorchScriptModel.Output output;
    try {
      output = model.forward(grey());
    } catch (InferenceException e) {
      throw new DetectorException(
          model.file()
              + " cannot run as a MegaDetector model ("
              + firstLine(e.getMessage())
              + "): "
              + ModelFileCheck.reinstallHint(model.file(), name)
                  .replace("install the model again", "install a MegaDetector model"));
    }
    int columns = output.columns();
    int rows = output.rowCount();
    int expected = layout.valuesPerBox(CLASSES);
    boolean fits =
        layout == OutputLayout.YOLOV5 ? columns == expected : rows == expected && columns > 0;
    if (!fits) {
      throw new DetectorException(
          model.file()
              + ": the model's output has shape [1, "
              + rows
              + ", "
              + columns
              + "], not "
              + (layout == OutputLayout.YOLOV5
                  ? "[1, N, " + expected + "] (YOLOv5 rows of box, objectness, 3 classes)"
                  : "[1, " + expected + ", N] (box and 3 class scores per column)")
              + ": it is not a MegaDetector model exported for Biotrack; "
              + ModelFileCheck.reinstallHint(model.file(), name)
                  .replace("install the model again", "install one"));
    }
  }

  private static ImageTensor grey() {
    ByteBuffer data =
        ByteBuffer.allocateDirect(3 * SIZE * SIZE * Float.BYTES).order(ByteOrder.nativeOrder());
    for (int i = 0; i < 3 * SIZE * SIZE; i++) {
      data.putFloat(i * Float.BYTES, 114 / 255f);
    }
    return new ImageTensor(data, SIZE, SIZE);
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }

  /** For messages about files that are not installed models. */
  static String fileName(Path file) {
    return file.getFileName().toString();
  }
}
