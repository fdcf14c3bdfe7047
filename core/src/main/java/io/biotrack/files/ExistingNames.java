package io.biotrack.files;

import java.util.Optional;

/**
 * The one question {@link NameConflicts} asks about names registered earlier: is there a file of
 * exactly this name, or one inside this folder? A job store answers it with one indexed query
 * ({@code name = ? OR name LIKE ?/%}), a blob store with an exists and a one-item listing, {@link
 * FileTree} from memory.
 */
@FunctionalInterface
public interface ExistingNames {
  /** Nothing registered yet. */
  ExistingNames NONE = path -> Optional.empty();

  /**
   * @param path a valid file name ({@link FileNames}), also read as a folder
   * @return {@code path} itself when a file of that name exists; otherwise any one existing name
   *     inside it (starting with {@code path + "/"}); empty when there is neither
   */
  Optional<String> atOrUnder(String path);
}
