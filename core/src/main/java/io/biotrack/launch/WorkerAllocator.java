package io.biotrack.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The native memory allocator a worker JVM runs with: the one place that decides it, for every way
 * a worker starts ({@code ./biotrack detect} and {@code worker-bench} through {@link #main}, the
 * embedded dispatcher's child processes through {@link #environment(Map)}, and the worker image,
 * whose {@code LD_PRELOAD} {@code DockerfileIT} checks against {@link #TCMALLOC}).
 *
 * <p>Why: libtorch allocates and frees each activation of a forward pass, tens to hundreds of MB
 * each. glibc's malloc serves such blocks with a fresh {@code mmap} and gives them back with {@code
 * munmap}, so every forward faults all of its memory in again: measured on MDv5-sized work,
 * ~300,000 minor page faults and a tenth of the CPU time per image. tcmalloc keeps freed memory for
 * the next forward (~2,000 faults per image, forward 1.14× faster); where it is not installed,
 * glibc's own tunables do most of that ({@link #TUNABLES}). jemalloc with default settings was
 * slower (0.64×), so it is not a choice here.
 *
 * <p>A user's own {@code LD_PRELOAD} or {@code GLIBC_TUNABLES} is left alone (nothing is added),
 * and {@value #SETTING} chooses explicitly: {@code auto} (the default: tcmalloc when installed,
 * else the tunables), {@code glibc} (the tunables, e.g. to compare), {@code system} (neither).
 */
public final class WorkerAllocator {
  /** {@value}: {@code auto}, {@code glibc} or {@code system}, see the class comment. */
  public static final String SETTING = "BIOTRACK_ALLOCATOR";

  public static final String LD_PRELOAD = "LD_PRELOAD";
  public static final String GLIBC_TUNABLES = "GLIBC_TUNABLES";

  /**
   * Where tcmalloc's minimal build ({@code libtcmalloc-minimal4} on Debian and Ubuntu, {@code
   * gperftools-libs} elsewhere) is installed, the first found wins; the first is the worker image's
   * (x86-64 only: libtorch's natives are).
   */
  public static final List<Path> TCMALLOC =
      List.of(
          Path.of("/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4"),
          Path.of("/usr/lib/aarch64-linux-gnu/libtcmalloc_minimal.so.4"),
          Path.of("/usr/lib64/libtcmalloc_minimal.so.4"),
          Path.of("/usr/lib/libtcmalloc_minimal.so.4"));

  /**
   * No {@code mmap} per allocation (large blocks come from the heap and are reused), and freed
   * memory at the heap's top kept up to 4 GiB rather than trimmed after every forward: more than a
   * forward of MDv5 at 1280×1280 frees at once, so the worker settles at its peak instead of
   * faulting it in again for every image.
   */
  public static final String TUNABLES =
      "glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=4294967296";

  private WorkerAllocator() {}

  /** {@link #environment(Map, Predicate)} with the real file system. */
  public static Map<String, String> environment(Map<String, String> current) {
    return environment(current, Files::isReadable);
  }

  /**
   * The variables to add to a worker's environment {@code current}: {@link #LD_PRELOAD} of
   * tcmalloc, or {@link #GLIBC_TUNABLES}, or nothing (see the class comment).
   *
   * @param installed whether a library file exists
   * @throws IllegalArgumentException for an unknown {@value #SETTING}
   */
  public static Map<String, String> environment(
      Map<String, String> current, Predicate<Path> installed) {
    String setting =
        Optional.ofNullable(current.get(SETTING))
            .map(s -> s.trim().toLowerCase(Locale.ROOT))
            .filter(s -> !s.isEmpty())
            .orElse("auto");
    boolean userChose = isSet(current, LD_PRELOAD) || isSet(current, GLIBC_TUNABLES);
    return switch (setting) {
      case "system" -> Map.of();
      case "glibc" -> userChose ? Map.of() : Map.of(GLIBC_TUNABLES, TUNABLES);
      case "auto" -> {
        if (userChose) {
          yield Map.of();
        }
        yield TCMALLOC.stream()
            .filter(installed)
            .findFirst()
            .map(lib -> Map.of(LD_PRELOAD, lib.toString()))
            .orElse(Map.of(GLIBC_TUNABLES, TUNABLES));
      }
      default ->
          throw new IllegalArgumentException(
              SETTING + " must be auto, glibc or system, was '" + current.get(SETTING) + "'");
    };
  }

  private static boolean isSet(Map<String, String> env, String name) {
    String value = env.get(name);
    return value != null && !value.isBlank();
  }

  /**
   * Prints the variables for this process's environment as {@code NAME=value} lines, for shell
   * launchers to export before they start a worker JVM (exit 2 for a bad {@value #SETTING}).
   */
  public static void main(String[] args) {
    try {
      new TreeMap<>(environment(System.getenv()))
          .forEach((name, value) -> System.out.println(name + "=" + value));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    }
  }
}
