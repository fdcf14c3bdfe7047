package io.biotrack.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NameConflictsTest {

  @Test
  void aFileThatIsAlsoAFolderIsAConflictWhicheverComesFirst() {
    assertThat(NameConflicts.within(List.of("f.jpg", "f.jpg/inner.jpg")))
        .containsExactly(new NameConflict("f.jpg/inner.jpg", "f.jpg"));
    assertThat(NameConflicts.within(List.of("d/e.jpg", "d")))
        .containsExactly(new NameConflict("d", "d/e.jpg"));
    assertThat(NameConflicts.within(List.of("a/b/c/d.jpg", "x.jpg", "a/b")))
        .containsExactly(new NameConflict("a/b", "a/b/c/d.jpg"));
  }

  @Test
  void theExplanationNamesBothFilesFolderFirst() {
    NameConflict conflict = NameConflicts.within(List.of("d/e.jpg", "d")).get(0);
    assertThat(conflict.folder()).isEqualTo("d");
    assertThat(conflict.inside()).isEqualTo("d/e.jpg");
    assertThat(conflict.explain())
        .isEqualTo(
            "'d' is a file and also the folder of 'd/e.jpg'; a name cannot be both:"
                + " rename one of them");
  }

  @Test
  void everyNameInsideAFileIsReported() {
    assertThat(NameConflicts.within(List.of("d", "d/a.jpg", "d/b.jpg", "d/x/c.jpg")))
        .containsExactly(
            new NameConflict("d/a.jpg", "d"),
            new NameConflict("d/b.jpg", "d"),
            new NameConflict("d/x/c.jpg", "d"));
  }

  @Test
  void siblingsSharedPrefixesAndDuplicatesAreNotConflicts() {
    assertThat(
            NameConflicts.within(
                List.of(
                    "cam1/a.jpg",
                    "cam1/b.jpg",
                    "cam10/a.jpg",
                    "cam1.jpg",
                    "cam1 /a.jpg",
                    "cam1-a.jpg",
                    "cam1/deep/a.jpg",
                    "a.jpg",
                    "a.jpg")))
        .isEmpty();
  }

  @Test
  void batchesAreCheckedAgainstTheNamesRegisteredBefore() {
    // How a later feature registers a job's files 1,000 at a time: check, then register.
    FileTree registered = new FileTree();
    NameConflicts conflicts = new NameConflicts(registered);
    List<String> first = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      first.add("cam" + (i % 7) + "/IMG_" + i + ".JPG");
    }
    assertThat(conflicts.check(first)).isEmpty();
    first.forEach(registered::add);

    List<NameConflict> found =
        conflicts.check(List.of("cam3", "cam3.jpg", "cam6/IMG_6.JPG/x.jpg", "cam8/a.jpg"));
    assertThat(found)
        .extracting(NameConflict::name, NameConflict::folder)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("cam3", "cam3"),
            org.assertj.core.groups.Tuple.tuple("cam6/IMG_6.JPG/x.jpg", "cam6/IMG_6.JPG"));
    assertThat(found.get(0).inside()).startsWith("cam3/IMG_");
    assertThat(registered.size()).isEqualTo(1000); // checking registers nothing
  }

  @Test
  void theRegisteredNamesNeedOnlyAnswerOneQuestion() {
    // E.g. a database: "name = ? OR name LIKE ?/%", one row at most.
    List<String> asked = new ArrayList<>();
    ExistingNames database =
        path -> {
          asked.add(path);
          return path.equals("site/cam1") ? Optional.of(path) : Optional.empty();
        };
    assertThat(new NameConflicts(database).check(List.of("site/cam1/a.jpg")))
        .containsExactly(new NameConflict("site/cam1/a.jpg", "site/cam1"));
    assertThat(asked).containsExactly("site", "site/cam1");
  }

  @Test
  void aFileTreeFindsANameOrOneInsideIt() {
    FileTree tree = new FileTree();
    tree.add("a/b/c.jpg");
    tree.add("a/b.jpg");
    tree.add("ab/x.jpg");
    assertThat(tree.atOrUnder("a/b.jpg")).contains("a/b.jpg");
    assertThat(tree.atOrUnder("a/b")).contains("a/b/c.jpg");
    assertThat(tree.atOrUnder("a")).hasValueSatisfying(n -> assertThat(n).startsWith("a/"));
    assertThat(tree.atOrUnder("a/b/c")).isEmpty();
    assertThat(tree.atOrUnder("b")).isEmpty();
  }
}
