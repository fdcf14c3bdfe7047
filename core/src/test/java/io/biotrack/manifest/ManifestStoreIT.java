package io.biotrack.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biotrack.adapter.local.FileBlobStore;
import io.biotrack.job.JobIds;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestStoreIT {
  private static final JobIds IDS = JobIds.system();
  @TempDir Path dir;
  private BlobStore blobs;
  private ManifestStore manifests;
  private String job;

  @BeforeEach
  void setUp() {
    blobs = new FileBlobStore(dir, BlobContainer::defaultName);
    manifests = new ManifestStore(blobs, 3);
    job = IDS.next();
  }

  private static List<ManifestEntry> entries(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> new ManifestEntry(String.format("cam%d/IMG_%04d.JPG", i / 4, i), i, "e" + i))
        .toList();
  }

  private static List<ManifestEntry> drain(Iterator<ManifestEntry> it) {
    List<ManifestEntry> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  @Test
  void aRangeIsReadFromTheBlobsThatBlobsOfNames() {
    List<ManifestEntry> all = entries(10);
    manifests.write(job, "m1", all::forEach);
    Manifest manifest = manifests.get(job, "m1");

    List<String> names = manifests.blobsOf(manifest, 4, 4); // entries 4..7: pages 1 and 2
    assertThat(names)
        .containsExactly(
            job + "/manifest/m1/manifest.json",
            job + "/manifest/m1/page-000001.jsonl",
            job + "/manifest/m1/page-000002.jsonl");
    assertThat(manifests.blobsOf(manifest, 3, 0))
        .containsExactly(job + "/manifest/m1/manifest.json");

    // A store that opens nothing else (what a shard's credentials allow) reads the range.
    BlobStore onlyThose =
        new BlobStore() {
          @Override
          public long put(BlobContainer container, String name, java.io.InputStream in, long max) {
            throw new UnsupportedOperationException();
          }

          @Override
          public java.io.InputStream open(BlobContainer container, String name) {
            if (!names.contains(name)) {
              throw new UnsupportedOperationException("not granted: " + name);
            }
            return blobs.open(container, name);
          }

          @Override
          public java.io.InputStream open(BlobContainer container, String name, String etag) {
            throw new UnsupportedOperationException();
          }

          @Override
          public boolean exists(BlobContainer container, String name) {
            throw new UnsupportedOperationException();
          }

          @Override
          public void scan(
              BlobContainer c,
              String prefix,
              java.util.function.Consumer<io.biotrack.storage.BlobInfo> v) {
            throw new UnsupportedOperationException();
          }

          @Override
          public int deletePrefix(BlobContainer container, String prefix) {
            throw new UnsupportedOperationException();
          }

          @Override
          public boolean delete(BlobContainer container, String name) {
            throw new UnsupportedOperationException();
          }
        };
    ManifestStore scoped = new ManifestStore(onlyThose, 3);
    assertThat(drain(scoped.read(scoped.get(job, "m1"), 4, 4))).isEqualTo(all.subList(4, 8));
  }

  @Test
  void entriesComeBackInOrderWhateverRangeIsRead() {
    List<ManifestEntry> all = entries(10);
    Manifest written = manifests.write(job, "m1", all::forEach);
    assertThat(written.count()).isEqualTo(10);
    assertThat(written.pages()).isEqualTo(4);
    assertThat(written.totalBytes()).isEqualTo(45);

    Manifest found = manifests.get(job, "m1");
    assertThat(found).isEqualTo(written);
    assertThat(drain(manifests.read(found))).isEqualTo(all);
    assertThat(drain(manifests.read(found, 2, 5))).isEqualTo(all.subList(2, 7));
    assertThat(drain(manifests.read(found, 9, 1))).isEqualTo(all.subList(9, 10));
    assertThat(drain(manifests.read(found, 10, 0))).isEmpty();
    assertThatThrownBy(() -> manifests.read(found, 8, 3))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFileIsLookedUpOnItsOwnPage() {
    List<ManifestEntry> all = entries(10);
    Manifest manifest = manifests.write(job, "m1", all::forEach);
    for (ManifestEntry entry : all) {
      assertThat(manifests.lookup(manifest, entry.file())).contains(entry);
    }
    assertThat(manifests.lookup(manifest, "a-before-everything.jpg")).isEmpty();
    assertThat(manifests.lookup(manifest, "cam1/IMG_0004.JPG.extra")).isEmpty();
    assertThat(manifests.lookup(manifest, "zzz.jpg")).isEmpty();
  }

  @Test
  void anEmptyManifestIsAManifest() {
    Manifest manifest = manifests.write(job, "m1", sink -> {});
    assertThat(manifests.get(job, "m1").count()).isZero();
    assertThat(manifest.pages()).isZero();
    assertThat(manifests.lookup(manifest, "a.jpg")).isEmpty();
  }

  @Test
  void entriesOutOfCodePointOrderAreSorted() {
    // Java's UTF-16 order puts U+FF21 (fullwidth A) after U+1F600 (an emoji, a surrogate pair);
    // code-point order, Python's and MegaDetector's, puts it before.
    List<ManifestEntry> given =
        List.of(
            new ManifestEntry("b.jpg", 1, "x"),
            new ManifestEntry("a.jpg", 1, "x"),
            new ManifestEntry("\uD83D\uDE00.jpg", 1, "x"),
            new ManifestEntry("\uFF21.jpg", 1, "x"));
    Manifest manifest = manifests.write(job, "m1", given::forEach);
    assertThat(drain(manifests.read(manifest)))
        .extracting(ManifestEntry::file)
        .containsExactly("a.jpg", "b.jpg", "\uFF21.jpg", "\uD83D\uDE00.jpg");
  }

  @Test
  void aNameTwiceIsRefused() {
    List<ManifestEntry> given =
        List.of(new ManifestEntry("a.jpg", 1, "x"), new ManifestEntry("a.jpg", 2, "y"));
    assertThatThrownBy(() -> manifests.write(job, "m1", given::forEach))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a.jpg");
  }

  @Test
  void aFreezeCutShortLeavesNoManifest() {
    List<ManifestEntry> all = entries(10);
    assertThatThrownBy(
            () ->
                manifests.write(
                    job,
                    "m1",
                    sink -> {
                      all.subList(0, 7).forEach(sink);
                      throw new IllegalStateException("listing failed");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(manifests.find(job, "m1")).isEmpty();
  }

  @Test
  void freezesOfOneJobAreSeparateAndDeletedTogether() {
    manifests.write(job, "m1", entries(4)::forEach);
    manifests.write(job, "m2", entries(7)::forEach);
    String other = IDS.next();
    manifests.write(other, "m1", entries(2)::forEach);
    assertThat(manifests.get(job, "m1").count()).isEqualTo(4);
    assertThat(manifests.get(job, "m2").count()).isEqualTo(7);

    assertThat(manifests.deleteAll(job)).isEqualTo(2 + 1 + 3 + 1);
    assertThat(manifests.find(job, "m1")).isEmpty();
    assertThat(manifests.find(job, "m2")).isEmpty();
    assertThat(manifests.get(other, "m1").count()).isEqualTo(2);
  }
}
