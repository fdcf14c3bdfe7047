package io.biotrack.files;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one definition of "an image file name", shared by the gateway (which refuses other names when
 * a job is created or a file uploaded), the worker's folder scan and {@code biotrack submit}:
 * MegaDetector's own rule ({@code find_images}: {@code IMG_EXTENSIONS} matched case-insensitively;
 * names and folders starting with a dot are hidden, and a name without an extension is no image).
 *
 * <p>Refusing such names at the door, with the reason, is what keeps a job's count honest: a file
 * the API accepted is a file the worker processes and the results account for.
 */
public final class ImageNames {
  /** {@code IMG_EXTENSIONS} of MegaDetector's {@code path_utils}. */
  public static final List<String> EXTENSIONS =
      List.of(".jpg", ".jpeg", ".gif", ".png", ".tif", ".tiff", ".bmp", ".webp", ".avif");

  private static final Set<String> LOOKUP = Set.copyOf(EXTENSIONS);

  private ImageNames() {}

  /** Whether {@code name} (a relative path with '/') names an image MegaDetector would read. */
  public static boolean isImage(String name) {
    return problem(name) == null;
  }

  /**
   * @return {@code name} unchanged when it is a valid file name that names an image
   * @throws InvalidFileNameException saying what is wrong and what to do
   */
  public static String validate(String name) {
    FileNames.validate(name);
    String problem = problem(name);
    if (problem != null) {
      throw new InvalidFileNameException(name, problem);
    }
    return name;
  }

  /**
   * Like {@link #validate}, and the format its extension names must be one Biotrack reads ({@link
   * ImageType}): what the API accepts for a job. MegaDetector also counts GIF, AVIF and WebP files
   * as images; a job refuses them by name, before anything is uploaded, and says what to do.
   *
   * @throws InvalidFileNameException saying what is wrong and what to do
   */
  public static String validateForJob(String name) {
    validate(name);
    String extension = extension(name);
    if (!ImageType.isAcceptedExtension(extension)) {
      throw new InvalidFileNameException(name, ImageType.refusalOf(extension));
    }
    return name;
  }

  /** The last segment's extension, lower case with its dot; "" without one. */
  private static String extension(String name) {
    String base = name.substring(name.lastIndexOf('/') + 1);
    int dot = base.lastIndexOf('.');
    return dot < 0 ? "" : base.substring(dot).toLowerCase(Locale.ROOT);
  }

  /** Whether the last segment ends with an image extension (case-insensitive). */
  public static boolean hasImageExtension(String name) {
    return LOOKUP.contains(extension(name));
  }

  private static String problem(String name) {
    for (String segment : name.split("/", -1)) {
      if (segment.startsWith(".")) {
        return "has a file or folder name starting with '.', which MegaDetector and most tools"
            + " treat as hidden; rename it or leave it out";
      }
    }
    if (!hasImageExtension(name)) {
      return "is not named as an image: MegaDetector reads only files ending in "
          + String.join(", ", EXTENSIONS)
          + " (any case); rename it or leave it out";
    }
    return null;
  }
}
