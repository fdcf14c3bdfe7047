package io.biotrack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.e2e.support.Api;
import io.biotrack.e2e.support.FaultFigures;
import io.biotrack.e2e.support.Repo;
import io.biotrack.e2e.support.SampleImages;
import io.biotrack.e2e.support.ServiceProcess;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Fault test "bad names": the file names a security review found answered with 500 and a stack
 * trace in the log (anyone could flood it), sent to the real embedded platform ({@code ./biotrack
 * up}, keyless). Every one must be a 4xx problem that says what to change, and the gateway's log
 * must hold no stack trace.
 */
class EmbeddedBadNamesIT {

  /** One bad create request: what it tries, and its file names. */
  record BadCreate(String what, List<String> files) {}

  static List<BadCreate> badCreates() {
    List<BadCreate> bad = new ArrayList<>();
    bad.add(new BadCreate("300-byte file name", List.of("x".repeat(296) + ".jpg")));
    bad.add(new BadCreate("256-byte folder name", List.of("y".repeat(256) + "/a.jpg")));
    bad.add(
        new BadCreate("256 bytes in 130 characters", List.of("cam1/" + "é".repeat(126) + ".jpg")));
    for (char control :
        new char[] {
          '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069',
          '\u200E', '\u200F', '\u061C'
        }) {
      bad.add(
          new BadCreate(
              String.format("text-direction U+%04X", (int) control),
              List.of("cam1/photo-" + control + "gpj.exe")));
    }
    bad.add(new BadCreate("file, then a file inside it", List.of("f.jpg", "f.jpg/inner.jpg")));
    bad.add(
        new BadCreate("file inside, then the folder as a file", List.of("d.jpg/e.jpg", "d.jpg")));
    bad.add(
        new BadCreate("deep folder as a file", List.of("a/b.jpg/c/d.jpg", "ok.jpg", "a/b.jpg")));
    return bad;
  }

  @Test
  void badNamesAre4xxProblemsAndTheLogHasNoStackTrace() {
    Path work = Repo.workDir("bad-names");
    try (ServiceProcess platform =
        ServiceProcess.up(
            work.resolve("data"),
            ServiceProcess.freePort(),
            Map.of(),
            work.resolve("gateway.log"))) {
      Api api = new Api(platform.baseUrl());
      byte[] photo = SampleImages.samples().get(0).bytes();
      List<String> failures = new ArrayList<>();
      TreeMap<Integer, Integer> statuses = new TreeMap<>();
      int requests = 0;

      for (BadCreate bad : badCreates()) {
        requests++;
        HttpResponse<String> response = api.tryCreate(bad.what(), bad.files());
        statuses.merge(response.statusCode(), 1, Integer::sum);
        checkProblem(bad.what(), response, failures);
      }

      // The same names straight at the upload route of a real job, where the 500s came from:
      // the name checks, and the disk's own refusal of a file inside a file (409 now).
      String id = api.create("uploads", List.of("f.jpg")).path("jobId").asText();
      if (api.tryUpload(id, "f.jpg", photo).statusCode() != 201) {
        failures.add("the upload of f.jpg itself failed");
      }
      for (String name :
          List.of(
              "f.jpg/inner.jpg",
              "f.jpg/deeper/inner.jpg",
              "x".repeat(300) + ".jpg",
              "cam1/photo-\u202Egpj.exe")) {
        requests++;
        HttpResponse<String> response = api.tryUpload(id, name, photo);
        statuses.merge(response.statusCode(), 1, Integer::sum);
        checkProblem(
            "upload " + name.substring(0, Math.min(40, name.length())), response, failures);
      }

      // A formula-looking name is a fine file name; the CSV export neutralises it.
      assertThat(
              api.tryCreate("formula", List.of("=HYPERLINK(\"evil.example\";\"x\").jpg"))
                  .statusCode())
          .isEqualTo(201);

      String log = platform.logText();
      int fourXx = statuses.subMap(400, 500).values().stream().mapToInt(Integer::intValue).sum();
      int fiveXx = statuses.tailMap(500).values().stream().mapToInt(Integer::intValue).sum();
      new FaultFigures("bad names")
          .put("bad requests", requests)
          .put("4xx", fourXx)
          .put("5xx", fiveXx)
          .put("statuses", statuses)
          .put("stack-trace lines in the log", stackTraceLines(log))
          .print();

      assertThat(failures).isEmpty();
      assertThat(fourXx).isEqualTo(requests);
      assertThat(stackTraceLines(log)).as("stack trace lines in " + platform.log()).isZero();
      assertThat(log).doesNotContain(" ERROR ");
    }
  }

  private static void checkProblem(
      String what, HttpResponse<String> response, List<String> failures) {
    int status = response.statusCode();
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (status < 400 || status >= 500) {
      failures.add(what + ": " + status + " " + response.body());
    } else if (!type.startsWith("application/problem+json")) {
      failures.add(what + ": " + status + " as " + type);
    } else if (Api.parse(response.body().getBytes()).path("detail").asText().isBlank()) {
      failures.add(what + ": a problem without a detail");
    }
  }

  /**
   * Lines like {@code \tat io.biotrack.X.put(X.java:64) ~[core.jar!/:na]} or {@code Caused by:}.
   */
  private static long stackTraceLines(String log) {
    Pattern frame = Pattern.compile("\\s+at \\S+\\(.*");
    return log.lines()
        .filter(line -> frame.matcher(line).matches() || line.startsWith("Caused by: "))
        .count();
  }
}
