package io.biotrack.files;

import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;

/** File names held in memory, sorted, so that everything inside a folder is one range. */
public final class FileTree implements ExistingNames {
  private final NavigableSet<String> names = new TreeSet<>();

  public void add(String name) {
    names.add(name);
  }

  public int size() {
    return names.size();
  }

  @Override
  public Optional<String> atOrUnder(String path) {
    if (names.contains(path)) {
      return Optional.of(path);
    }
    // Every name inside "d/" sorts at or after "d/" and before any name that does not start so.
    String folder = path + "/";
    String first = names.ceiling(folder);
    return first != null && first.startsWith(folder) ? Optional.of(first) : Optional.empty();
  }
}
