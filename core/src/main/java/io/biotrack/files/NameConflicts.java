package io.biotrack.files;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds names that would be a file and a folder at once ({@code f.jpg} with {@code
 * f.jpg/inner.jpg}, {@code d/e.jpg} with {@code d}), among a batch of new names and against the
 * names registered before it. Works from {@link ExistingNames} alone, so the registered names can
 * stay in a database: per new name it asks one question per folder level, never for a listing.
 *
 * <p>Names are expected to be valid ({@link FileNames}); exact duplicates are not conflicts here
 * (whether a repeated name is an error or a replacement is the caller's rule).
 */
public final class NameConflicts {
  private final ExistingNames registered;

  /**
   * @param registered the names accepted before; {@link ExistingNames#NONE} for none
   */
  public NameConflicts(ExistingNames registered) {
    this.registered = registered;
  }

  /** The conflicts within one set of names, such as one create request. */
  public static List<NameConflict> within(List<String> names) {
    return new NameConflicts(ExistingNames.NONE).check(names);
  }

  /**
   * Checks a batch in order: each name against the registered names and the batch's earlier names.
   * Registers nothing; a name of the batch may appear in several conflicts.
   *
   * @return one conflict per clashing pair found, in batch order; empty when all fit
   */
  public List<NameConflict> check(List<String> batch) {
    FileTree earlier = new FileTree();
    List<NameConflict> conflicts = new ArrayList<>();
    for (String name : batch) {
      conflictWith(name, registered).ifPresent(conflicts::add);
      conflictWith(name, earlier).ifPresent(conflicts::add);
      earlier.add(name);
    }
    return conflicts;
  }

  /**
   * The first clash of {@code name} with {@code names}: a folder of it is a file, or it is a
   * folder.
   */
  private static Optional<NameConflict> conflictWith(String name, ExistingNames names) {
    for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
      String folder = name.substring(0, slash);
      if (names.atOrUnder(folder).filter(folder::equals).isPresent()) {
        return Optional.of(new NameConflict(name, folder));
      }
    }
    return names
        .atOrUnder(name)
        .filter(found -> !found.equals(name))
        .map(inside -> new NameConflict(name, inside));
  }
}
