package io.biotrack.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biotrack.contract.BlobStoreContract;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNameRefusedException;
import io.biotrack.storage.BlobNotFoundException;
import io.biotrack.storage.BlobStore;
import io.biotrack.storage.BlobTooLargeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBlobStoreContractIT extends BlobStoreContract {
  @TempDir static Path root;

  /** Container folders with other names than the defaults: the store must use the settings. */
  @Override
  protected BlobStore blobs() {
    return new FileBlobStore(root, c -> c == BlobContainer.UPLOADS ? "in-box" : "out-box");
  }

  @Test
  void failedWritesLeaveNoTemporaryFiles(@TempDir Path dir) throws IOException {
    FileBlobStore store = new FileBlobStore(dir, c -> c.defaultName());
    String name = "0123456789abcdefghjkmnpqrs/x.jpg";
    try {
      store.put(BlobContainer.UPLOADS, name, new ByteArrayInputStream(new byte[100]), 10);
    } catch (BlobTooLargeException expected) {
      // the point of the test
    }
    store.put(BlobContainer.UPLOADS, name, new byte[5]);
    try (Stream<Path> files = Files.walk(dir)) {
      assertThat(files.filter(Files::isRegularFile))
          .containsExactly(dir.resolve("uploads").resolve(name));
    }
  }

  @Test
  void deletingAPrefixRemovesEmptyFoldersButNotTheContainer(@TempDir Path dir) {
    FileBlobStore store = new FileBlobStore(dir, c -> c.defaultName());
    store.put(BlobContainer.UPLOADS, "0123456789abcdefghjkmnpqrs/a/b/c.jpg", new byte[1]);
    store.deletePrefix(BlobContainer.UPLOADS, "0123456789abcdefghjkmnpqrs/");
    assertThat(dir.resolve("uploads/0123456789abcdefghjkmnpqrs")).doesNotExist();
    assertThat(dir.resolve("uploads")).isDirectory();
  }

  @Test
  void aPathTooLongForTheDiskIsARefusedNameNotAnIoError(@TempDir Path dir) throws IOException {
    // A data directory 3,800 bytes deep: a valid 500-byte name passes Linux's 4,096-byte path
    // limit.
    Path deep = dir;
    for (int i = 0; i < 15; i++) {
      deep = deep.resolve(String.valueOf((char) ('a' + i)).repeat(250));
    }
    FileBlobStore store = new FileBlobStore(Files.createDirectories(deep), c -> c.defaultName());
    String name = "0123456789abcdefghjkmnpqrs/" + "d".repeat(250) + "/" + "f".repeat(250) + ".jpg";

    assertThatThrownBy(() -> store.put(BlobContainer.UPLOADS, name, new byte[1]))
        .isInstanceOfSatisfying(
            BlobNameRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(BlobNameRefusedException.Reason.TOO_LONG));
    assertThatThrownBy(() -> store.open(BlobContainer.UPLOADS, name))
        .isInstanceOf(BlobNotFoundException.class);
    try (Stream<Path> files = Files.walk(deep)) {
      assertThat(files.filter(Files::isRegularFile)).isEmpty(); // no temporary file left
    }
  }
}
