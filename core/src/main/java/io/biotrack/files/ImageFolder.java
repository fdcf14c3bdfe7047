package io.biotrack.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists a folder's images the way MegaDetector's {@code find_images} globs them ({@code *.*}, or
 * {@code **}{@code /*.*} when recursive), by the {@link ImageNames} rule (image extensions
 * case-insensitively, nothing hidden, nothing without an extension); paths relative to the folder
 * with {@code /} separators, sorted by code point. Symbolic links to folders are not followed (a
 * link cycle cannot loop the scan). The detect command and {@code biotrack submit} both list
 * folders with it.
 */
public final class ImageFolder {
  private ImageFolder() {}

  public static List<String> scan(Path folder, boolean recursive) {
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException("not a folder: " + folder);
    }
    List<String> files = new ArrayList<>();
    try {
      Files.walkFileTree(
          folder,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              if (dir.equals(folder)) {
                return FileVisitResult.CONTINUE;
              }
              return recursive && !hidden(dir)
                  ? FileVisitResult.CONTINUE
                  : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              String name = relative(folder, file);
              if (ImageNames.isImage(name) && Files.isRegularFile(file)) {
                files.add(name);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE; // unreadable entries are not images to list
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot scan " + folder, e);
    }
    files.sort(FileOrder.CODE_POINTS);
    return files;
  }

  private static boolean hidden(Path path) {
    return path.getFileName().toString().startsWith(".");
  }

  private static String relative(Path folder, Path file) {
    return folder.relativize(file).toString().replace(folder.getFileSystem().getSeparator(), "/");
  }
}
