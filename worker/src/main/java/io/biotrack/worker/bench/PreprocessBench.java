package io.biotrack.worker.bench;

import io.biotrack.worker.detect.ImageAccessException;
import io.biotrack.worker.detect.ImageDecoder;
import io.biotrack.worker.detect.ImageTensor;
import io.biotrack.worker.detect.Letterbox;
import io.biotrack.worker.detect.LetterboxGeometry;
import io.biotrack.worker.detect.RgbImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Times what a decoder thread does for each photo (decode, letterbox, tensor) on one photo held in
 * memory: medians of single runs, and the photos/s of several threads at once. Not a test: nothing
 * asserts a time.
 *
 * <p>The worker decodes and letterboxes a colour JPEG in one go ({@link
 * ImageDecoder#decodeLetterboxed}: no full-size image); that is the decode + letterbox figure. The
 * decode and letterbox figures are the two steps apart (the full-size image, then {@link
 * Letterbox#apply}), as the worker still runs them when a classifier needs the decoded photo.
 */
final class PreprocessBench {
  /** Timed runs per step (after {@link #WARM_UP} that let the JIT compile the code). */
  static final int RUNS = 7;

  static final int WARM_UP = 3;

  /** Photos each thread prepares in the throughput run. */
  static final int PHOTOS_PER_THREAD = 6;

  private final ProcessClock clock = new ProcessClock();
  private final ImageDecoder decoder = new ImageDecoder();

  /**
   * Medians over {@value #RUNS} runs, after {@value #WARM_UP}; CPU time of the measuring thread
   * (the garbage collector's threads are counted by {@link #throughput} instead).
   */
  PhotoTimes times(byte[] jpeg) {
    List<Double> decode = new ArrayList<>();
    List<Double> letterbox = new ArrayList<>();
    List<Double> tensor = new ArrayList<>();
    List<Double> decodeCpu = new ArrayList<>();
    List<Double> letterboxCpu = new ArrayList<>();
    List<Double> tensorCpu = new ArrayList<>();
    List<Double> both = new ArrayList<>();
    List<Double> bothCpu = new ArrayList<>();
    for (int i = -WARM_UP; i < RUNS; i++) {
      long wall0 = System.nanoTime();
      long cpu0 = clock.threadCpuNanos();
      RgbImage image = decode(jpeg);
      long wall1 = System.nanoTime();
      long cpu1 = clock.threadCpuNanos();
      RgbImage boxed = Letterbox.apply(image, LetterboxGeometry.of(image.width(), image.height()));
      long wall2 = System.nanoTime();
      long cpu2 = clock.threadCpuNanos();
      ImageTensor.of(boxed);
      long wall3 = System.nanoTime();
      long cpu3 = clock.threadCpuNanos();
      decodeLetterboxed(jpeg);
      long wall4 = System.nanoTime();
      long cpu4 = clock.threadCpuNanos();
      if (i >= 0) {
        both.add((wall4 - wall3) / 1e6);
        bothCpu.add((cpu4 - cpu3) / 1e6);
        decode.add((wall1 - wall0) / 1e6);
        letterbox.add((wall2 - wall1) / 1e6);
        tensor.add((wall3 - wall2) / 1e6);
        decodeCpu.add((cpu1 - cpu0) / 1e6);
        letterboxCpu.add((cpu2 - cpu1) / 1e6);
        tensorCpu.add((cpu3 - cpu2) / 1e6);
      }
    }
    return new PhotoTimes(
        BenchReport.median(decode),
        BenchReport.median(letterbox),
        BenchReport.median(tensor),
        BenchReport.median(decodeCpu),
        BenchReport.median(letterboxCpu),
        BenchReport.median(tensorCpu),
        BenchReport.median(both),
        BenchReport.median(bothCpu));
  }

  /** Photos/s of several threads at once, by wall time and by the process's CPU time. */
  record Throughput(double photosPerSecond, double photosPerCpuSecond) {}

  /**
   * {@code threads} threads each preparing the photo {@value #PHOTOS_PER_THREAD} times as the
   * worker does: the rate, and the photos per CPU second of the whole process (the garbage
   * collector included).
   */
  Throughput throughput(byte[] jpeg, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> running = new ArrayList<>();
      long cpu = clock.cpuNanos();
      long start = System.nanoTime();
      for (int t = 0; t < threads; t++) {
        running.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < PHOTOS_PER_THREAD; i++) {
                    ImageTensor.of(decodeLetterboxed(jpeg));
                  }
                  return null;
                }));
      }
      for (Future<?> f : running) {
        f.get();
      }
      double photos = threads * PHOTOS_PER_THREAD;
      return new Throughput(
          photos / ((System.nanoTime() - start) / 1e9), photos / ((clock.cpuNanos() - cpu) / 1e9));
    } finally {
      pool.shutdownNow();
    }
  }

  /** What the worker's decoder threads do ({@code MegaDetector.prepare}). */
  private RgbImage decodeLetterboxed(byte[] jpeg) {
    try {
      return decoder.decodeLetterboxed(jpeg, LetterboxGeometry::of).image();
    } catch (ImageAccessException e) {
      throw new IllegalStateException("cannot decode the benchmark photo", e);
    }
  }

  private RgbImage decode(byte[] jpeg) {
    try {
      return decoder.decode(jpeg);
    } catch (ImageAccessException e) {
      throw new IllegalStateException("cannot decode the benchmark photo", e);
    }
  }
}
