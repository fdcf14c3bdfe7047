package io.biotrack.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * MegaDetector's version strings and the {@code detector_metadata} it writes for each, ported from
 * {@code megadetector/detection/run_detector.py}: {@code model_string_to_model_version} (the first
 * key, in table order, that occurs in the lower-cased file name wins), {@code known_models} (key
 * order kept, as Python dicts keep it) and {@code get_detector_metadata_from_version_string}
 * (unknown versions get its fallback). Only the YOLO (PyTorch) versions are ported; MDv2–v4 are
 * TensorFlow models Biotrack cannot run.
 */
public final class MegaDetectorVersions {
  public static final String UNKNOWN = "unknown";

  /** {@code model_string_to_model_version}, in its order (it matters: first match wins). */
  private static final List<Map.Entry<String, String>> FILE_NAME_KEYS =
      List.of(
          Map.entry("mdv2", "v2.0.0"),
          Map.entry("mdv3", "v3.0.0"),
          Map.entry("mdv4", "v4.1.0"),
          Map.entry("mdv5a", "v5a.0.1"),
          Map.entry("mdv5b", "v5b.0.1"),
          Map.entry("v2", "v2.0.0"),
          Map.entry("v3", "v3.0.0"),
          Map.entry("v4", "v4.1.0"),
          Map.entry("v4.1", "v4.1.0"),
          Map.entry("v5a.0.0", "v5a.0.1"),
          Map.entry("v5b.0.0", "v5b.0.1"),
          Map.entry("v5a.0.1", "v5a.0.1"),
          Map.entry("v5b.0.1", "v5b.0.1"),
          Map.entry("md1000-redwood", "v1000.0.0-redwood"),
          Map.entry("md1000-cedar", "v1000.0.0-cedar"),
          Map.entry("md1000-larch", "v1000.0.0-larch"),
          Map.entry("md1000-sorrel", "v1000.0.0-sorrel"),
          Map.entry("md1000-spruce", "v1000.0.0-spruce"),
          Map.entry("mdv1000-redwood", "v1000.0.0-redwood"),
          Map.entry("mdv1000-cedar", "v1000.0.0-cedar"),
          Map.entry("mdv1000-larch", "v1000.0.0-larch"),
          Map.entry("mdv1000-sorrel", "v1000.0.0-sorrel"),
          Map.entry("mdv1000-spruce", "v1000.0.0-spruce"),
          Map.entry("v1000-redwood", "v1000.0.0-redwood"),
          Map.entry("v1000-cedar", "v1000.0.0-cedar"),
          Map.entry("v1000-larch", "v1000.0.0-larch"),
          Map.entry("v1000-sorrel", "v1000.0.0-sorrel"),
          Map.entry("v1000-spruce", "v1000.0.0-spruce"),
          Map.entry("redwood", "v1000.0.0-redwood"),
          Map.entry("spruce", "v1000.0.0-spruce"),
          Map.entry("cedar", "v1000.0.0-cedar"),
          Map.entry("larch", "v1000.0.0-larch"),
          Map.entry("mdv5", "v5a.0.1"),
          Map.entry("md5", "v5a.0.1"),
          Map.entry("mdv1000", "v1000.0.0-redwood"),
          Map.entry("md1000", "v1000.0.0-redwood"),
          Map.entry("default", "v5a.0.1"),
          Map.entry("megadetector", "v5a.0.1"));

  private static final String V5 =
      "https://github.com/agentmorris/MegaDetector/releases/download/v5.0/";
  private static final String V1000 =
      "https://github.com/agentmorris/MegaDetector/releases/download/v1000.0/";

  private MegaDetectorVersions() {}

  /** {@code get_detector_version_from_filename}: the version a model file name stands for. */
  public static String fromFileName(String fileName) {
    String name = baseName(fileName).toLowerCase(Locale.ROOT);
    for (Map.Entry<String, String> key : FILE_NAME_KEYS) {
      if (name.contains(key.getKey())) {
        return key.getValue();
      }
    }
    return UNKNOWN;
  }

  /** {@code get_detector_metadata_from_version_string}: what results carry for a version. */
  public static Map<String, Object> metadata(String version) {
    Map<String, Object> m = new LinkedHashMap<>();
    switch (version) {
      case "v5a.0.0", "v5b.0.0", "v5a.0.1", "v5b.0.1" -> {
        m.put("url", V5 + "md_" + version + ".pt");
        m.put("typical_detection_threshold", 0.2);
        m.put("conservative_detection_threshold", 0.05);
        m.put("image_size", 1280);
        m.put("model_type", "yolov5");
        m.put("normalized_typical_inference_speed", 1.0);
        m.put("md5", v5Md5(version));
      }
      case "v1000.0.0-redwood" -> {
        m.put("url", V1000 + "md_v1000.0.0-redwood.pt");
        m.put("normalized_typical_inference_speed", 1.0);
        m.put("md5", "74474b3aec9cf1a990da38b37ddf9197");
        m.put("typical_detection_threshold", 0.3);
      }
      case "v1000.0.0-spruce" -> v1000(m, "spruce", 12.7, "1c9d1d2b3ba54931881471fdd508e6f2");
      case "v1000.0.0-larch" -> v1000(m, "larch", 2.4, "cab94ebd190c2278e12fb70ffd548b6d");
      case "v1000.0.0-cedar" -> v1000(m, "cedar", 2.0, "3d6472c9b95ba687b59ebe255f7c576b");
      case "v1000.0.0-sorrel" -> v1000(m, "sorrel", 7.0, "4339a2c8af7a381f18ded7ac2a4df03e");
      default -> {
        m.put("megadetector_version", UNKNOWN);
        m.put("typical_detection_threshold", 0.2);
        m.put("conservative_detection_threshold", 0.1);
        return m;
      }
    }
    m.put("megadetector_version", version);
    return m;
  }

  private static void v1000(Map<String, Object> m, String tree, double speed, String md5) {
    m.put("url", V1000 + "md_v1000.0.0-" + tree + ".pt");
    m.put("normalized_typical_inference_speed", speed);
    m.put("md5", md5);
  }

  private static String v5Md5(String version) {
    return switch (version) {
      case "v5a.0.0" -> "ec1d7603ec8cf642d6e0cd008ba2be8c";
      case "v5b.0.0" -> "bc235e73f53c5c95e66ea0d1b2cbf542";
      case "v5a.0.1" -> "60f8e7ec1308554df258ed1f4040bc4f";
      default -> "f17ed6fedfac2e403606a08c89984905";
    };
  }

  private static String baseName(String fileName) {
    int slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
    return fileName.substring(slash + 1);
  }
}
