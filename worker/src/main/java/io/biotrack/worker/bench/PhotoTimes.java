package io.biotrack.worker.bench;

/**
 * Preparing one photo for the model, medians in milliseconds: decode, letterbox (resize and pad)
 * and tensor (bytes to floats), each as wall time and as CPU time (Python: of its process, all
 * threads, as OpenCV's resize may use several; Java: of the measuring thread, to the microsecond),
 * which other processes on a busy machine inflate much less.
 */
record PhotoTimes(
    double decode,
    double letterbox,
    double tensor,
    double decodeCpu,
    double letterboxCpu,
    double tensorCpu) {

  /** Decode + letterbox, CPU ms: what the goal against Pillow + OpenCV is measured on. */
  double decodeAndLetterboxCpu() {
    return decodeCpu + letterboxCpu;
  }

  /** Decode + letterbox, wall ms. */
  double decodeAndLetterbox() {
    return decode + letterbox;
  }

  /** Photos one core prepares per second (decode, letterbox and tensor, by CPU time). */
  double photosPerCoreSecond() {
    return 1000 / (decodeCpu + letterboxCpu + tensorCpu);
  }
}
