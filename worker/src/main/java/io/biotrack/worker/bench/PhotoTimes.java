package io.biotrack.worker.bench;

/**
 * Preparing one photo for the model, medians in milliseconds: decode, letterbox (resize and pad)
 * and tensor (bytes to floats), each as wall time and as CPU time (Python: of its process, all
 * threads, as OpenCV's resize may use several; Java: of the measuring thread, to the microsecond),
 * which other processes on a busy machine inflate much less.
 *
 * @param decodeAndLetterbox decode + letterbox, wall: the worker's Java path does both in one go
 *     (the letterbox resizes each line as the decoder produces it), timed as such; for Python the
 *     sum of the two steps
 * @param decodeAndLetterboxCpu the same by CPU: what the goal against Pillow + OpenCV is measured
 *     on
 */
record PhotoTimes(
    double decode,
    double letterbox,
    double tensor,
    double decodeCpu,
    double letterboxCpu,
    double tensorCpu,
    double decodeAndLetterbox,
    double decodeAndLetterboxCpu) {

  /** Decode and letterbox as two steps, one after the other (the Python reference). */
  PhotoTimes(
      double decode,
      double letterbox,
      double tensor,
      double decodeCpu,
      double letterboxCpu,
      double tensorCpu) {
    this(
        decode,
        letterbox,
        tensor,
        decodeCpu,
        letterboxCpu,
        tensorCpu,
        decode + letterbox,
        decodeCpu + letterboxCpu);
  }

  /** Photos one core prepares per second (decode, letterbox and tensor, by CPU time). */
  double photosPerCoreSecond() {
    return 1000 / (decodeAndLetterboxCpu + tensorCpu);
  }
}
