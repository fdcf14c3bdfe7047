package io.biotrack.worker.detect;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A MegaDetector-contract TorchScript model on DJL's PyTorch engine: float32 {@code [1, 3, H, W]}
 * in (a channels-last view, see {@link ImageTensor}), the first element of the output tuple ({@code
 * [1, N, 5 + classes]}) out as plain floats.
 *
 * <p>Not thread-safe (one DJL predictor): the batch pipeline calls it from one thread. Every native
 * array of a call lives in the call's own manager and is freed when it returns.
 */
public final class TorchScriptModel implements AutoCloseable {
  /** The model's rows, {@code columns} values each. */
  public record Output(float[] rows, int columns) {
    public int rowCount() {
      return rows.length / columns;
    }
  }

  private final ZooModel<ImageTensor, Output> model;
  private final Predictor<ImageTensor, Output> predictor;
  private final Predictor<List<ImageTensor>, List<Output>> batchPredictor;
  private final Path file;

  private TorchScriptModel(Path file, ZooModel<ImageTensor, Output> model) {
    this.file = file;
    this.model = model;
    this.predictor = model.newPredictor();
    this.batchPredictor = model.newPredictor(new BatchTranslator());
  }

  /**
   * Loads a model file (already resolved and verified, see {@link io.biotrack.model.ModelFiles}) on
   * the CPU.
   *
   * @param threads intra-op threads, see {@link DjlRuntime#threads(int)}
   */
  public static TorchScriptModel load(Path file, Path cacheDir, int threads) {
    return load(file, cacheDir, threads, DeviceChoice.CPU);
  }

  /**
   * {@link #load(Path, Path, int)} on the device {@code device} resolves to ({@link DeviceChoice}).
   */
  public static TorchScriptModel load(Path file, Path cacheDir, int threads, DeviceChoice device) {
    DjlRuntime.configure(cacheDir, threads);
    Criteria<ImageTensor, Output> criteria =
        Criteria.builder()
            .setTypes(ImageTensor.class, Output.class)
            .optEngine("PyTorch")
            .optDevice(device.resolve())
            .optModelPath(file.toAbsolutePath())
            .optOption("mapLocation", "true")
            .optTranslator(new Translator())
            .build();
    try {
      ZooModel<ImageTensor, Output> zoo = criteria.loadModel();
      // The engine is a JVM singleton: apply the count even if it started earlier.
      JniUtils.setNumThreads(threads);
      return new TorchScriptModel(file, zoo);
    } catch (IOException | ModelNotFoundException | MalformedModelException | RuntimeException e) {
      throw new DetectorException("cannot load model " + file + ": " + e.getMessage(), e);
    }
  }

  public Path file() {
    return file;
  }

  /**
   * @throws InferenceException when the forward pass fails
   */
  public Output forward(ImageTensor input) throws InferenceException {
    try {
      return predictor.predict(input);
    } catch (TranslateException | RuntimeException e) {
      throw new InferenceException("forward pass failed: " + e.getMessage(), e);
    }
  }

  /** The device the model was loaded on, as DJL names it ({@code cpu()}, {@code gpu(0)}). */
  public String device() {
    Device device = model.getNDManager().getDevice();
    return device.isGpu() ? "cuda:" + device.getDeviceId() : "cpu";
  }

  /**
   * One forward pass over images of the same letterboxed size, stacked into {@code [B, 3, H, W]} as
   * MegaDetector stacks a shape group; one output per image, in order.
   *
   * @throws InferenceException when the forward pass fails (for every image of the batch)
   * @throws IllegalArgumentException when the inputs differ in size
   */
  public List<Output> forward(List<ImageTensor> inputs) throws InferenceException {
    if (inputs.size() == 1) {
      return List.of(forward(inputs.get(0)));
    }
    ImageTensor first = inputs.get(0);
    for (ImageTensor input : inputs) {
      if (input.height() != first.height() || input.width() != first.width()) {
        throw new IllegalArgumentException("a batch needs inputs of one size");
      }
    }
    try {
      return batchPredictor.predict(inputs);
    } catch (TranslateException | RuntimeException e) {
      throw new InferenceException("forward pass failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    batchPredictor.close();
    predictor.close();
    model.close();
  }

  /** Images of one size stacked into one batch, the output split back per image. */
  private static final class BatchTranslator
      implements NoBatchifyTranslator<List<ImageTensor>, List<Output>> {
    @Override
    public NDList processInput(TranslatorContext ctx, List<ImageTensor> inputs) {
      NDList images = new NDList(inputs.size());
      for (ImageTensor input : inputs) {
        images.add(
            ctx.getNDManager()
                .create(
                    input.data(),
                    new Shape(1, input.height(), input.width(), 3),
                    DataType.FLOAT32));
      }
      // [B, H, W, 3] permuted to [B, 3, H, W]: channels-last, as for one image.
      return new NDList(NDArrays.concat(images, 0).transpose(0, 3, 1, 2));
    }

    @Override
    public List<Output> processOutput(TranslatorContext ctx, NDList list) {
      NDArray rows = list.get(0);
      Shape shape = rows.getShape();
      if (shape.dimension() != 3 || shape.get(2) < 6) {
        throw new IllegalStateException("model output has shape " + shape + ", expected [B, N, 8]");
      }
      float[] all = rows.toFloatArray();
      int batch = (int) shape.get(0);
      int each = all.length / batch;
      List<Output> outputs = new ArrayList<>(batch);
      for (int i = 0; i < batch; i++) {
        outputs.add(
            new Output(Arrays.copyOfRange(all, i * each, (i + 1) * each), (int) shape.get(2)));
      }
      return outputs;
    }
  }

  private static final class Translator implements NoBatchifyTranslator<ImageTensor, Output> {
    @Override
    public NDList processInput(TranslatorContext ctx, ImageTensor input) {
      // A direct ByteBuffer: libtorch reads it in place (from_blob), nothing is copied. The
      // buffer is H×W×3; permuting it to [1, 3, H, W] is a view with channels-last strides, so
      // libtorch runs the whole network channels-last (see ImageTensor).
      NDArray hwc =
          ctx.getNDManager()
              .create(
                  input.data(), new Shape(1, input.height(), input.width(), 3), DataType.FLOAT32);
      return new NDList(hwc.transpose(0, 3, 1, 2));
    }

    @Override
    public Output processOutput(TranslatorContext ctx, NDList list) {
      NDArray rows = list.get(0); // the export's 1-tuple becomes a one-array list
      Shape shape = rows.getShape();
      if (shape.dimension() != 3 || shape.get(0) != 1 || shape.get(2) < 6) {
        throw new IllegalStateException("model output has shape " + shape + ", expected [1, N, 8]");
      }
      return new Output(rows.toFloatArray(), (int) shape.get(2));
    }
  }
}
