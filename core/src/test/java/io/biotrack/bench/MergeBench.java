package io.biotrack.bench;

import io.biotrack.adapter.local.FileBlobStore;
import io.biotrack.results.BatchResults;
import io.biotrack.results.Detection;
import io.biotrack.results.ImageResult;
import io.biotrack.results.ResultsInfo;
import io.biotrack.results.ResultsJson;
import io.biotrack.results.ResultsMerger;
import io.biotrack.shard.ShardNames;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The results merge of a season: a million images in 500 shards of 2,000, merged into one results
 * file, against a plain copy of the same bytes through the same blob store (each part read whole
 * and written into one blob), in interleaved rounds. Prints the median times, their ratio and the
 * peak heap of each. Not a test: {@code scripts/bench-merge [images] [shardSize] [rounds]}, run
 * with -Xmx256m so that the heap bound is part of the result.
 */
public final class MergeBench {
  private static final String JOB = "0123456789abcdefghjkmnpqrs";

  public static void main(String[] args) throws IOException {
    int images = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int shardSize = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    System.out.printf("load average before: %s%n", loadAverage());
    Path dir = Files.createTempDirectory("merge-bench");
    BlobStore blobs = new FileBlobStore(dir, BlobContainer::defaultName);
    List<String> parts = write(blobs, images, shardSize);
    long bytes = 0;
    for (String part : parts) {
      bytes += Files.size(dir.resolve("results").resolve(part));
    }
    System.out.printf(
        "%,d images in %d shards, %,d bytes of shard results%n", images, parts.size(), bytes);
    System.out.printf("max heap %d MiB%n", Runtime.getRuntime().maxMemory() >> 20);

    List<Double> copies = new ArrayList<>();
    List<Double> merges = new ArrayList<>();
    long copyPeak = 0;
    long mergePeak = 0;
    for (int round = 1; round <= rounds; round++) {
      boolean copyFirst = round % 2 == 1;
      for (int step = 0; step < 2; step++) {
        boolean copy = (step == 0) == copyFirst;
        System.gc();
        resetPeaks();
        long start = System.nanoTime();
        if (copy) {
          copy(blobs, parts, JOB + "/copy.json");
        } else {
          long merged = new ResultsMerger(blobs).merge(parts, JOB + "/results.json");
          if (merged != images) {
            throw new IllegalStateException("merged " + merged + " images, wanted " + images);
          }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = heapPeak();
        if (copy) {
          copies.add(seconds);
          copyPeak = Math.max(copyPeak, peak);
        } else {
          merges.add(seconds);
          mergePeak = Math.max(mergePeak, peak);
        }
        System.out.printf(
            "round %d %-5s %6.2f s  peak heap %4d MiB%n",
            round, copy ? "copy" : "merge", seconds, peak >> 20);
      }
    }
    double copy = median(copies);
    double merge = median(merges);
    System.out.printf(
        "median: plain copy %.2f s, merge %.2f s, merge/copy %.2f (goal <= 2.0); peak heap: copy %d"
            + " MiB, merge %d MiB (goal <= 256)%n",
        copy, merge, merge / copy, copyPeak >> 20, mergePeak >> 20);
    System.out.printf(
        "merged file %,d bytes%n",
        Files.size(dir.resolve("results").resolve(JOB).resolve("results.json")));
    System.out.printf("load average after: %s%n", loadAverage());
    deleteTree(dir);
  }

  /** The shards' results files, as workers write them. */
  private static List<String> write(BlobStore blobs, int images, int shardSize) {
    Random random = new Random(42);
    ResultsInfo info =
        new ResultsInfo(
            "2026-12-06 12:00:00",
            "1.6",
            "md_v5a.0.0.pt",
            Map.of("megadetector_version", "v5a.0.1"));
    List<String> parts = new ArrayList<>();
    for (int shard = 0, from = 0; from < images; shard++, from += shardSize) {
      List<ImageResult> part = new ArrayList<>();
      for (int i = from; i < Math.min(images, from + shardSize); i++) {
        String file = String.format("cam%03d/IMG_%07d.JPG", i / 2_000, i);
        if (random.nextInt(100) == 0) {
          part.add(ImageResult.failure(file, ImageResult.FAILURE_IMAGE_ACCESS));
          continue;
        }
        List<Detection> detections = new ArrayList<>();
        for (int d = random.nextInt(4); d > 0; d--) {
          detections.add(
              new Detection(
                  Integer.toString(1 + random.nextInt(3)),
                  Math.round(random.nextDouble() * 1000) / 1000.0,
                  List.of(r4(random), r4(random), r4(random), r4(random))));
        }
        part.add(ImageResult.success(file, detections));
      }
      String name = ShardNames.results(JOB, shard);
      blobs.put(BlobContainer.RESULTS, name, ResultsJson.toBytes(BatchResults.of(part, info)));
      parts.add(name);
    }
    return parts;
  }

  private static double r4(Random random) {
    return Math.round(random.nextDouble() * 10_000) / 10_000.0;
  }

  /** The same bytes through the same store: every part read and written into one blob. */
  private static void copy(BlobStore blobs, List<String> parts, String target) {
    Enumeration<InputStream> streams =
        Collections.enumeration(
            parts.stream().map(p -> (InputStream) new LazyPart(blobs, p)).toList());
    blobs.put(BlobContainer.RESULTS, target, new SequenceInputStream(streams), Long.MAX_VALUE);
  }

  /** A part read whole when first read, as the merge reads it. */
  private static final class LazyPart extends InputStream {
    private final BlobStore blobs;
    private final String name;
    private InputStream in;

    LazyPart(BlobStore blobs, String name) {
      this.blobs = blobs;
      this.name = name;
    }

    private InputStream in() throws IOException {
      if (in == null) {
        try (InputStream blob = blobs.open(BlobContainer.RESULTS, name)) {
          in = new java.io.ByteArrayInputStream(blob.readAllBytes());
        }
      }
      return in;
    }

    @Override
    public int read() throws IOException {
      return in().read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return in().read(b, off, len);
    }

    /**
     * Lets the part's bytes go: the list of parts outlives the copy, and holding every part read
     * would keep the whole 264 MB of a million images (out of memory at 256 MiB).
     */
    @Override
    public void close() {
      in = java.io.InputStream.nullInputStream();
    }
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  private static long heapPeak() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return String.format(
          "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
