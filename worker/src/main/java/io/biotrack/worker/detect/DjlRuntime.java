package io.biotrack.worker.detect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Process-wide DJL settings, applied before the PyTorch engine starts:
 *
 * <ul>
 *   <li>{@code ai.djl.offline=true}: libtorch comes from the bundled {@code pytorch-native-cpu}
 *       jar, never from the network;
 *   <li>a writable cache directory for the extracted natives (~430 MB, once per machine): {@code
 *       DJL_CACHE_DIR} / {@code ENGINE_CACHE_DIR} if the user set them, else the given directory,
 *       else {@code $XDG_CACHE_HOME/biotrack/djl} or {@code ~/.cache/biotrack/djl}, else a folder
 *       under {@code java.io.tmpdir};
 *   <li>intra-op threads: at least 2, because libtorch's single-threaded convolutions round
 *       differently and move boxes by up to half a pixel against the reference; one inter-op thread
 *       (the model has no parallel branches to fork).
 * </ul>
 */
public final class DjlRuntime {
  static final String OFFLINE = "ai.djl.offline";
  static final String NUM_THREADS = "ai.djl.pytorch.num_threads";
  static final String NUM_INTEROP_THREADS = "ai.djl.pytorch.num_interop_threads";

  private DjlRuntime() {}

  /** The thread count actually used for {@code requested} (0 or less: all cores, at least 2). */
  public static int threads(int requested) {
    int wanted = requested > 0 ? requested : Runtime.getRuntime().availableProcessors();
    return Math.max(2, wanted);
  }

  /**
   * @param cacheDir where to extract libtorch, or null for the default
   * @param threads intra-op threads (see {@link #threads(int)})
   */
  public static synchronized void configure(Path cacheDir, int threads) {
    System.setProperty(OFFLINE, "true");
    System.setProperty(NUM_THREADS, Integer.toString(threads));
    System.setProperty(NUM_INTEROP_THREADS, "1");
    if (isSet("DJL_CACHE_DIR") || isSet("ENGINE_CACHE_DIR")) {
      return;
    }
    Path dir = cacheDir != null ? cacheDir : defaultCacheDir();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new DetectorException("cannot create the DJL cache directory " + dir, e);
    }
    if (!Files.isWritable(dir)) {
      throw new DetectorException("the DJL cache directory " + dir + " is not writable");
    }
    System.setProperty("DJL_CACHE_DIR", dir.toString());
    System.setProperty("ENGINE_CACHE_DIR", dir.toString());
  }

  private static boolean isSet(String name) {
    String value = System.getProperty(name, System.getenv(name));
    return value != null && !value.isBlank();
  }

  static Path defaultCacheDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path home = Paths.get(System.getProperty("user.home", "."));
    Path base = xdg != null && !xdg.isBlank() ? Paths.get(xdg) : home.resolve(".cache");
    Path dir = base.resolve("biotrack").resolve("djl");
    if (canWriteUnder(dir)) {
      return dir;
    }
    return Paths.get(System.getProperty("java.io.tmpdir"))
        .resolve("biotrack-djl-" + System.getProperty("user.name", "user"));
  }

  private static boolean canWriteUnder(Path dir) {
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.exists(p)) {
        return Files.isDirectory(p) && Files.isWritable(p);
      }
    }
    return false;
  }
}
