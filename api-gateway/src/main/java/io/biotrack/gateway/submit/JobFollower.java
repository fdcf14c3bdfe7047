package io.biotrack.gateway.submit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Follows a started job until it ends, printing its progress: photos done, failed, shards, photos/s
 * over the last minute, and the time left at that pace.
 */
final class JobFollower {
  private static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "CANCELLED");
  private static final Duration RATE_WINDOW = Duration.ofMinutes(1);
  private static final Duration LINE_EVERY = Duration.ofSeconds(10);

  private final BiotrackClient client;
  private final PrintStream out;
  private final Duration poll;

  JobFollower(BiotrackClient client, PrintStream out, Duration poll) {
    this.client = client;
    this.out = out;
    this.poll = poll;
  }

  JsonNode follow(String jobId) throws IOException, InterruptedException {
    Deque<long[]> samples = new ArrayDeque<>(); // {nanoTime, processed}
    String lastLine = null;
    long lastPrint = 0;
    while (true) {
      JsonNode job = client.job(jobId);
      String status = job.path("status").asText();
      if (ENDED.contains(status)) {
        out.println(line(job, samples));
        return job;
      }
      long now = System.nanoTime();
      samples.addLast(new long[] {now, job.path("processedCount").asLong()});
      while (samples.size() > 2 && now - samples.peekFirst()[0] > RATE_WINDOW.toNanos()) {
        samples.removeFirst();
      }
      String line = line(job, samples);
      if (!line.equals(lastLine) && now - lastPrint >= LINE_EVERY.toNanos()) {
        out.println(line);
        lastLine = line;
        lastPrint = now;
      }
      Thread.sleep(poll.toMillis());
    }
  }

  private static String line(JsonNode job, Deque<long[]> samples) {
    int images = job.path("imageCount").asInt();
    int processed = job.path("processedCount").asInt();
    StringBuilder text =
        new StringBuilder(job.path("status").asText().toLowerCase(java.util.Locale.ROOT))
            .append(": ")
            .append(processed)
            .append('/')
            .append(images)
            .append(" photos");
    int failed = job.path("failedCount").asInt();
    if (failed > 0) {
      text.append(", ").append(failed).append(" failed");
    }
    JsonNode shards = job.path("shards");
    if (shards.isObject()) {
      text.append(", shards ")
          .append(shards.path("completed").asInt())
          .append('/')
          .append(shards.path("total").asInt())
          .append(" done, ")
          .append(shards.path("running").asInt())
          .append(" running");
    }
    if (samples.size() >= 2) {
      long[] first = samples.peekFirst();
      long[] last = samples.peekLast();
      double seconds = (last[0] - first[0]) / 1e9;
      double rate = seconds > 0 ? (last[1] - first[1]) / seconds : 0;
      if (rate > 0) {
        text.append(
            String.format(
                ", %.1f photos/s, about %s left",
                rate, duration(Math.round((images - processed) / rate))));
      }
    }
    return text.toString();
  }

  static String duration(long seconds) {
    if (seconds < 120) {
      return seconds + " s";
    }
    if (seconds < 7200) {
      return (seconds / 60) + " min";
    }
    return String.format("%d h %02d min", seconds / 3600, (seconds % 3600) / 60);
  }
}
