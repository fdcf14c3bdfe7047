package io.biotrack.worker.detect;

import io.biotrack.results.ResultsInfo;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code info} block MegaDetector writes: completion time (local, {@code %Y-%m-%d
 * %H:%M:%S}), format 1.6, the model file's base name and, for a recognised MDv5 file name,
 * MegaDetector's own metadata for it ({@code md_v5a.0.0} maps to {@code v5a.0.1}, as
 * MegaDetector's substring match does).
 */
public final class DetectorMetadata {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final String RELEASES =
      "https://github.com/agentmorris/MegaDetector/releases/download/v5.0/";

  private DetectorMetadata() {}

  public static ResultsInfo info(String modelFileName, LocalDateTime completedAt) {
    return new ResultsInfo(
        TIME.format(completedAt),
        ResultsInfo.FORMAT_VERSION,
        modelFileName,
        metadata(modelFileName));
  }

  static Map<String, Object> metadata(String modelFileName) {
    String name = modelFileName.toLowerCase(Locale.ROOT);
    Map<String, Object> m = new LinkedHashMap<>();
    if (name.contains("v5a.0")) {
      m.put("url", RELEASES + "md_v5a.0.1.pt");
      typical(m);
      m.put("md5", "60f8e7ec1308554df258ed1f4040bc4f");
      m.put("megadetector_version", "v5a.0.1");
    } else if (name.contains("v5b.0")) {
      m.put("url", RELEASES + "md_v5b.0.1.pt");
      typical(m);
      m.put("md5", "f17ed6fedfac2e403606a08c89984905");
      m.put("megadetector_version", "v5b.0.1");
    } else {
      m.put("typical_detection_threshold", 0.2);
      m.put("conservative_detection_threshold", 0.05);
      m.put("image_size", 1280);
      m.put("megadetector_version", "unknown");
    }
    return m;
  }

  private static void typical(Map<String, Object> m) {
    m.put("typical_detection_threshold", 0.2);
    m.put("conservative_detection_threshold", 0.05);
    m.put("image_size", 1280);
    m.put("model_type", "yolov5");
    m.put("normalized_typical_inference_speed", 1.0);
  }
}
