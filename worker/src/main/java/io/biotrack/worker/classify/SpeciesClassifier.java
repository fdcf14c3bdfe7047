package io.biotrack.worker.classify;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
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
import io.biotrack.species.Classifications;
import io.biotrack.species.InvalidClassifierException;
import io.biotrack.species.SpeciesLabel;
import io.biotrack.worker.detect.DjlRuntime;
import io.biotrack.worker.detect.InferenceException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A SpeciesNet-contract classifier as TorchScript on DJL's PyTorch engine: float32 NHWC {@code [B,
 * 480, 480, 3]} in (uint8 crop / 255, as SpeciesNet's {@code batch_predict} feeds it), logits
 * {@code [B, labels]} out, softmax (libtorch's), top 5 highest first. Not thread-safe (one
 * predictor), like the detector.
 */
public final class SpeciesClassifier implements AutoCloseable {
  public static final int TOP = 5;

  /** {@code u / 255} in float64 then float32, as numpy's {@code arr / 255} stacked as float32. */
  private static final float[] INPUT = new float[256];

  static {
    for (int v = 0; v < 256; v++) {
      INPUT[v] = (float) (v / 255.0);
    }
  }

  private final ZooModel<float[][], float[][]> model;
  private final Predictor<float[][], float[][]> predictor;
  private final List<SpeciesLabel> labels;

  private SpeciesClassifier(ZooModel<float[][], float[][]> model, List<SpeciesLabel> labels) {
    this.model = model;
    this.predictor = model.newPredictor();
    this.labels = List.copyOf(labels);
  }

  /**
   * Loads the model and checks, with one forward pass of a black crop, that it has one output per
   * label: a labels file for another model is refused here, before any image is read.
   *
   * @throws InvalidClassifierException when the model cannot load or its output does not match
   */
  public static SpeciesClassifier load(
      Path file, List<SpeciesLabel> labels, Path cacheDir, int threads) {
    DjlRuntime.configure(cacheDir, threads);
    Criteria<float[][], float[][]> criteria =
        Criteria.builder()
            .setTypes(float[][].class, float[][].class)
            .optEngine("PyTorch")
            .optDevice(Device.cpu())
            .optModelPath(file.toAbsolutePath())
            .optOption("mapLocation", "true")
            .optTranslator(new Translator())
            .build();
    ZooModel<float[][], float[][]> zoo;
    try {
      zoo = criteria.loadModel();
      JniUtils.setNumThreads(threads);
    } catch (IOException | ModelNotFoundException | MalformedModelException | RuntimeException e) {
      throw new InvalidClassifierException(
          "cannot load classifier " + file + ": " + e.getMessage(), e);
    }
    SpeciesClassifier classifier = new SpeciesClassifier(zoo, labels);
    int outputs;
    try {
      outputs =
          classifier
              .predictor
              .predict(new float[][] {new float[SpeciesCrop.SIZE * SpeciesCrop.SIZE * 3]})[0]
              .length;
    } catch (TranslateException | RuntimeException e) {
      classifier.close();
      throw new InvalidClassifierException(
          "the classifier "
              + file
              + " does not take SpeciesNet's input (float32 [B, 480, 480, 3]): "
              + e.getMessage(),
          e);
    }
    if (outputs != labels.size()) {
      classifier.close();
      throw new InvalidClassifierException(
          "the classifier "
              + file
              + " has "
              + outputs
              + " outputs but its labels file has "
              + labels.size()
              + " labels: the labels file belongs to another model");
    }
    return classifier;
  }

  /** Scores for each crop (480×480 RGB bytes, HWC), in order. */
  public List<Classifications> classify(List<byte[]> crops) throws InferenceException {
    float[][] batch = new float[crops.size()][];
    for (int b = 0; b < crops.size(); b++) {
      byte[] crop = crops.get(b);
      float[] input = new float[crop.length];
      for (int i = 0; i < crop.length; i++) {
        input[i] = INPUT[crop[i] & 0xFF];
      }
      batch[b] = input;
    }
    float[][] scores;
    try {
      scores = predictor.predict(batch);
    } catch (TranslateException | RuntimeException e) {
      throw new InferenceException("classifier forward pass failed: " + e.getMessage(), e);
    }
    List<Classifications> out = new ArrayList<>(scores.length);
    for (float[] s : scores) {
      out.add(top(s));
    }
    return out;
  }

  private Classifications top(float[] scores) {
    // Highest first; equal scores by index, as a stable sort would give them.
    List<Integer> order =
        IntStream.range(0, scores.length)
            .boxed()
            .sorted(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> i))
            .limit(Math.min(TOP, scores.length))
            .toList();
    return new Classifications(
        order.stream().map(labels::get).toList(),
        order.stream().map(i -> (double) scores[i]).toList());
  }

  @Override
  public void close() {
    predictor.close();
    model.close();
  }

  /** float[B][480·480·3] in, softmax scores float[B][labels] out. */
  private static final class Translator implements NoBatchifyTranslator<float[][], float[][]> {
    @Override
    public NDList processInput(TranslatorContext ctx, float[][] batch) {
      int per = SpeciesCrop.SIZE * SpeciesCrop.SIZE * 3;
      ByteBuffer data =
          ByteBuffer.allocateDirect(batch.length * per * Float.BYTES)
              .order(ByteOrder.nativeOrder());
      FloatBuffer floats = data.asFloatBuffer();
      for (float[] crop : batch) {
        floats.put(crop);
      }
      NDArray input =
          ctx.getNDManager()
              .create(
                  data,
                  new Shape(batch.length, SpeciesCrop.SIZE, SpeciesCrop.SIZE, 3),
                  DataType.FLOAT32);
      return new NDList(input);
    }

    @Override
    public float[][] processOutput(TranslatorContext ctx, NDList list) {
      NDArray logits = list.get(0);
      Shape shape = logits.getShape();
      if (shape.dimension() != 2) {
        throw new IllegalStateException(
            "classifier output has shape " + shape + ", expected [B, labels]");
      }
      float[] flat = logits.softmax(-1).toFloatArray();
      int rows = (int) shape.get(0);
      int cols = (int) shape.get(1);
      float[][] out = new float[rows][cols];
      for (int r = 0; r < rows; r++) {
        System.arraycopy(flat, r * cols, out[r], 0, cols);
      }
      return out;
    }
  }
}
