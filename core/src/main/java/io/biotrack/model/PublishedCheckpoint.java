package io.biotrack.model;

import java.util.Objects;

/**
 * One checkpoint file MegaDetector publishes (a pickled PyTorch model, {@code .pt}), as its own
 * source describes it ({@code megadetector/detection/run_detector.py}, {@code known_models}).
 *
 * @param fileName the published name, which MegaDetector also writes as {@code info.detector}
 * @param version MegaDetector's canonical version for the metadata it writes with results (e.g.
 *     {@code md_v5a.0.0.pt} gets {@code v5a.0.1}'s, as MegaDetector's file-name match does)
 * @param url where MegaDetector downloads it
 * @param size its size in bytes; null: MegaDetector's source does not publish it
 * @param sha256 its SHA-256; null: MegaDetector's source does not publish one (it publishes MD5)
 * @param md5 the MD5 MegaDetector publishes; null if none
 */
public record PublishedCheckpoint(
    String fileName, String version, String url, Long size, String sha256, String md5) {

  public PublishedCheckpoint {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(url, "url");
    if (sha256 == null && md5 == null) {
      throw new IllegalArgumentException(fileName + ": a catalogue file needs a published digest");
    }
  }
}
