package io.biotrack.species;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * SpeciesNet's published classifier versions, as {@code biotrack model list} shows them,
 * transcribed from {@code google/cameratrapai}: the 4.0.3 download links of its README
 * ("Downloading SpeciesNet model weights directly": {@code
 * https://www.kaggle.com/api/v1/models/google/speciesnet/pyTorch/v4.0.3a/1/download} and {@code
 * …/v4.0.3b/1/download}), the 4.0.2 model ids of {@code advanced_topics.md} ({@code
 * kaggle:google/speciesnet/pyTorch/v4.0.2a/1}, {@code …/v4.0.2b/1}) and the 4.0.1 model cards
 * ({@code model_cards/v4.0.1a.md}, {@code v4.0.1b.md}); the 4.0.2 and 4.0.1 URLs follow the
 * README's pattern for the same Kaggle ids. "a" is the crop classifier ({@code always_crop}), "b"
 * the whole-image one ({@code full_image}).
 *
 * <p>SpeciesNet publishes <b>no digests</b> (no SHA-256, no MD5, no sizes) for these archives:
 * {@link Release#sha256()} is null rather than a value nobody published, as the MegaDetector
 * entries of {@link io.biotrack.model.ModelCatalogue} leave SHA-256 null.
 */
public final class SpeciesNetReleases {
  private static final String KAGGLE =
      "https://www.kaggle.com/api/v1/models/google/speciesnet/pyTorch/";

  /**
   * One published version.
   *
   * @param name what users type: {@code speciesnet-v4.0.3a}
   * @param version SpeciesNet's version ({@code 4.0.3a}, as its {@code info.json} has it)
   * @param type {@code always_crop} or {@code full_image}
   * @param url the archive's download link (a tar.gz of the model folder, PyTorch weights)
   * @param sha256 null: not published
   */
  public record Release(String name, String version, String type, String url, String sha256) {
    /** Biotrack runs "a" models only (docs/species.md). */
    public boolean runsHere() {
      return type.equals(SpeciesNetFolder.ALWAYS_CROP);
    }
  }

  private static final List<Release> RELEASES =
      List.of(
          release("4.0.3a"),
          release("4.0.3b"),
          release("4.0.2a"),
          release("4.0.2b"),
          release("4.0.1a"),
          release("4.0.1b"));

  private SpeciesNetReleases() {}

  /** Newest first; per version the crop classifier, then the whole-image one. */
  public static List<Release> all() {
    return RELEASES;
  }

  /** The release of this name ({@code speciesnet-v4.0.3a}, any case), if published. */
  public static Optional<Release> find(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    return RELEASES.stream().filter(r -> r.name().equals(key)).findFirst();
  }

  private static Release release(String version) {
    String type = version.endsWith("a") ? "always_crop" : "full_image";
    return new Release(
        "speciesnet-v" + version, version, type, KAGGLE + "v" + version + "/1/download", null);
  }
}
