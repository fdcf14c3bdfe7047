package io.biotrack.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biotrack.files.FileRegistry;
import io.biotrack.files.RegisteredFile;
import io.biotrack.job.JobIds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What every {@link FileRegistry} adapter must do. Each test uses fresh job ids. */
public abstract class FileRegistryContract {
  private static final JobIds IDS = JobIds.system();

  protected abstract FileRegistry registry();

  private static List<RegisteredFile> files(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> RegisteredFile.of(String.format("cam%d/IMG_%05d.JPG", i % 7, i), (long) i))
        .toList();
  }

  @Test
  void pagesCoverEveryRegisteredFileOnceInAStableOrder() {
    String job = IDS.next();
    registry().register(job, files(250).subList(0, 120));
    registry().register(job, files(250).subList(120, 250));

    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      FileRegistry.Page page = registry().list(job, cursor, 100);
      page.files().forEach(f -> seen.add(f.name()));
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null);

    assertThat(pages).isEqualTo(3);
    assertThat(seen).hasSize(250).doesNotHaveDuplicates();
    assertThat(new HashSet<>(seen))
        .isEqualTo(new HashSet<>(files(250).stream().map(RegisteredFile::name).toList()));
    assertThat(registry().list(job, null, 250).files())
        .extracting(RegisteredFile::name)
        .isEqualTo(seen);
  }

  @Test
  void registeringAgainUpdatesTheSizeAndKeepsTheUploadMark() {
    String job = IDS.next();
    registry()
        .register(job, List.of(RegisteredFile.of("a.jpg", 10L), RegisteredFile.of("b.jpg", null)));
    registry().markUploaded(job, List.of("a.jpg", "nobody.jpg"));
    registry().register(job, List.of(RegisteredFile.of("a.jpg", 12L)));

    assertThat(registry().find(job, "a.jpg")).contains(new RegisteredFile("a.jpg", 12L, true));
    assertThat(registry().find(job, "b.jpg")).contains(new RegisteredFile("b.jpg", null, false));
    assertThat(registry().find(job, "nobody.jpg")).isEmpty();
    assertThat(registry().list(job, null, 10).files()).hasSize(2);
  }

  @Test
  void answersWhetherANameIsAFileOrAFolderOfFilesInOneLookup() {
    String job = IDS.next();
    registry()
        .register(
            job,
            List.of(RegisteredFile.of("site A/cam 1/a.jpg", 1L), RegisteredFile.of("top.jpg", 1L)));

    Map<String, String> found =
        registry()
            .atOrUnder(
                job,
                List.of(
                    "site A", "site A/cam 1", "site A/cam 1/a.jpg", "top.jpg", "nothing", "site"));

    assertThat(found)
        .containsEntry("site A", "site A/cam 1/a.jpg")
        .containsEntry("site A/cam 1", "site A/cam 1/a.jpg")
        .containsEntry("site A/cam 1/a.jpg", "site A/cam 1/a.jpg")
        .containsEntry("top.jpg", "top.jpg")
        .doesNotContainKeys("nothing", "site");
  }

  @Test
  void manyLookupsAtOnce() {
    String job = IDS.next();
    registry().register(job, files(300));
    List<String> asked = new ArrayList<>();
    files(300).forEach(f -> asked.add(f.name()));
    asked.add("cam3");
    asked.add("absent.jpg");
    assertThat(registry().atOrUnder(job, asked)).hasSize(301);
  }

  @Test
  void jobsAreSeparateAndADeleteForgetsOneJob() {
    String job = IDS.next();
    String other = IDS.next();
    registry().register(job, files(30));
    registry().register(other, files(3));

    assertThat(registry().delete(job)).isEqualTo(30 + 7); // files and their folders
    assertThat(registry().list(job, null, 100).files()).isEmpty();
    assertThat(registry().atOrUnder(job, List.of("cam1"))).isEmpty();
    assertThat(registry().list(other, null, 100).files()).hasSize(3);
  }

  @Test
  void unusualNamesRoundTrip() {
    String job = IDS.next();
    Set<String> names =
        Set.of("site A/été #1/100% (copy).jpg", "a?b.jpg", "日本/写真.JPG", "\uD83D\uDC3B.png");
    registry().register(job, names.stream().map(n -> RegisteredFile.of(n, 1L)).toList());
    assertThat(registry().list(job, null, 10).files())
        .extracting(RegisteredFile::name)
        .containsExactlyInAnyOrderElementsOf(names);
    names.forEach(n -> assertThat(registry().find(job, n)).isPresent());
  }

  @Test
  void aCursorItDidNotMakeIsRefused() {
    assertThatThrownBy(() -> registry().list(IDS.next(), "' or 1 eq 1", 10))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
