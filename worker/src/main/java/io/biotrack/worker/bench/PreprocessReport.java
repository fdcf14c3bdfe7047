package io.biotrack.worker.bench;

import java.util.Locale;

/**
 * The preprocessing micro benchmark: decode, letterbox and tensor of one large photo, Java against
 * MegaDetector's libraries (Pillow, OpenCV, torch), and the Java side's photos/s with several
 * decoder threads at once. What a GPU worker's decoder threads must keep up with.
 *
 * @param python null when the reference was not run ({@code pythonNote} says why)
 * @param threads decoder threads of the throughput run
 * @param photosPerSecond Java photos prepared per second (wall) on {@code threads} threads
 * @param photosPerCpuSecond the same per CPU second of the whole process (garbage collection
 *     included): photos/s per core
 */
public record PreprocessReport(
    String photo,
    PhotoTimes java,
    PhotoTimes python,
    String pythonNote,
    int threads,
    double photosPerSecond,
    double photosPerCpuSecond) {

  /** The goal: Java decode + letterbox at most this times Pillow + OpenCV's (CPU time). */
  public static final double DECODE_LETTERBOX_GOAL = 1.0;

  /** MDv5 images/s on one RTX 4090, MegaDetector's own benchmark (megadetector.md). */
  public static final double RTX_4090_PHOTOS_PER_SECOND = 17.6;

  /** Java decode + letterbox CPU time over Python's; NaN without Python. */
  public double javaToPythonCpu() {
    return python == null
        ? Double.NaN
        : java.decodeAndLetterboxCpu() / python.decodeAndLetterboxCpu();
  }

  /** Cores whose decoder threads keep one RTX 4090 busy (by the Java process's CPU per photo). */
  public double coresForOneRtx4090() {
    return RTX_4090_PHOTOS_PER_SECOND / photosPerCpuSecond;
  }

  public String format() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%-34s %7s %9s %7s %8s   %s%n",
            photo + ", median ms",
            "decode",
            "letterbox",
            "tensor",
            "dec+lbx",
            "CPU ms: decode letterbox tensor dec+lbx"));
    line(out, "Java", java);
    if (python != null) {
      line(out, "Python (Pillow, OpenCV, torch)", python);
    } else {
      out.append(String.format(Locale.ROOT, "%-34s not measured (%s)%n", "Python", pythonNote));
    }
    if (python != null) {
      double ratio = javaToPythonCpu();
      out.append(
          String.format(
              Locale.ROOT,
              "decode + letterbox, Java / Python: %.2f by CPU, %.2f by wall (goal <= %.1f by CPU:"
                  + " %s)%n",
              ratio,
              java.decodeAndLetterbox() / python.decodeAndLetterbox(),
              DECODE_LETTERBOX_GOAL,
              ratio <= DECODE_LETTERBOX_GOAL ? "met" : "NOT met"));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "photos/s per core (decode + letterbox + tensor): Java %.1f (%d threads, process CPU"
                + " incl. GC; %.1f photos/s wall)%s%n",
            photosPerCpuSecond,
            threads,
            photosPerSecond,
            python != null
                ? String.format(Locale.ROOT, ", Python %.1f", python.photosPerCoreSecond())
                : ""));
    out.append(
        String.format(
            Locale.ROOT,
            "cores of decoder threads to feed one RTX 4090 (%.1f photos/s): %.2f%n",
            RTX_4090_PHOTOS_PER_SECOND,
            coresForOneRtx4090()));
    return out.toString();
  }

  private static void line(StringBuilder out, String side, PhotoTimes t) {
    out.append(
        String.format(
            Locale.ROOT,
            "%-34s %7.1f %9.1f %7.1f %8.1f   %.1f %.1f %.1f %.1f%n",
            side,
            t.decode(),
            t.letterbox(),
            t.tensor(),
            t.decodeAndLetterbox(),
            t.decodeCpu(),
            t.letterboxCpu(),
            t.tensorCpu(),
            t.decodeAndLetterboxCpu()));
  }
}
