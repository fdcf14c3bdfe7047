package io.biotrack.model;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The SHA-256 a cluster's operator expects of each model on the model share (the chart's {@code
 * model.sha256}, {@code BIOTRACK_MODEL_DIGESTS}: {@code NAME=HEX,NAME=HEX}), which every worker it
 * launches checks before loading its model. The share's own {@code .sha256} and {@code model.json}
 * travel with the file, so they only catch a damaged copy; this value is set by whoever deploys,
 * from what {@code biotrack model install} printed, so it also catches a share that holds another
 * model than the one deployed (replaced, or uploaded from another install).
 *
 * <p>When any digest is set, a model without one is refused too: the list is what may run.
 *
 * @param byName expected lower-case hex SHA-256 by model name (the job's {@code model}, or the
 *     operator's default: a path under the model share)
 */
public record ExpectedModelDigests(Map<String, String> byName) {
  public static final String ENV = "BIOTRACK_MODEL_DIGESTS";
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  public static final ExpectedModelDigests NONE = new ExpectedModelDigests(Map.of());

  public ExpectedModelDigests {
    byName = Map.copyOf(byName);
  }

  /**
   * @param text {@code NAME=HEX} pairs separated by commas; null or blank for none
   * @throws IllegalArgumentException saying which pair is malformed
   */
  public static ExpectedModelDigests parse(String text) {
    if (text == null || text.isBlank()) {
      return NONE;
    }
    Map<String, String> byName = new LinkedHashMap<>();
    for (String pair : text.split(",")) {
      String trimmed = pair.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      int eq = trimmed.indexOf('=');
      String name = eq < 0 ? "" : trimmed.substring(0, eq).strip();
      String digest = eq < 0 ? "" : trimmed.substring(eq + 1).strip().toLowerCase(Locale.ROOT);
      if (name.isEmpty() || !HEX.matcher(digest).matches()) {
        throw new IllegalArgumentException(
            ENV
                + ": '"
                + trimmed
                + "' is not NAME=SHA256 (64 hex digits, as `biotrack model"
                + " install` prints it)");
      }
      if (byName.put(stripSlashes(name), digest) != null) {
        throw new IllegalArgumentException(ENV + ": the model '" + name + "' is listed twice");
      }
    }
    return new ExpectedModelDigests(byName);
  }

  /** The form {@link #parse} reads. */
  public String format() {
    StringBuilder text = new StringBuilder();
    byName.forEach(
        (name, digest) ->
            text.append(text.isEmpty() ? "" : ",").append(name).append('=').append(digest));
    return text.toString();
  }

  public boolean isEmpty() {
    return byName.isEmpty();
  }

  /** The digest expected of the model at {@code location} (a share path ending in its name). */
  public Optional<String> expectedFor(Path location) {
    return byName.entrySet().stream()
        .filter(e -> location.normalize().endsWith(Path.of(e.getKey()).normalize()))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  /**
   * Checks the model at {@code location}, whose file has SHA-256 {@code actual}.
   *
   * @throws InvalidModelException in one line naming the model, both digests and the fix
   */
  public void check(Path location, String actual) {
    if (byName.isEmpty()) {
      return;
    }
    Optional<String> expected = expectedFor(location);
    if (expected.isEmpty()) {
      throw new InvalidModelException(
          "model "
              + location
              + " has no expected SHA-256 in "
              + ENV
              + " (chart value model.sha256,"
              + " which lists "
              + String.join(", ", byName.keySet())
              + "): add its digest (`biotrack model install` prints it; it is in the model's"
              + " model.json) or run a listed model");
    }
    if (!expected.get().equalsIgnoreCase(actual)) {
      throw new InvalidModelException(
          "model "
              + location
              + " has SHA-256 "
              + actual
              + " but the deployment expects "
              + expected.get()
              + " ("
              + ENV
              + ", chart value model.sha256): upload the model that"
              + " `biotrack model install` made for this deployment to the model share, or correct"
              + " the value");
    }
  }

  private static String stripSlashes(String name) {
    return name.replaceAll("^/+|/+$", "");
  }
}
