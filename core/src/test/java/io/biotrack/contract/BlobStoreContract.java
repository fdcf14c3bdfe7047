package io.biotrack.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.biotrack.job.JobIds;
import io.biotrack.storage.BlobChangedException;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobInfo;
import io.biotrack.storage.BlobNameRefusedException;
import io.biotrack.storage.BlobNames;
import io.biotrack.storage.BlobNotFoundException;
import io.biotrack.storage.BlobStore;
import io.biotrack.storage.BlobTooLargeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link BlobStore} adapter must do. Each test uses fresh job ids, so one store may
 * serve the whole class.
 */
public abstract class BlobStoreContract {
  private static final JobIds IDS = JobIds.system();

  protected abstract BlobStore blobs();

  private static byte[] bytes(int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }

  private byte[] read(BlobContainer container, String name) throws IOException {
    try (InputStream in = blobs().open(container, name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void storesAndReadsBackAStream() throws IOException {
    String name = BlobNames.upload(IDS.next(), "cam1/IMG_0001.JPG");
    byte[] data = bytes(3 * 1024 * 1024 + 17, 1);
    long stored =
        blobs().put(BlobContainer.UPLOADS, name, new ByteArrayInputStream(data), data.length);
    assertThat(stored).isEqualTo(data.length);
    assertThat(blobs().exists(BlobContainer.UPLOADS, name)).isTrue();
    assertThat(read(BlobContainer.UPLOADS, name)).isEqualTo(data);
  }

  @Test
  void emptyBlobsAreBlobs() throws IOException {
    String name = BlobNames.upload(IDS.next(), "empty.jpg");
    assertThat(blobs().put(BlobContainer.UPLOADS, name, new byte[0])).isZero();
    assertThat(read(BlobContainer.UPLOADS, name)).isEmpty();
  }

  @Test
  void aPutReplacesTheWholeBlob() throws IOException {
    String name = BlobNames.results(IDS.next());
    blobs().put(BlobContainer.RESULTS, name, "a much longer first version".getBytes());
    blobs().put(BlobContainer.RESULTS, name, "second".getBytes());
    assertThat(new String(read(BlobContainer.RESULTS, name), StandardCharsets.UTF_8))
        .isEqualTo("second");
  }

  @Test
  void aStreamOverTheLimitIsRefusedAndLeavesNothing() {
    String name = BlobNames.upload(IDS.next(), "big.jpg");
    byte[] data = bytes(200_001, 2);
    assertThatThrownBy(
            () -> blobs().put(BlobContainer.UPLOADS, name, new ByteArrayInputStream(data), 200_000))
        .isInstanceOfSatisfying(
            BlobTooLargeException.class, e -> assertThat(e.limitBytes()).isEqualTo(200_000));
    assertThat(blobs().exists(BlobContainer.UPLOADS, name)).isFalse();
    assertThat(blobs().list(BlobContainer.UPLOADS, name)).isEmpty();
  }

  @Test
  void aLargeStreamIsStoredWholeAndOneOverTheLimitLeavesNothing() throws IOException {
    // Larger than one block (4 MiB on Azure), so the staged-block path is used too.
    String job = IDS.next();
    byte[] data = bytes(9 * 1024 * 1024 + 5, 5);
    String fits = BlobNames.upload(job, "fits.tif");
    blobs().put(BlobContainer.UPLOADS, fits, new ByteArrayInputStream(data), data.length);
    assertThat(read(BlobContainer.UPLOADS, fits)).isEqualTo(data);

    String tooBig = BlobNames.upload(job, "too-big.tif");
    assertThatThrownBy(
            () ->
                blobs()
                    .put(BlobContainer.UPLOADS, tooBig, new ByteArrayInputStream(data), 6_000_000))
        .isInstanceOf(BlobTooLargeException.class);
    assertThat(blobs().exists(BlobContainer.UPLOADS, tooBig)).isFalse();
    assertThat(blobs().list(BlobContainer.UPLOADS, BlobNames.jobPrefix(job)))
        .extracting(BlobInfo::name)
        .containsExactly(fits);
  }

  @Test
  void thumbnailsAreKeyedByThePhotosPathUnderTheJobsThumbnailsAndGoWithTheJob() throws IOException {
    // The worker writes one per photo as it decodes it; the gateway reads it by the photo's name.
    String job = IDS.next();
    String photo = "Câmera 1/2026-01-05/IMG 0001.JPG";
    byte[] jpeg = bytes(24_000, 6);
    String name = BlobNames.thumbnail(job, photo);
    assertThat(name).isEqualTo(job + "/thumbnails/" + photo);
    blobs().put(BlobContainer.RESULTS, name, jpeg);
    blobs().put(BlobContainer.RESULTS, BlobNames.results(job), "{}".getBytes());

    assertThat(read(BlobContainer.RESULTS, name)).isEqualTo(jpeg);
    assertThat(blobs().exists(BlobContainer.RESULTS, BlobNames.thumbnail(job, "other.jpg")))
        .isFalse();
    assertThat(blobs().list(BlobContainer.RESULTS, BlobNames.thumbnails(job)))
        .extracting(BlobInfo::name, BlobInfo::size)
        .containsExactly(tuple(name, (long) jpeg.length));
    assertThat(blobs().deletePrefix(BlobContainer.RESULTS, BlobNames.jobPrefix(job))).isEqualTo(2);
    assertThat(blobs().exists(BlobContainer.RESULTS, name)).isFalse();
  }

  @Test
  void aFolderOfBlobsIsNotABlob() {
    String job = IDS.next();
    blobs().put(BlobContainer.UPLOADS, BlobNames.upload(job, "cam1/a.jpg"), new byte[1]);
    assertThat(blobs().exists(BlobContainer.UPLOADS, job + "/cam1")).isFalse();
    assertThatThrownBy(() -> blobs().open(BlobContainer.UPLOADS, job + "/cam1"))
        .isInstanceOf(BlobNotFoundException.class);
  }

  @Test
  void aStreamExactlyAtTheLimitIsStored() throws IOException {
    String name = BlobNames.upload(IDS.next(), "exact.jpg");
    byte[] data = bytes(65_536, 3);
    blobs().put(BlobContainer.UPLOADS, name, new ByteArrayInputStream(data), data.length);
    assertThat(read(BlobContainer.UPLOADS, name)).isEqualTo(data);
  }

  @Test
  void aRefusedReplacementKeepsTheOldBlob() throws IOException {
    String name = BlobNames.upload(IDS.next(), "keep.jpg");
    blobs().put(BlobContainer.UPLOADS, name, "old".getBytes());
    assertThatThrownBy(
            () ->
                blobs()
                    .put(BlobContainer.UPLOADS, name, new ByteArrayInputStream(bytes(100, 4)), 10))
        .isInstanceOf(BlobTooLargeException.class);
    assertThat(read(BlobContainer.UPLOADS, name)).isEqualTo("old".getBytes());
  }

  @Test
  void aBrokenStreamLeavesNothing() {
    String name = BlobNames.upload(IDS.next(), "broken.jpg");
    InputStream broken =
        new InputStream() {
          private int served;

          @Override
          public int read() throws IOException {
            if (served++ > 100_000) {
              throw new IOException("connection reset by client");
            }
            return 1;
          }
        };
    assertThatThrownBy(() -> blobs().put(BlobContainer.UPLOADS, name, broken, 10_000_000))
        .isInstanceOf(RuntimeException.class);
    assertThat(blobs().exists(BlobContainer.UPLOADS, name)).isFalse();
  }

  @Test
  void openingAMissingBlobSaysSo() {
    String name = BlobNames.results(IDS.next());
    assertThat(blobs().exists(BlobContainer.RESULTS, name)).isFalse();
    assertThatThrownBy(() -> blobs().open(BlobContainer.RESULTS, name))
        .isInstanceOf(BlobNotFoundException.class);
  }

  @Test
  void containersAreSeparate() {
    String name = BlobNames.results(IDS.next());
    blobs().put(BlobContainer.RESULTS, name, "{}".getBytes());
    assertThat(blobs().exists(BlobContainer.UPLOADS, name)).isFalse();
    assertThat(blobs().list(BlobContainer.UPLOADS, name)).isEmpty();
  }

  @Test
  void listingAndDeletingAJobPrefixNeverTouchesAnotherJob() {
    String job = IDS.next();
    String other = IDS.next();
    // "other" shares a long prefix with "job" only by chance; a prefix ending in '/' is exact.
    for (String file : new String[] {"b.jpg", "a.jpg", "cam1/c.jpg", "cam1/deep/d.jpg"}) {
      blobs().put(BlobContainer.UPLOADS, BlobNames.upload(job, file), file.getBytes());
      blobs().put(BlobContainer.UPLOADS, BlobNames.upload(other, file), file.getBytes());
    }
    assertThat(blobs().list(BlobContainer.UPLOADS, BlobNames.jobPrefix(job)))
        .extracting(BlobInfo::name, BlobInfo::size)
        .containsExactly(
            tuple(job + "/a.jpg", 5L),
            tuple(job + "/b.jpg", 5L),
            tuple(job + "/cam1/c.jpg", 10L),
            tuple(job + "/cam1/deep/d.jpg", 15L));
    assertThat(blobs().list(BlobContainer.UPLOADS, job + "/cam1/"))
        .extracting(BlobInfo::name)
        .containsExactly(job + "/cam1/c.jpg", job + "/cam1/deep/d.jpg");

    assertThat(blobs().deletePrefix(BlobContainer.UPLOADS, BlobNames.jobPrefix(job))).isEqualTo(4);
    assertThat(blobs().list(BlobContainer.UPLOADS, BlobNames.jobPrefix(job))).isEmpty();
    assertThat(blobs().list(BlobContainer.UPLOADS, BlobNames.jobPrefix(other))).hasSize(4);
    assertThat(blobs().deletePrefix(BlobContainer.UPLOADS, BlobNames.jobPrefix(job))).isZero();
  }

  @Test
  void aPrefixWithoutTheSlashIsAPlainStringPrefix() {
    String job = IDS.next();
    blobs().put(BlobContainer.UPLOADS, BlobNames.upload(job, "cam1/a.jpg"), new byte[1]);
    blobs().put(BlobContainer.UPLOADS, BlobNames.upload(job, "cam10/b.jpg"), new byte[1]);
    blobs().put(BlobContainer.UPLOADS, BlobNames.upload(job, "cam2/c.jpg"), new byte[1]);
    assertThat(blobs().list(BlobContainer.UPLOADS, job + "/cam1"))
        .extracting(BlobInfo::name)
        .containsExactly(job + "/cam1/a.jpg", job + "/cam10/b.jpg");
  }

  @Test
  void unusualButValidNamesRoundTrip() throws IOException {
    String job = IDS.next();
    String file = "site A/été #1/100% (copy).jpg";
    String name = BlobNames.upload(job, file);
    blobs().put(BlobContainer.UPLOADS, name, "x".getBytes());
    assertThat(read(BlobContainer.UPLOADS, name)).isEqualTo("x".getBytes());
    assertThat(blobs().list(BlobContainer.UPLOADS, BlobNames.jobPrefix(job)))
        .extracting(BlobInfo::name)
        .containsExactly(name);
  }

  /**
   * A name that is another blob's folder ({@code d} beside {@code d/e.jpg}) or lies inside another
   * blob ({@code f.jpg/inner.jpg} beside {@code f.jpg}). The contract demands a clean outcome, not
   * refusal: the put either stores the blob or refuses it with {@link BlobNameRefusedException},
   * and the blob already there stays whole and readable. Refusal is not demanded because in Azure
   * users upload through SAS URLs straight to Blob Storage, past every adapter, whose flat
   * namespace lets both names coexist; making the adapter refuse would cost a listing per put and
   * still protect nothing. The local store must refuse (a path is a file or a folder, not both).
   * Users are protected one level up: the API refuses such pairs when a job is created.
   */
  @ParameterizedTest
  @CsvSource({
    "f.jpg, f.jpg/inner.jpg",
    "f.jpg, f.jpg/a/b.jpg",
    "d/e.jpg, d",
    "a/b/c.jpg, a/b",
  })
  void aNameThatIsAlsoAFolderIsStoredOrRefusedCleanlyAndTheOtherBlobIsKept(
      String first, String second) throws IOException {
    String job = IDS.next();
    String firstBlob = BlobNames.upload(job, first);
    String secondBlob = BlobNames.upload(job, second);
    blobs().put(BlobContainer.UPLOADS, firstBlob, "first".getBytes());
    boolean stored;
    try {
      blobs().put(BlobContainer.UPLOADS, secondBlob, "second".getBytes());
      stored = true;
    } catch (BlobNameRefusedException refused) {
      assertThat(refused.reason()).isEqualTo(BlobNameRefusedException.Reason.FOLDER_CONFLICT);
      assertThat(refused.name()).isEqualTo(secondBlob);
      stored = false;
    }
    assertThat(read(BlobContainer.UPLOADS, firstBlob)).isEqualTo("first".getBytes());
    if (stored) {
      assertThat(read(BlobContainer.UPLOADS, secondBlob)).isEqualTo("second".getBytes());
    } else {
      assertThat(blobs().exists(BlobContainer.UPLOADS, secondBlob)).isFalse();
      assertThat(blobs().list(BlobContainer.UPLOADS, BlobNames.jobPrefix(job)))
          .extracting(BlobInfo::name)
          .containsExactly(firstBlob);
    }
  }

  @Test
  void aFolderOrFileNameOver255BytesIsRefusedBeforeAnythingIsWritten() {
    // Longer than ext4 and NTFS allow; on the local store it used to fail with "File name too
    // long".
    String job = IDS.next();
    String name = job + "/cam1/" + "x".repeat(252) + ".jpg";
    assertThatThrownBy(() -> blobs().put(BlobContainer.UPLOADS, name, new byte[1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("longer than 255 bytes");
    assertThat(blobs().list(BlobContainer.UPLOADS, BlobNames.jobPrefix(job))).isEmpty();
  }

  @Test
  void aNameInsideABlobIsNotFound() {
    String job = IDS.next();
    blobs().put(BlobContainer.UPLOADS, BlobNames.upload(job, "f.jpg"), new byte[1]);
    String inside = BlobNames.upload(job, "f.jpg/inner.jpg");
    assertThat(blobs().exists(BlobContainer.UPLOADS, inside)).isFalse();
    assertThatThrownBy(() -> blobs().open(BlobContainer.UPLOADS, inside))
        .isInstanceOf(BlobNotFoundException.class);
    assertThat(blobs().list(BlobContainer.UPLOADS, inside)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../escape.jpg",
        "/abs.jpg",
        "a//b.jpg",
        "a\\b.jpg",
        "a/./b.jpg",
        "a\u0000.jpg",
        "",
        "photo-\u202Egpj.exe"
      })
  void badNamesAreRefusedBeforeAnythingIsWritten(String bad) {
    String job = IDS.next();
    String name = job + "/" + bad;
    assertThatThrownBy(() -> blobs().put(BlobContainer.UPLOADS, name, new byte[1]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> blobs().open(BlobContainer.UPLOADS, name))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(blobs().list(BlobContainer.UPLOADS, BlobNames.jobPrefix(job))).isEmpty();
  }

  @Test
  void listingsComeInCodePointOrderOfTheWholeName() {
    String job = IDS.next();
    // '.' < '/' < '0': a file "a.jpg" sorts before the folder "a/", and "a0.jpg" after it.
    String[] files = {"a0.jpg", "a/z.jpg", "a.jpg", "b/c/d.jpg", "b/c.jpg", "B.jpg", "a/b/c.jpg"};
    for (String file : files) {
      blobs().put(BlobContainer.UPLOADS, BlobNames.upload(job, file), new byte[1]);
    }
    assertThat(blobs().list(BlobContainer.UPLOADS, BlobNames.jobPrefix(job)))
        .extracting(blob -> BlobNames.fileOf(job, blob.name()))
        .containsExactly(
            "B.jpg", "a.jpg", "a/b/c.jpg", "a/z.jpg", "a0.jpg", "b/c.jpg", "b/c/d.jpg");
  }

  @Test
  void scanVisitsEachBlobOnceWithItsSizeAndTag() {
    String job = IDS.next();
    for (int i = 0; i < 30; i++) {
      blobs()
          .put(
              BlobContainer.UPLOADS,
              BlobNames.upload(job, "cam" + (i % 3) + "/" + i + ".jpg"),
              new byte[i]);
    }
    java.util.List<BlobInfo> seen = new java.util.ArrayList<>();
    blobs().scan(BlobContainer.UPLOADS, BlobNames.jobPrefix(job), seen::add);
    assertThat(seen).hasSize(30).doesNotHaveDuplicates();
    assertThat(seen).allSatisfy(blob -> assertThat(blob.etag()).isNotBlank());
    assertThat(seen)
        .filteredOn(blob -> blob.name().endsWith("/7.jpg"))
        .singleElement()
        .satisfies(blob -> assertThat(blob.size()).isEqualTo(7));
  }

  @Test
  void aTaggedReadDeliversThatVersionAndRefusesAReplacedBlob() throws IOException {
    String name = BlobNames.upload(IDS.next(), "tagged.jpg");
    blobs().put(BlobContainer.UPLOADS, name, "first".getBytes());
    BlobInfo first = blobs().list(BlobContainer.UPLOADS, name).get(0);
    try (InputStream in = blobs().open(BlobContainer.UPLOADS, name, first.etag())) {
      assertThat(in.readAllBytes()).isEqualTo("first".getBytes());
    }
    blobs().put(BlobContainer.UPLOADS, name, "second version".getBytes());
    BlobInfo second = blobs().list(BlobContainer.UPLOADS, name).get(0);
    assertThat(second.etag()).isNotEqualTo(first.etag());
    assertThatThrownBy(() -> blobs().open(BlobContainer.UPLOADS, name, first.etag()))
        .isInstanceOf(BlobChangedException.class);
    try (InputStream in = blobs().open(BlobContainer.UPLOADS, name, second.etag())) {
      assertThat(in.readAllBytes()).isEqualTo("second version".getBytes());
    }
  }

  @Test
  void aTaggedReadOfADeletedBlobSaysItChanged() {
    String name = BlobNames.upload(IDS.next(), "gone.jpg");
    blobs().put(BlobContainer.UPLOADS, name, "x".getBytes());
    String etag = blobs().list(BlobContainer.UPLOADS, name).get(0).etag();
    assertThat(blobs().delete(BlobContainer.UPLOADS, name)).isTrue();
    assertThat(blobs().delete(BlobContainer.UPLOADS, name)).isFalse();
    assertThatThrownBy(() -> blobs().open(BlobContainer.UPLOADS, name, etag))
        .isInstanceOf(BlobChangedException.class);
  }

  @Test
  void deletingOneBlobLeavesItsNeighbours() {
    String job = IDS.next();
    blobs().put(BlobContainer.UPLOADS, BlobNames.upload(job, "cam1/a.jpg"), new byte[1]);
    blobs().put(BlobContainer.UPLOADS, BlobNames.upload(job, "cam1/b.jpg"), new byte[1]);
    assertThat(blobs().delete(BlobContainer.UPLOADS, BlobNames.upload(job, "cam1/a.jpg"))).isTrue();
    assertThat(blobs().list(BlobContainer.UPLOADS, BlobNames.jobPrefix(job)))
        .extracting(BlobInfo::name)
        .containsExactly(job + "/cam1/b.jpg");
  }
}
