package io.biotrack.worker.detect;

import io.biotrack.model.InvalidModelException;
import io.biotrack.model.MegaDetectorVersions;
import io.biotrack.model.ModelCatalogue;
import io.biotrack.model.ModelFileCheck;
import io.biotrack.model.ModelFiles;
import io.biotrack.model.ModelManifest;
import io.biotrack.model.OutputLayout;
import io.biotrack.results.Detection;
import io.biotrack.results.ImageResult;
import io.biotrack.results.ResultsInfo;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MegaDetector v5's classic pipeline for one image: decode → letterbox → tensor → forward →
 * candidates → NMS → back-projection → detections (spec §11).
 *
 * <p>Split in two so a pipeline can decode ahead: {@link #prepare} (decode, letterbox, tensor) is
 * thread-safe and CPU-only; {@link #detect(PreparedImage)} runs the model and must be called from
 * one thread at a time. Neither throws for a bad image: failures come back as MegaDetector failure
 * entries.
 *
 * <p>A batch decodes through a {@link DecodeGate}: the image's peak heap is estimated from its
 * header and admitted (or refused) before any pixel is decoded. The decode itself is the same with
 * or without a gate, so results for images that are admitted do not change.
 */
public final class MegaDetector implements AutoCloseable {
  /** MegaDetector's default output threshold ({@code DEFAULT_OUTPUT_CONFIDENCE_THRESHOLD}). */
  public static final float DEFAULT_THRESHOLD = 0.005f;

  private static final Logger log = LoggerFactory.getLogger(MegaDetector.class);

  private final ImageDecoder decoder = new ImageDecoder();
  private final TorchScriptModel model;
  private final float threshold;
  private final String detector;
  private final String version;
  private final OutputLayout layout;
  private final int imageSize;
  private final int stride;
  private final BoxScaling scaling;

  public MegaDetector(TorchScriptModel model, float threshold) {
    this(model, threshold, null);
  }

  /**
   * @param manifest the installed model's {@code model.json} (it names the published checkpoint and
   *     MegaDetector's version for the results); null: both come from the file name, as in
   *     MegaDetector
   */
  public MegaDetector(TorchScriptModel model, float threshold, ModelManifest manifest) {
    if (!(threshold >= 0 && threshold < 1)) {
      throw new IllegalArgumentException("threshold must be in [0, 1), was " + threshold);
    }
    this.model = model;
    this.threshold = threshold;
    String fileName = model.file().getFileName().toString();
    this.detector =
        manifest != null && manifest.detector() != null ? manifest.detector() : fileName;
    this.version =
        manifest != null && manifest.megadetectorVersion() != null
            ? manifest.megadetectorVersion()
            : MegaDetectorVersions.fromFileName(fileName);
    // Without a manifest (a file put in by hand) the model is taken as MDv5, as MegaDetector
    // assumes YOLOv5 at 1280 for a file without metadata. An installed model, of any layout, runs
    // at the size its model.json gives: the install took it from the checkpoint's own metadata,
    // as MegaDetector does (CheckpointInputSize); MDv1000-spruce's is not MDv5's 1280.
    this.layout = manifest != null ? manifest.layout() : OutputLayout.YOLOV5;
    boolean ownSize = manifest != null && manifest.imageSize() > 0 && manifest.stride() > 0;
    this.imageSize = ownSize ? manifest.imageSize() : LetterboxGeometry.IMAGE_SIZE;
    this.stride = ownSize ? manifest.stride() : LetterboxGeometry.STRIDE;
    // MegaDetector maps boxes back with the scale_boxes of the model's library: ultralytics'
    // rounds the padding (larch, sorrel), YOLOv5's and YOLOv9's do not.
    this.scaling =
        manifest != null
                && ModelCatalogue.megadetector()
                    .find(manifest.name())
                    .map(e -> e.library().equals("ultralytics"))
                    .orElse(false)
            ? BoxScaling.ULTRALYTICS
            : BoxScaling.YOLOV5;
  }

  /**
   * Resolves, verifies and loads {@code modelLocation} (file or directory), and checks that the
   * model's output has the layout it is decoded with ({@link ModelProbe}).
   *
   * @throws DetectorException with one line naming the file and the fix
   */
  public static MegaDetector open(Path modelLocation, Path cacheDir, int threads, float threshold) {
    return open(modelLocation, cacheDir, threads, threshold, DeviceChoice.CPU);
  }

  /** An anchor-free model of the catalogue whose library has parity with MegaDetector: YOLOv9. */
  private static boolean checkedAnchorFree(ModelManifest manifest) {
    return ModelCatalogue.megadetector()
        .find(manifest.name())
        .map(e -> e.library().equals("yolov9"))
        .orElse(false);
  }

  /** {@link #open(Path, Path, int, float)} on {@code device} ({@code --device}). */
  public static MegaDetector open(
      Path modelLocation, Path cacheDir, int threads, float threshold, DeviceChoice device) {
    Path file;
    try {
      file = ModelFiles.resolveAndVerify(modelLocation);
    } catch (InvalidModelException e) {
      throw new DetectorException(e.getMessage(), e);
    }
    String name = ModelFiles.installedName(file);
    ModelManifest manifest =
        ModelManifest.readFrom(file.toAbsolutePath().getParent())
            .filter(m -> m.file().equals(file.getFileName().toString()))
            .orElse(null);
    OutputLayout layout = manifest != null ? manifest.layout() : OutputLayout.YOLOV5;
    if (layout != OutputLayout.YOLOV5 && !checkedAnchorFree(manifest)) {
      // Only YOLOv9 (cedar) has been run against MegaDetector's own code; ultralytics' models
      // (larch, sorrel) and anchor-free files of no known library have not.
      throw new DetectorException(
          file
              + " is a "
              + layout
              + " model ("
              + manifest.name()
              + ") that this worker does not"
              + " support yet (only MDv1000-cedar's YOLOv9 is checked against MegaDetector):"
              + " install mdv5a, mdv5b, redwood, cedar or spruce instead");
    }
    TorchScriptModel model;
    try {
      model = TorchScriptModel.load(file, cacheDir, threads, device);
    } catch (DetectorException e) {
      // libtorch's own message runs over many lines: its first says what is wrong.
      throw new DetectorException(
          e.getMessage().lines().findFirst().orElse("cannot load model " + file)
              + "; "
              + ModelFileCheck.reinstallHint(file, name),
          e);
    }
    try {
      ModelProbe.requireLayout(model, layout, name);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
    return new MegaDetector(model, threshold, manifest);
  }

  /**
   * What results write as {@code info.detector}: the published checkpoint an installed model was
   * converted from, else the model file's base name (as MegaDetector writes its model file's).
   */
  public String modelName() {
    return detector;
  }

  /** The results' {@code info} block for this model, run one image at a time. */
  public ResultsInfo resultsInfo(LocalDateTime completedAt) {
    return resultsInfo(completedAt, 1);
  }

  /** The results' {@code info} block for this model, with its device and batch size. */
  public ResultsInfo resultsInfo(LocalDateTime completedAt, int batchSize) {
    ResultsInfo info = DetectorMetadata.info(detector, version, completedAt);
    return new ResultsInfo(
        info.detectionCompletionTime(),
        info.formatVersion(),
        info.detector(),
        info.detectorMetadata(),
        ResultsInfo.inference(device(), batchSize));
  }

  public float threshold() {
    return threshold;
  }

  /**
   * {@link #prepare(String, byte[])} once {@code gate} admits the decode's estimated peak heap; an
   * image the gate refuses becomes an image access failure with the gate's reason.
   *
   * @throws RuntimeException what the gate throws besides a refusal (e.g. a checkpoint it could not
   *     write): that is not the image's fault
   */
  public PreparedImage prepare(String file, byte[] content, DecodeGate gate)
      throws InterruptedException {
    return prepare(file, content, gate, false);
  }

  /**
   * @param keepImage keep the decoded image with the tensor, for a classifier's crops
   */
  public PreparedImage prepare(String file, byte[] content, DecodeGate gate, boolean keepImage)
      throws InterruptedException {
    return prepare(file, content, gate, keepImage, DecodedImageListener.NONE);
  }

  /**
   * @param decoded told of the decoded image before it is letterboxed (thumbnails)
   */
  public PreparedImage prepare(
      String file, byte[] content, DecodeGate gate, boolean keepImage, DecodedImageListener decoded)
      throws InterruptedException {
    try (DecodeGate.Admission admitted = gate.admit(file, decoder.peakBytes(content))) {
      return prepare(file, content, keepImage, decoded);
    } catch (ImageAccessException e) {
      return PreparedImage.failed(file, ImageResult.FAILURE_IMAGE_ACCESS, e.getMessage());
    }
  }

  public PreparedImage prepare(String file, byte[] content) {
    return prepare(file, content, false, DecodedImageListener.NONE);
  }

  private PreparedImage prepare(
      String file, byte[] content, boolean keepImage, DecodedImageListener decoded) {
    try {
      if (!keepImage) {
        // Letterboxed as it is decoded: the full-size image is never held (ImageDecoder).
        ImageDecoder.Letterboxed boxed =
            decoder.decodeLetterboxed(
                content, (width, height) -> LetterboxGeometry.of(width, height, imageSize, stride));
        if (decoded != DecodedImageListener.NONE) {
          // No full-size image exists on this path: the listener (thumbnails) gets the picture
          // area of the letterbox, the photo as detection sees it at the model's size.
          tell(decoded, file, pictureArea(boxed));
        }
        return PreparedImage.ready(file, boxed.geometry(), ImageTensor.of(boxed.image()), null);
      }
      RgbImage image = decoder.decode(content);
      tell(decoded, file, image);
      LetterboxGeometry geometry =
          LetterboxGeometry.of(image.width(), image.height(), imageSize, stride);
      ImageTensor tensor = ImageTensor.of(Letterbox.apply(image, geometry));
      return PreparedImage.ready(file, geometry, tensor, image);
    } catch (ImageAccessException e) {
      return PreparedImage.failed(file, ImageResult.FAILURE_IMAGE_ACCESS, e.getMessage());
    } catch (RuntimeException | OutOfMemoryError e) {
      return PreparedImage.failed(file, ImageResult.FAILURE_IMAGE_ACCESS, e.toString());
    }
  }

  private static void tell(DecodedImageListener decoded, String file, RgbImage image) {
    try {
      decoded.decoded(file, image);
    } catch (RuntimeException e) {
      // A listener's failure (a thumbnail not written) is never the photo's.
      log.warn("{}: after decoding: {}", file, e.getClass().getSimpleName());
    }
  }

  /** The letterboxed image without its grey padding. */
  static RgbImage pictureArea(ImageDecoder.Letterboxed boxed) {
    LetterboxGeometry g = boxed.geometry();
    RgbImage padded = boxed.image();
    if (g.resizedWidth() == padded.width() && g.resizedHeight() == padded.height()) {
      return padded; // no padding
    }
    RgbImage area = RgbImage.blank(g.resizedWidth(), g.resizedHeight());
    int rowBytes = g.resizedWidth() * 3;
    for (int y = 0; y < g.resizedHeight(); y++) {
      System.arraycopy(
          padded.pixels(),
          ((g.top() + y) * padded.width() + g.left()) * 3,
          area.pixels(),
          y * rowBytes,
          rowBytes);
    }
    return area;
  }

  public ImageResult detect(PreparedImage prepared) {
    if (prepared.failed()) {
      log.warn("{}: {} ({})", prepared.file(), prepared.failure(), prepared.reason());
      return prepared.failureResult();
    }
    try {
      LetterboxGeometry geometry = prepared.geometry();
      TorchScriptModel.Output output = model.forward(prepared.input());
      List<Detection> detections = detections(output, geometry);
      return ImageResult.success(prepared.file(), detections);
    } catch (Exception e) {
      log.warn("{}: {} ({})", prepared.file(), ImageResult.FAILURE_INFERENCE, e.toString());
      return ImageResult.failure(prepared.file(), ImageResult.FAILURE_INFERENCE);
    }
  }

  /**
   * A batch, as MegaDetector's {@code generate_detections_one_batch}: images that failed to prepare
   * are failures; the others are grouped by their letterboxed size, each group runs as one forward
   * pass ({@code [B, 3, H, W]}), and a group whose pass fails is an inference failure for each of
   * its images. Decoding, NMS and box mapping stay per image.
   *
   * @return one result per image, in order
   */
  public List<ImageResult> detect(List<PreparedImage> batch) {
    if (batch.size() == 1) {
      return List.of(detect(batch.get(0)));
    }
    ImageResult[] results = new ImageResult[batch.size()];
    Map<List<Integer>, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      PreparedImage prepared = batch.get(i);
      if (prepared.failed()) {
        results[i] = detect(prepared);
      } else {
        ImageTensor input = prepared.input();
        groups
            .computeIfAbsent(List.of(input.height(), input.width()), k -> new ArrayList<>())
            .add(i);
      }
    }
    for (List<Integer> group : groups.values()) {
      List<TorchScriptModel.Output> outputs;
      try {
        outputs = model.forward(group.stream().map(i -> batch.get(i).input()).toList());
      } catch (Exception e) {
        for (int i : group) {
          log.warn("{}: {} ({})", batch.get(i).file(), ImageResult.FAILURE_INFERENCE, e.toString());
          results[i] = ImageResult.failure(batch.get(i).file(), ImageResult.FAILURE_INFERENCE);
        }
        continue;
      }
      for (int j = 0; j < group.size(); j++) {
        int i = group.get(j);
        results[i] = decode(batch.get(i), outputs.get(j));
      }
    }
    return Arrays.asList(results);
  }

  /**
   * The model's output as MegaDetector decodes it for the model's type: its own NMS for YOLOv5
   * ({@code [1, N, 5 + classes]}), the library's {@code non_max_suppression} for anchor-free
   * YOLOv9/YOLO11 heads ({@code [1, 4 + classes, N]}).
   */
  private List<Detection> detections(TorchScriptModel.Output output, LetterboxGeometry geometry) {
    if (layout == OutputLayout.ANCHOR_FREE) {
      // Output.columns() is the last dimension, N anchors here: the rows are 4 + classes.
      int rows = output.rows().length / output.columns();
      List<Candidate> candidates =
          AnchorFreeOutputDecoder.candidates(output.rows(), rows, threshold);
      return BoxMapper.toDetections(Nms.classOffset(candidates), geometry, threshold, scaling);
    }
    List<Candidate> candidates =
        YoloOutputDecoder.candidates(output.rows(), output.columns(), threshold);
    return BoxMapper.toDetections(Nms.perClass(candidates), geometry, threshold);
  }

  private ImageResult decode(PreparedImage prepared, TorchScriptModel.Output output) {
    try {
      return ImageResult.success(prepared.file(), detections(output, prepared.geometry()));
    } catch (Exception e) {
      log.warn("{}: {} ({})", prepared.file(), ImageResult.FAILURE_INFERENCE, e.toString());
      return ImageResult.failure(prepared.file(), ImageResult.FAILURE_INFERENCE);
    }
  }

  /** Where the model runs ({@code cpu}, {@code cuda:0}), for results and logs. */
  public String device() {
    return model.device();
  }

  public ImageResult detect(String file, byte[] content) {
    return detect(prepare(file, content));
  }

  @Override
  public void close() {
    model.close();
  }
}
