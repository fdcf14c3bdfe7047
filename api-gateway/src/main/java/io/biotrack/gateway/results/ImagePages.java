package io.biotrack.gateway.results;

import io.biotrack.gateway.job.JobService;
import io.biotrack.gateway.job.JobStateConflictException;
import io.biotrack.job.Job;
import io.biotrack.job.JobStatus;
import io.biotrack.results.BatchResults;
import io.biotrack.results.Detection;
import io.biotrack.results.DetectionCategory;
import io.biotrack.results.ImageResult;
import io.biotrack.results.ResultsJson;
import io.biotrack.shard.ShardNames;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNames;
import io.biotrack.storage.BlobNotFoundException;
import io.biotrack.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A COMPLETED job's images a page at a time, for the viewer, read from the shards' results files
 * (in name order, like the job's results file) without loading the whole job: a page reads one or a
 * few shards' files, and the last few shards read are kept for the next pages.
 */
public class ImagePages {
  public static final int MAX_LIMIT = 1_000;
  private static final Pattern CURSOR = Pattern.compile("(\\d{1,6})\\.(\\d{1,6})");
  private static final int CACHED_PARTS = 4;

  /**
   * Which images a page lists.
   *
   * @param categories any of "1"/"animal", "2"/"person", "3"/"vehicle" (an image with such a
   *     detection at or above {@code minConf}), "empty" (none at or above it), "failed"; an image
   *     matching any of them is listed; empty for every image
   * @param minConf detections below it are left out of each image
   */
  public record Filter(java.util.Set<String> categories, double minConf) {
    public Filter {
      if (!(minConf >= 0 && minConf <= 1)) {
        throw new IllegalArgumentException("minConf must be between 0 and 1");
      }
      categories =
          categories.stream()
              .map(Filter::normalise)
              .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** From a query parameter: names separated by commas; null or blank for every image. */
    public static Filter of(String categories, double minConf) {
      java.util.Set<String> set = new java.util.HashSet<>();
      if (categories != null) {
        for (String part : categories.split(",")) {
          if (!part.isBlank()) {
            set.add(part);
          }
        }
      }
      return new Filter(set, minConf);
    }

    private static String normalise(String category) {
      String value = category.strip().toLowerCase(Locale.ROOT);
      if (value.equals("empty") || value.equals("failed")) {
        return value;
      }
      for (DetectionCategory c : DetectionCategory.values()) {
        if (c.id().equals(value) || c.label().equals(value)) {
          return c.id();
        }
      }
      throw new IllegalArgumentException(
          "category must be animal, person, vehicle (or 1, 2, 3), empty or failed, separated by"
              + " commas");
    }
  }

  /**
   * @param nextCursor null on the last page
   * @param classificationCategories the names of the classification categories the page's images
   *     use (their detections' {@code classifications} and {@code prediction}); empty without a
   *     classifier
   */
  public record Page(
      List<ImageResult> images, String nextCursor, Map<String, String> classificationCategories) {}

  /** One results file's images and its classification category names. */
  private record Part(List<ImageResult> images, Map<String, String> names) {}

  private final JobService jobs;
  private final BlobStore blobs;
  private final Map<String, Part> parts =
      new LinkedHashMap<>(CACHED_PARTS, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Part> eldest) {
          return size() > CACHED_PARTS;
        }
      };

  public ImagePages(JobService jobs, BlobStore blobs) {
    this.jobs = jobs;
    this.blobs = blobs;
  }

  /**
   * @throws IllegalArgumentException for a cursor this class did not make
   * @throws JobStateConflictException if the job is not COMPLETED
   */
  public Page page(String tenant, String jobId, String cursor, int limit, Filter filter) {
    Job job = jobs.get(tenant, jobId);
    if (job.status() != JobStatus.COMPLETED) {
      throw new JobStateConflictException(
          jobId, job.status(), "images can be listed once the job is COMPLETED");
    }
    int sources = Math.max(1, job.shards().total());
    int shard = 0;
    int offset = 0;
    if (cursor != null) {
      Matcher m = CURSOR.matcher(cursor);
      if (!m.matches()) {
        throw new IllegalArgumentException("not a cursor of this job");
      }
      shard = Integer.parseInt(m.group(1));
      offset = Integer.parseInt(m.group(2));
      if (shard >= sources) {
        throw new IllegalArgumentException("not a cursor of this job");
      }
    }
    List<ImageResult> page = new ArrayList<>();
    Map<String, String> names = new java.util.TreeMap<>();
    for (; shard < sources; shard++, offset = 0) {
      Part part = part(job, shard);
      List<ImageResult> images = part.images();
      for (; offset < images.size(); offset++) {
        ImageResult shown = filtered(images.get(offset), filter);
        if (shown != null) {
          if (page.size() == limit) {
            return new Page(page, shard + "." + offset, names);
          }
          page.add(shown);
          namesUsed(shown, part.names(), names);
        }
      }
    }
    return new Page(page, null, names);
  }

  /** Adds the names of the classification categories {@code image} uses. */
  private static void namesUsed(
      ImageResult image, Map<String, String> from, Map<String, String> to) {
    if (image.prediction() != null) {
      to.put(image.prediction(), from.getOrDefault(image.prediction(), image.prediction()));
    }
    for (Detection d : image.detections() == null ? List.<Detection>of() : image.detections()) {
      if (d.classifications() != null) {
        d.classifications()
            .forEach(c -> to.put(c.category(), from.getOrDefault(c.category(), c.category())));
      }
    }
  }

  /** The image as the page shows it, or null when the filter leaves it out. */
  private static ImageResult filtered(ImageResult image, Filter filter) {
    java.util.Set<String> wanted = filter.categories();
    if (image.failed()) {
      return wanted.isEmpty() || wanted.contains("failed") ? image : null;
    }
    List<Detection> kept =
        image.detections().stream().filter(d -> d.conf() >= filter.minConf()).toList();
    boolean matches =
        wanted.isEmpty()
            || (wanted.contains("empty") && kept.isEmpty())
            || kept.stream().anyMatch(d -> wanted.contains(d.category()));
    // The species decision stays: it is the photo's, whatever the detections shown.
    return matches
        ? ImageResult.success(image.file(), kept).withSpecies(kept, image.speciesPrediction())
        : null;
  }

  /** One shard's images (the job's results file for a job from before shards). */
  private Part part(Job job, int shard) {
    String name =
        job.shards().total() == 0
            ? BlobNames.results(job.id())
            : ShardNames.results(job.id(), shard);
    synchronized (parts) {
      Part cached = parts.get(name);
      if (cached != null) {
        return cached;
      }
    }
    Part images;
    try (InputStream in = blobs.open(BlobContainer.RESULTS, name)) {
      BatchResults results = ResultsJson.read(in);
      images =
          new Part(
              results.images(),
              results.classificationCategories() == null
                  ? Map.of()
                  : results.classificationCategories());
    } catch (BlobNotFoundException e) {
      throw new ResultsNotFoundException(job.id());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
    synchronized (parts) {
      parts.put(name, images);
    }
    return images;
  }
}
