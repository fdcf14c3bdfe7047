package io.biotrack.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** POSIX file modes of a whole tree, for tests that check what other users may reach. */
public final class FileModes {
  private static final Set<PosixFilePermission> GROUP_AND_OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private FileModes() {}

  public static boolean supported(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /**
   * Every file and folder under {@code root} (itself included) that its group or other users may
   * read, write or enter, as {@code "rwxr-xr-x db/"} lines; empty when there is none.
   */
  public static List<String> openToOthers(Path root) {
    List<String> open = new ArrayList<>();
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                throws IOException {
              check(dir, "/");
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              check(file, "");
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              if (e instanceof NoSuchFileException) {
                return FileVisitResult
                    .CONTINUE; // deleted while walking (a finished worker's folder)
              }
              throw e;
            }

            private void check(Path path, String suffix) throws IOException {
              try {
                Set<PosixFilePermission> mode =
                    Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
                if (mode.stream().anyMatch(GROUP_AND_OTHERS::contains)) {
                  String name = root.relativize(path).toString();
                  open.add(
                      PosixFilePermissions.toString(mode)
                          + " "
                          + (name.isEmpty() ? "." : name)
                          + suffix);
                }
              } catch (NoSuchFileException deletedMeanwhile) {
                // a temporary file that went away while walking
              }
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot walk " + root, e);
    }
    return open;
  }
}
