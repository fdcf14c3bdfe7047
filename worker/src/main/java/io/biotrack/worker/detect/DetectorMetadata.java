package io.biotrack.worker.detect;

import io.biotrack.model.MegaDetectorVersions;
import io.biotrack.results.ResultsInfo;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The {@code info} block MegaDetector writes: completion time (local, {@code %Y-%m-%d %H:%M:%S}),
 * format 1.6, the detector's name and MegaDetector's own metadata for its version ({@link
 * MegaDetectorVersions}: {@code md_v5a.0.0} maps to {@code v5a.0.1}, as MegaDetector's substring
 * match does; an unknown model gets MegaDetector's fallback).
 */
public final class DetectorMetadata {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private DetectorMetadata() {}

  /** For a model known only by its file name, as MegaDetector's batch script names it. */
  public static ResultsInfo info(String modelFileName, LocalDateTime completedAt) {
    return info(modelFileName, MegaDetectorVersions.fromFileName(modelFileName), completedAt);
  }

  /**
   * @param detector what {@code info.detector} says (an installed model's published file name)
   * @param version the MegaDetector version whose metadata results carry
   */
  public static ResultsInfo info(String detector, String version, LocalDateTime completedAt) {
    return new ResultsInfo(
        TIME.format(completedAt),
        ResultsInfo.FORMAT_VERSION,
        detector,
        MegaDetectorVersions.metadata(version));
  }

  static Map<String, Object> metadata(String modelFileName) {
    return MegaDetectorVersions.metadata(MegaDetectorVersions.fromFileName(modelFileName));
  }
}
