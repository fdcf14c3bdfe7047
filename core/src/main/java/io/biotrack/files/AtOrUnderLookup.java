package io.biotrack.files;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link FileRegistry#atOrUnder} as every registry answers it: each path is looked up as a file key
 * and as a folder key ({@link RegistryKeys}); the rows found are read back into one answer per
 * path, a file winning over a folder of the same name.
 */
public final class AtOrUnderLookup {
  private final Map<String, String> byFileKey = new HashMap<>();
  private final Map<String, String> byFolderKey = new HashMap<>();

  private AtOrUnderLookup(Collection<String> paths) {
    for (String path : paths) {
      byFileKey.put(RegistryKeys.file(path), path);
      byFolderKey.put(RegistryKeys.folder(path), path);
    }
  }

  public static AtOrUnderLookup of(Collection<String> paths) {
    return new AtOrUnderLookup(paths);
  }

  /** Every key to look up, files' and folders'. */
  public List<String> keys() {
    List<String> keys = new ArrayList<>(byFileKey.keySet());
    keys.addAll(byFolderKey.keySet());
    return keys;
  }

  /**
   * @param nameByKey the rows found among {@link #keys()}: key → the row's name
   * @return path → the registered file at or under it
   */
  public Map<String, String> answer(Map<String, String> nameByKey) {
    Map<String, String> found = new HashMap<>();
    nameByKey.forEach(
        (key, name) -> {
          String folder = byFolderKey.get(key);
          if (folder != null) {
            found.putIfAbsent(folder, name);
          }
        });
    nameByKey.forEach(
        (key, name) -> {
          String file = byFileKey.get(key);
          if (file != null) {
            found.put(file, name); // a file wins
          }
        });
    return found;
  }
}
