package io.biotrack.worker.detect;

/**
 * What {@link MegaDetector#prepare(String, byte[], DecodeGate)} asks before it decodes an image:
 * may a decode holding {@code bytes} of heap at its peak start now? A batch answers with its {@link
 * DecodeBudget} (waiting, or refusing an image that cannot fit) and, for a large decode, first
 * records durably which image is in flight.
 */
@FunctionalInterface
public interface DecodeGate {
  /** Admits every decode at once: no budget (single images, tests, the benchmark). */
  DecodeGate OPEN = (file, bytes) -> () -> {};

  /**
   * Returns once the decode may start; the admission is closed when the full-size pixels are no
   * longer needed (after the letterbox).
   *
   * @throws ImageAccessException to refuse the image (it becomes an image access failure)
   */
  Admission admit(String file, long bytes) throws ImageAccessException, InterruptedException;

  /** A decode's admission: closing it gives back what it reserved. */
  interface Admission extends AutoCloseable {
    @Override
    void close();
  }
}
