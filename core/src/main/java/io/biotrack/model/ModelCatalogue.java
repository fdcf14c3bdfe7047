package io.biotrack.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The models {@code biotrack model list} shows and {@code biotrack model install} installs.
 *
 * <p>{@link #megadetector()} is MegaDetector's own table, transcribed from its source (read at
 * commit 136e1e38 of agentmorris/MegaDetector): file names, URLs, MD5 sums, thresholds and speeds
 * from {@code megadetector/detection/run_detector.py} ({@code known_models}); architectures, input
 * sizes and licences from {@code docs/release-notes/mdv1000-release.md}; the YOLO library of each
 * MDv1000 model from {@code envs/requirements.txt} and {@code pytorch_detector.py} (cedar needs
 * {@code yolov9pip}, larch and sorrel {@code ultralytics}). MegaDetector publishes <b>MD5</b> sums
 * only, and no file sizes: every {@code sha256} and {@code size} here is null rather than a value
 * nobody published, and installs check the MD5.
 *
 * <p>Tests build their own catalogue (the constructor) with entries for checkpoints they make.
 */
public final class ModelCatalogue {
  private static final String V5 =
      "https://github.com/agentmorris/MegaDetector/releases/download/v5.0/";
  private static final String V1000 =
      "https://github.com/agentmorris/MegaDetector/releases/download/v1000.0/";

  private static final ModelCatalogue MEGADETECTOR =
      new ModelCatalogue(
          List.of(
              new CatalogueEntry(
                  "mdv5a",
                  "MegaDetector v5a",
                  "YOLOv5x6",
                  "yolov5",
                  OutputLayout.YOLOV5,
                  1280,
                  64,
                  0.2,
                  1.0,
                  "GPL",
                  List.of(
                      checkpoint(
                          "md_v5a.0.1.pt", "v5a.0.1", V5, "60f8e7ec1308554df258ed1f4040bc4f"),
                      checkpoint(
                          "md_v5a.0.0.pt", "v5a.0.1", V5, "ec1d7603ec8cf642d6e0cd008ba2be8c"))),
              new CatalogueEntry(
                  "mdv5b",
                  "MegaDetector v5b",
                  "YOLOv5x6",
                  "yolov5",
                  OutputLayout.YOLOV5,
                  1280,
                  64,
                  0.2,
                  1.0,
                  "GPL",
                  List.of(
                      checkpoint(
                          "md_v5b.0.1.pt", "v5b.0.1", V5, "f17ed6fedfac2e403606a08c89984905"),
                      checkpoint(
                          "md_v5b.0.0.pt", "v5b.0.1", V5, "bc235e73f53c5c95e66ea0d1b2cbf542"))),
              new CatalogueEntry(
                  "redwood",
                  "MegaDetector v1000-redwood",
                  "YOLOv5x6",
                  "yolov5",
                  OutputLayout.YOLOV5,
                  1280,
                  64,
                  0.3,
                  1.0,
                  "GPL",
                  List.of(
                      checkpoint(
                          "md_v1000.0.0-redwood.pt",
                          "v1000.0.0-redwood",
                          V1000,
                          "74474b3aec9cf1a990da38b37ddf9197"))),
              new CatalogueEntry(
                  "cedar",
                  "MegaDetector v1000-cedar",
                  "YOLOv9c",
                  "yolov9",
                  OutputLayout.ANCHOR_FREE,
                  640,
                  32,
                  null,
                  2.0,
                  "GPL",
                  List.of(
                      checkpoint(
                          "md_v1000.0.0-cedar.pt",
                          "v1000.0.0-cedar",
                          V1000,
                          "3d6472c9b95ba687b59ebe255f7c576b"))),
              new CatalogueEntry(
                  "larch",
                  "MegaDetector v1000-larch",
                  "YOLO11L",
                  "ultralytics",
                  OutputLayout.ANCHOR_FREE,
                  640,
                  32,
                  null,
                  2.4,
                  "AGPL",
                  List.of(
                      checkpoint(
                          "md_v1000.0.0-larch.pt",
                          "v1000.0.0-larch",
                          V1000,
                          "cab94ebd190c2278e12fb70ffd548b6d"))),
              new CatalogueEntry(
                  "sorrel",
                  "MegaDetector v1000-sorrel",
                  "YOLO11s",
                  "ultralytics",
                  OutputLayout.ANCHOR_FREE,
                  960,
                  32,
                  null,
                  7.0,
                  "AGPL",
                  List.of(
                      checkpoint(
                          "md_v1000.0.0-sorrel.pt",
                          "v1000.0.0-sorrel",
                          V1000,
                          "4339a2c8af7a381f18ded7ac2a4df03e"))),
              new CatalogueEntry(
                  "spruce",
                  "MegaDetector v1000-spruce",
                  "YOLOv5s",
                  "yolov5",
                  OutputLayout.YOLOV5,
                  640,
                  32,
                  null,
                  12.7,
                  "GPL",
                  List.of(
                      checkpoint(
                          "md_v1000.0.0-spruce.pt",
                          "v1000.0.0-spruce",
                          V1000,
                          "1c9d1d2b3ba54931881471fdd508e6f2")))));

  private final List<CatalogueEntry> entries;

  public ModelCatalogue(List<CatalogueEntry> entries) {
    this.entries = List.copyOf(entries);
    if (this.entries.stream().map(CatalogueEntry::name).distinct().count() != this.entries.size()) {
      throw new IllegalArgumentException("catalogue names must be unique");
    }
  }

  /** MegaDetector's published models. */
  public static ModelCatalogue megadetector() {
    return MEGADETECTOR;
  }

  public List<CatalogueEntry> entries() {
    return entries;
  }

  public List<String> names() {
    return entries.stream().map(CatalogueEntry::name).toList();
  }

  public Optional<CatalogueEntry> find(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    return entries.stream().filter(e -> e.name().equals(key)).findFirst();
  }

  /** The entry one of whose published files has this name (for the fix a message suggests). */
  public Optional<CatalogueEntry> byFileName(String fileName) {
    return entries.stream().filter(e -> e.checkpoint(fileName).isPresent()).findFirst();
  }

  private static PublishedCheckpoint checkpoint(
      String fileName, String version, String base, String md5) {
    return new PublishedCheckpoint(fileName, version, base + fileName, null, null, md5);
  }
}
