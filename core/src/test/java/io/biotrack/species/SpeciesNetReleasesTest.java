package io.biotrack.species;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpeciesNetReleasesTest {
  @Test
  void theReadmesDownloadLinksAndNoDigestSinceNoneIsPublished() {
    SpeciesNetReleases.Release crop = SpeciesNetReleases.find("SpeciesNet-v4.0.3a").orElseThrow();
    assertThat(crop.url())
        .isEqualTo(
            "https://www.kaggle.com/api/v1/models/google/speciesnet/pyTorch/v4.0.3a/1/download");
    assertThat(crop.type()).isEqualTo("always_crop");
    assertThat(crop.runsHere()).isTrue();
    assertThat(crop.sha256()).isNull();
    SpeciesNetReleases.Release whole = SpeciesNetReleases.find("speciesnet-v4.0.3b").orElseThrow();
    assertThat(whole.type()).isEqualTo("full_image");
    assertThat(whole.runsHere()).isFalse();
    assertThat(SpeciesNetReleases.all())
        .extracting(SpeciesNetReleases.Release::name)
        .startsWith("speciesnet-v4.0.3a", "speciesnet-v4.0.3b")
        .doesNotHaveDuplicates();
    assertThat(SpeciesNetReleases.find("speciesnet-v9")).isEmpty();
  }
}
