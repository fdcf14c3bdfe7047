package io.biotrack.adapter.local;

import io.biotrack.files.FileNames;
import io.biotrack.files.FileOrder;
import io.biotrack.files.OwnerOnlyFiles;
import io.biotrack.storage.BlobChangedException;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobInfo;
import io.biotrack.storage.BlobNameRefusedException;
import io.biotrack.storage.BlobNotFoundException;
import io.biotrack.storage.BlobStore;
import io.biotrack.storage.BlobTooLargeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Blobs as files: {@code {root}/{container}/{blob name}}. A write goes to a temporary file in
 * {@code {root}/.partial/} (same filesystem) and is renamed into place atomically, so readers see
 * the old file or the whole new one and a failed write leaves nothing. Folders and files are open
 * to their owner only ({@link OwnerOnlyFiles}): they hold the tenants' photos and results. A name
 * the disk cannot hold (a folder of other blobs, inside another blob, too long) is a {@link
 * BlobNameRefusedException}, never an I/O error.
 */
public final class FileBlobStore implements BlobStore {
  private static final int BUFFER = 64 * 1024;

  private final Path root;
  private final Path partial;
  private final Function<BlobContainer, String> containerNames;

  /**
   * @param root {@code {dataDir}/blobs}
   * @param containerNames the folder of each container (the configured container names)
   */
  public FileBlobStore(Path root, Function<BlobContainer, String> containerNames) {
    this.root = root.toAbsolutePath().normalize();
    this.partial = this.root.resolve(".partial");
    this.containerNames = containerNames;
  }

  @Override
  public long put(BlobContainer container, String name, InputStream content, long maxBytes) {
    Path containerDir = containerDir(container);
    Path target = file(container, name);
    // Before reading the body: a name the disk cannot hold is refused at once.
    BlobNameRefusedException refused = refusal(containerDir, name, target, null);
    if (refused != null) {
      throw refused;
    }
    Path temp = null;
    try {
      OwnerOnlyFiles.createDirectories(partial);
      temp = Files.createTempFile(partial, "blob-", ".part"); // rw------- on POSIX
      long written = copyLimited(content, temp, name, maxBytes);
      try {
        OwnerOnlyFiles.createDirectories(target.getParent());
        moveIntoPlace(temp, target);
      } catch (IOException e) {
        // A concurrent put made a folder or a file in the way, or the path is too long here.
        refused = refusal(containerDir, name, target, e);
        if (refused != null) {
          throw refused;
        }
        throw e;
      }
      temp = null;
      return written;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store blob " + name, e);
    } finally {
      if (temp != null) {
        deleteQuietly(temp);
      }
    }
  }

  @Override
  public InputStream open(BlobContainer container, String name) {
    Path file = file(container, name);
    if (Files.isDirectory(file)) {
      throw new BlobNotFoundException(container, name); // a folder of other blobs, not a blob
    }
    try {
      return Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new BlobNotFoundException(container, name);
    } catch (IOException e) {
      if (refusal(containerDir(container), name, file, e) != null) {
        // Inside another blob ("Not a directory") or too long: no blob can have this name.
        throw new BlobNotFoundException(container, name);
      }
      throw new UncheckedIOException("cannot read blob " + name, e);
    }
  }

  @Override
  public boolean exists(BlobContainer container, String name) {
    return Files.isRegularFile(file(container, name));
  }

  @Override
  public InputStream open(BlobContainer container, String name, String etag) {
    Path file = file(container, name);
    InputStream in;
    try {
      in = Files.newInputStream(file);
    } catch (NoSuchFileException | java.nio.file.AccessDeniedException e) {
      throw new BlobChangedException(container, name);
    } catch (IOException e) {
      if (Files.isDirectory(file)) {
        throw new BlobChangedException(container, name);
      }
      throw new UncheckedIOException("cannot read blob " + name, e);
    }
    // Opened first, checked second: a replacement renames a new file into place, so the open
    // stream keeps the old file. If the tag read after opening still matches, the stream holds
    // the tagged version; if the file was replaced in between, the tags differ and we refuse.
    try {
      if (!etag.equals(etag(Files.readAttributes(file, BasicFileAttributes.class)))) {
        in.close();
        throw new BlobChangedException(container, name);
      }
      return in;
    } catch (NoSuchFileException e) {
      closeQuietly(in);
      throw new BlobChangedException(container, name);
    } catch (IOException e) {
      closeQuietly(in);
      throw new UncheckedIOException("cannot read blob " + name, e);
    }
  }

  @Override
  public void scan(BlobContainer container, String prefix, Consumer<BlobInfo> visitor) {
    Path containerDir = containerDir(container);
    // Only the folder the prefix points into needs walking ("abc/de" -> "abc/").
    int slash = prefix.lastIndexOf('/');
    Path start = slash < 0 ? containerDir : containerDir.resolve(prefix.substring(0, slash));
    if (!start.normalize().startsWith(containerDir) || !Files.isDirectory(start)) {
      return;
    }
    try {
      visitSorted(containerDir, start, prefix, visitor);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + prefix, e);
    }
  }

  /**
   * Visits the blobs under {@code dir} in code-point order of their full names with one folder's
   * entries in memory at a time: a folder sorts as its name plus '/', so "a.jpg" comes before
   * everything in folder "a" ('.' &lt; '/') and "a0.jpg" after it, exactly as the full names sort.
   */
  private void visitSorted(Path containerDir, Path dir, String prefix, Consumer<BlobInfo> visitor)
      throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (Stream<Path> children = Files.list(dir)) {
      for (Path child : (Iterable<Path>) children::iterator) {
        BasicFileAttributes attributes;
        try {
          attributes = Files.readAttributes(child, BasicFileAttributes.class);
        } catch (NoSuchFileException gone) {
          continue; // deleted while listing
        }
        String name = blobName(containerDir, child) + (attributes.isDirectory() ? "/" : "");
        boolean relevant =
            name.startsWith(prefix) || (attributes.isDirectory() && prefix.startsWith(name));
        if (relevant && (attributes.isDirectory() || attributes.isRegularFile())) {
          entries.add(new Entry(name, child, attributes));
        }
      }
    } catch (NoSuchFileException gone) {
      return; // a concurrent deletePrefix removed the folder: nothing left to list here
    }
    entries.sort(Comparator.comparing(Entry::key, FileOrder.CODE_POINTS));
    for (Entry entry : entries) {
      if (entry.attributes().isDirectory()) {
        visitSorted(containerDir, entry.path(), prefix, visitor);
      } else {
        visitor.accept(
            new BlobInfo(entry.key(), entry.attributes().size(), etag(entry.attributes())));
      }
    }
  }

  private record Entry(String key, Path path, BasicFileAttributes attributes) {}

  /**
   * A local blob's tag: its file identity (a replacement renames a new file into place, so a new
   * version is a new file), modification time and size.
   */
  static String etag(BasicFileAttributes attributes) {
    return Long.toHexString(attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS))
        + "-"
        + Long.toHexString(attributes.size())
        + "-"
        + Integer.toHexString(Objects.hashCode(attributes.fileKey()));
  }

  @Override
  public boolean delete(BlobContainer container, String name) {
    Path containerDir = containerDir(container);
    Path file = file(container, name);
    if (Files.isDirectory(file)) {
      return false;
    }
    try {
      boolean deleted = Files.deleteIfExists(file);
      removeEmptyFolders(containerDir, file.getParent());
      return deleted;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete blob " + name, e);
    }
  }

  @Override
  public int deletePrefix(BlobContainer container, String prefix) {
    Path containerDir = containerDir(container);
    int deleted = 0;
    List<BlobInfo> blobs = list(container, prefix);
    for (BlobInfo blob : blobs) {
      Path file = containerDir.resolve(blob.name());
      try {
        if (Files.deleteIfExists(file)) {
          deleted++;
        }
        removeEmptyFolders(containerDir, file.getParent());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete blob " + blob.name(), e);
      }
    }
    return deleted;
  }

  private Path containerDir(BlobContainer container) {
    return root.resolve(containerNames.apply(container));
  }

  /** The file of a blob; the name is checked like any user file name, so it stays inside. */
  private Path file(BlobContainer container, String name) {
    FileNames.validate(name);
    Path containerDir = containerDir(container);
    Path file = containerDir.resolve(name).normalize();
    if (!file.startsWith(containerDir) || file.equals(containerDir)) {
      throw new IllegalArgumentException("blob name " + name + " leaves its container");
    }
    return file;
  }

  /**
   * Why the disk cannot hold a blob at {@code target}, judged by looking at the disk: the name is a
   * folder of other blobs, one of its folders is a blob, or (after {@code failure}) the path is too
   * long. Null when none of these is so, i.e. {@code failure} is a real storage failure.
   */
  private static BlobNameRefusedException refusal(
      Path containerDir, String name, Path target, IOException failure) {
    if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      return new BlobNameRefusedException(
          name, BlobNameRefusedException.Reason.FOLDER_CONFLICT, "it is a folder of other blobs");
    }
    Path relative = containerDir.relativize(target);
    Path folder = containerDir;
    for (int i = 0; i < relative.getNameCount() - 1; i++) {
      folder = folder.resolve(relative.getName(i));
      if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
        break;
      }
      if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
        return new BlobNameRefusedException(
            name,
            BlobNameRefusedException.Reason.FOLDER_CONFLICT,
            "its folder " + blobName(containerDir, folder) + " is a blob");
      }
    }
    if (failure != null && isNameTooLong(target, failure)) {
      return new BlobNameRefusedException(
          name, BlobNameRefusedException.Reason.TOO_LONG, "the path is too long for this disk");
    }
    return null;
  }

  /**
   * ENAMETOOLONG. Its text ("File name too long") comes from the C library and may be translated,
   * so Linux's limits are checked too: 255 bytes a name, 4,096 a path.
   */
  private static boolean isNameTooLong(Path target, IOException failure) {
    if (failure instanceof FileSystemException fs
        && fs.getReason() != null
        && fs.getReason().contains("name too long")) {
      return true;
    }
    if (target.toString().getBytes(StandardCharsets.UTF_8).length >= 4096) {
      return true;
    }
    for (Path part : target) {
      if (part.toString().getBytes(StandardCharsets.UTF_8).length > 255) {
        return true;
      }
    }
    return false;
  }

  private static String blobName(Path containerDir, Path file) {
    return containerDir
        .relativize(file)
        .toString()
        .replace(file.getFileSystem().getSeparator(), "/");
  }

  private static long copyLimited(InputStream content, Path temp, String name, long maxBytes)
      throws IOException {
    long written = 0;
    byte[] buffer = new byte[BUFFER];
    try (OutputStream out = Files.newOutputStream(temp)) {
      int n;
      while ((n = content.read(buffer)) >= 0) {
        written += n;
        if (written > maxBytes) {
          throw new BlobTooLargeException(name, maxBytes);
        }
        out.write(buffer, 0, n);
      }
    }
    return written;
  }

  private static void moveIntoPlace(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the blob folder does not support atomic renames", e);
    }
  }

  private static void removeEmptyFolders(Path containerDir, Path folder) {
    Path current = folder;
    while (current != null && current.startsWith(containerDir) && !current.equals(containerDir)) {
      try {
        Files.deleteIfExists(current);
      } catch (DirectoryNotEmptyException e) {
        return;
      } catch (IOException e) {
        return; // an empty folder left behind is harmless
      }
      current = current.getParent();
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // Already refusing the read; nothing more to say.
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // Leftover temp files are only disk space; the next start can clean .partial/.
    }
  }
}
