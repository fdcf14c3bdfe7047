package io.biotrack.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Files and folders that only their owner may use: folders {@code rwx------}, files {@code
 * rw-------}, set when they are created (never briefly open to others, whatever the process's
 * umask). Embedded mode keeps every tenant's photos, records and keys in one data directory; the
 * {@code ./biotrack} script also sets {@code umask 077}, but the jars run without it too (tests, a
 * service manager), and H2 or a child's shell create files this code does not.
 *
 * <p>On a file system without POSIX permissions (Windows) these are plain creations: there the data
 * directory's access control list, inherited from its parent, decides.
 */
public final class OwnerOnlyFiles {
  public static final Set<PosixFilePermission> FOLDER =
      PosixFilePermissions.fromString("rwx------");
  public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> GROUP_AND_OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private OwnerOnlyFiles() {}

  public static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /**
   * {@link Files#createDirectories}, each folder it creates {@code rwx------}; folders that exist
   * keep their mode.
   */
  public static Path createDirectories(Path dir) throws IOException {
    return posix(dir)
        ? Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(FOLDER))
        : Files.createDirectories(dir);
  }

  /** Creates an empty {@code rw-------} file unless one exists (e.g. a log a child appends to). */
  public static Path createFileIfMissing(Path file) throws IOException {
    try {
      return Files.createFile(file, fileAttributes(file));
    } catch (FileAlreadyExistsException exists) {
      return file;
    }
  }

  /** {@link Files#writeString}; a file it creates is {@code rw-------}. */
  public static Path writeString(Path file, String text) throws IOException {
    Set<OpenOption> options =
        Set.of(
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
    try (FileChannel channel = FileChannel.open(file, options, fileAttributes(file))) {
      ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }
    return file;
  }

  /** {@link FileChannel#open} for writing, creating the file {@code rw-------} if missing. */
  public static FileChannel openForWriting(Path file) throws IOException {
    return FileChannel.open(
        file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), fileAttributes(file));
  }

  /**
   * Creates {@code file} holding {@code content} unless it exists: written under a temporary name,
   * then linked into place, so no reader sees part of it and a file another process made meanwhile
   * is kept (a hard link never replaces a file, a rename may).
   *
   * @return true if this call created it, false if it was there already
   */
  public static boolean createOnce(Path file, byte[] content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    createDirectories(dir);
    String name = file.getFileName().toString();
    Path temp =
        posix(dir)
            ? Files.createTempFile(dir, name, ".tmp", PosixFilePermissions.asFileAttribute(FILE))
            : Files.createTempFile(dir, name, ".tmp");
    try {
      Files.write(temp, content);
      Files.createLink(file, temp);
      return true;
    } catch (FileAlreadyExistsException lostTheRace) {
      return false;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Takes the group's and other users' permissions off an existing file or folder.
   *
   * @return true if it had any (and so was changed)
   */
  public static boolean restrict(Path path) throws IOException {
    if (!posix(path)) {
      return false;
    }
    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
    if (mode.stream().noneMatch(GROUP_AND_OTHERS::contains)) {
      return false;
    }
    Set<PosixFilePermission> ownerOnly = EnumSet.copyOf(mode);
    ownerOnly.removeAll(GROUP_AND_OTHERS);
    Files.setPosixFilePermissions(path, ownerOnly);
    return true;
  }

  private static FileAttribute<?>[] fileAttributes(Path file) {
    return posix(file)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
        : new FileAttribute<?>[0];
  }
}
