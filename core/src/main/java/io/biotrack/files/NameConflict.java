package io.biotrack.files;

/**
 * Two names of one job that cannot both exist: {@code folder} is a file name, and {@code inside} is
 * a name in a folder of that same name ({@code d} and {@code d/e.jpg}). On a disk a path is a file
 * or a folder, never both, so such a pair cannot be stored or downloaded together.
 *
 * @param name the name being checked
 * @param other the name registered earlier (or earlier in the same batch) that it clashes with
 */
public record NameConflict(String name, String other) {

  /** The shorter of the two: the name that would have to be a file and a folder at once. */
  public String folder() {
    return name.length() < other.length() ? name : other;
  }

  /** The longer of the two: the name inside {@link #folder()}. */
  public String inside() {
    return name.length() < other.length() ? other : name;
  }

  /** What is wrong and what to do, naming both files. */
  public String explain() {
    return "'"
        + folder()
        + "' is a file and also the folder of '"
        + inside()
        + "'; a name cannot be both: rename one of them";
  }
}
