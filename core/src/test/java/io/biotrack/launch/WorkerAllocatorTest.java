package io.biotrack.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkerAllocatorTest {
  static final Path DEBIAN = Path.of("/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4");
  static final Path FEDORA = Path.of("/usr/lib64/libtcmalloc_minimal.so.4");

  static Map<String, String> decide(Map<String, String> env, Path... installed) {
    Set<Path> present = Set.of(installed);
    return WorkerAllocator.environment(env, present::contains);
  }

  @Test
  void preloadsTcmallocWhereItIsInstalled() {
    assertThat(decide(Map.of(), DEBIAN)).isEqualTo(Map.of("LD_PRELOAD", DEBIAN.toString()));
    assertThat(decide(Map.of(), FEDORA)).isEqualTo(Map.of("LD_PRELOAD", FEDORA.toString()));
    assertThat(decide(Map.of(), FEDORA, DEBIAN)).isEqualTo(Map.of("LD_PRELOAD", DEBIAN.toString()));
  }

  @Test
  void tunesGlibcWhereTcmallocIsMissing() {
    assertThat(decide(Map.of()))
        .isEqualTo(
            Map.of(
                "GLIBC_TUNABLES",
                "glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=4294967296"));
  }

  @Test
  void leavesTheUsersOwnChoiceAlone() {
    assertThat(decide(Map.of("LD_PRELOAD", "/opt/libjemalloc.so"), DEBIAN)).isEmpty();
    assertThat(decide(Map.of("GLIBC_TUNABLES", "glibc.malloc.arena_max=2"), DEBIAN)).isEmpty();
    assertThat(decide(Map.of("LD_PRELOAD", " "), DEBIAN)).containsKey("LD_PRELOAD");
  }

  @Test
  void theSettingChoosesExplicitly() {
    assertThat(decide(Map.of("BIOTRACK_ALLOCATOR", "system"), DEBIAN)).isEmpty();
    assertThat(decide(Map.of("BIOTRACK_ALLOCATOR", "glibc"), DEBIAN))
        .containsOnlyKeys("GLIBC_TUNABLES");
    assertThat(decide(Map.of("BIOTRACK_ALLOCATOR", " Auto "), DEBIAN))
        .containsOnlyKeys("LD_PRELOAD");
    assertThatThrownBy(() -> decide(Map.of("BIOTRACK_ALLOCATOR", "jemalloc")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("BIOTRACK_ALLOCATOR must be auto, glibc or system, was 'jemalloc'");
  }

  @Test
  void theWorkerImagesLibraryIsTheFirstCandidate() {
    assertThat(WorkerAllocator.TCMALLOC.get(0)).isEqualTo(DEBIAN);
  }
}
