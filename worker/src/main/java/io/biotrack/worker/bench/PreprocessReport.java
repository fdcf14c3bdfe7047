package io.biotrack.worker.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The preprocessing micro benchmark: decode, letterbox and tensor of one large photo, Java against
 * MegaDetector's libraries (Pillow, OpenCV, torch), and the Java side's photos/s with several
 * decoder threads at once. What a GPU worker's decoder threads must keep up with.
 *
 * @param javaRounds Java's medians, one entry per round
 * @param pythonRounds the reference's, one entry per round (the rounds alternate which side goes
 *     first); null when the reference was not run ({@code pythonNote} says why)
 * @param threads decoder threads of the throughput run
 * @param photosPerSecond Java photos prepared per second (wall) on {@code threads} threads
 * @param photosPerCpuSecond the same per CPU second of the whole process (garbage collection
 *     included): photos/s per core
 * @param loadBefore the machine's 1-minute load average before the first round (NaN if unknown)
 * @param loadAfter the same after the throughput run
 */
public record PreprocessReport(
    String photo,
    List<PhotoTimes> javaRounds,
    List<PhotoTimes> pythonRounds,
    String pythonNote,
    int threads,
    double photosPerSecond,
    double photosPerCpuSecond,
    double loadBefore,
    double loadAfter) {

  /** The goal: Java decode + letterbox at most this times Pillow + OpenCV's (CPU time). */
  public static final double DECODE_LETTERBOX_GOAL = 1.0;

  /** MDv5 images/s on one RTX 4090, MegaDetector's own benchmark (megadetector.md). */
  public static final double RTX_4090_PHOTOS_PER_SECOND = 17.6;

  public PreprocessReport {
    javaRounds = List.copyOf(javaRounds);
    pythonRounds = pythonRounds == null ? null : List.copyOf(pythonRounds);
    if (javaRounds.isEmpty()
        || (pythonRounds != null && pythonRounds.size() != javaRounds.size())) {
      throw new IllegalArgumentException("need as many Python rounds as Java rounds, at least one");
    }
  }

  /** One round, load unknown. */
  public PreprocessReport(
      String photo,
      PhotoTimes java,
      PhotoTimes python,
      String pythonNote,
      int threads,
      double photosPerSecond,
      double photosPerCpuSecond) {
    this(
        photo,
        List.of(java),
        python == null ? null : List.of(python),
        pythonNote,
        threads,
        photosPerSecond,
        photosPerCpuSecond,
        Double.NaN,
        Double.NaN);
  }

  /** Java's times, each the median over the rounds. */
  public PhotoTimes java() {
    return median(javaRounds);
  }

  /** The reference's times, each the median over the rounds; null when it was not run. */
  public PhotoTimes python() {
    return pythonRounds == null ? null : median(pythonRounds);
  }

  /**
   * Java decode + letterbox CPU time over Python's: the median of each round's ratio (the two sides
   * of a round ran under about the same load); NaN without Python.
   */
  public double javaToPythonCpu() {
    if (pythonRounds == null) {
      return Double.NaN;
    }
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < javaRounds.size(); i++) {
      ratios.add(
          javaRounds.get(i).decodeAndLetterboxCpu() / pythonRounds.get(i).decodeAndLetterboxCpu());
    }
    return BenchReport.median(ratios);
  }

  /** Cores whose decoder threads keep one RTX 4090 busy (by the Java process's CPU per photo). */
  public double coresForOneRtx4090() {
    return RTX_4090_PHOTOS_PER_SECOND / photosPerCpuSecond;
  }

  private static PhotoTimes median(List<PhotoTimes> rounds) {
    return new PhotoTimes(
        median(rounds, PhotoTimes::decode),
        median(rounds, PhotoTimes::letterbox),
        median(rounds, PhotoTimes::tensor),
        median(rounds, PhotoTimes::decodeCpu),
        median(rounds, PhotoTimes::letterboxCpu),
        median(rounds, PhotoTimes::tensorCpu),
        median(rounds, PhotoTimes::decodeAndLetterbox),
        median(rounds, PhotoTimes::decodeAndLetterboxCpu));
  }

  private static double median(List<PhotoTimes> rounds, ToDoubleFunction<PhotoTimes> value) {
    return BenchReport.median(rounds.stream().map(value::applyAsDouble).toList());
  }

  public String format() {
    PhotoTimes java = java();
    PhotoTimes python = python();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%d round(s), medians; load average %.1f before, %.1f after%n",
            javaRounds.size(),
            loadBefore,
            loadAfter));
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
    out.append(
        "  (Java dec+lbx: decoded and letterboxed in one go, line by line, as the worker does)\n");
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
