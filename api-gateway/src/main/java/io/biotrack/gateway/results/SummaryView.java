package io.biotrack.gateway.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.biotrack.results.ClassificationNames;
import io.biotrack.results.DetectionCategory;
import io.biotrack.results.ResultsSummary;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON of {@code GET /api/v1/jobs/{id}/summary}, from core's {@link ResultsSummary}. */
@Schema(description = "What a COMPLETED job found at a threshold: overall, per folder, histograms")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SummaryView(
    @Schema(description = "The threshold the counts are at") double threshold,
    Counts overall,
    @Schema(description = "Per folder (camera or site), in name order; the top level is \"\"")
        List<FolderCounts> folders,
    @Schema(
            description =
                "The photos of folders past the first "
                    + ResultsSummary.MAX_FOLDERS
                    + " together; absent when there are none")
        Counts otherFolders,
    @Schema(
            description =
                "Per category: photos by their highest confidence of that category, whatever the"
                    + " threshold, in bins of binWidth from 0 (the last bin holds 1.0)")
        Map<String, Histogram> histograms,
    @Schema(
            description =
                "Photos by the species ensemble's decision, counted where its score is at or above"
                    + " the threshold, most photos first; absent when the results have no"
                    + " classifier")
        List<SpeciesCount> species,
    @Schema(
            description =
                "Photos whose species decision scores below the threshold; absent"
                    + " without a classifier")
        Long speciesBelowThreshold) {

  /**
   * One species (any decision of the ensemble: a species, a genus or family it rolled up to, blank,
   * human, vehicle, animal, unknown).
   *
   * @param category the classification category id in the results
   * @param name the results' name for it ({@code classification_categories})
   * @param label SpeciesNet's 7-field label when the results describe it, else the name
   */
  public record SpeciesCount(String category, String name, String label, long images) {}

  /** Per category: photos with a detection at or above the threshold, and those detections. */
  public record CategoryCounts(long images, long detections) {}

  public record Counts(
      long images, long empty, long failed, Map<String, CategoryCounts> categories) {
    static Counts of(ResultsSummary.Counts counts) {
      Map<String, CategoryCounts> categories = new LinkedHashMap<>();
      for (DetectionCategory category : DetectionCategory.values()) {
        categories.put(
            category.label(),
            new CategoryCounts(
                counts.byCategory().get(category), counts.detections().get(category)));
      }
      return new Counts(counts.images(), counts.empty(), counts.failed(), categories);
    }
  }

  public record FolderCounts(
      String folder,
      long images,
      long empty,
      long failed,
      Map<String, CategoryCounts> categories) {}

  public record Histogram(double binWidth, List<Long> counts) {}

  /** Without species names (results without a classifier have no species counts anyway). */
  public static SummaryView of(ResultsSummary summary) {
    return of(summary, ClassificationNames.NONE);
  }

  public static SummaryView of(ResultsSummary summary, ClassificationNames names) {
    List<FolderCounts> folders = new ArrayList<>();
    summary
        .folders()
        .forEach(
            (name, counts) -> {
              Counts c = Counts.of(counts);
              folders.add(
                  new FolderCounts(name, c.images(), c.empty(), c.failed(), c.categories()));
            });
    Map<String, Histogram> histograms = new LinkedHashMap<>();
    summary
        .histograms()
        .forEach(
            (category, bins) ->
                histograms.put(category.label(), new Histogram(1.0 / ResultsSummary.BINS, bins)));
    List<SpeciesCount> species = new ArrayList<>();
    summary
        .species()
        .forEach(
            (id, photos) ->
                species.add(new SpeciesCount(id, names.name(id), names.label(id), photos)));
    species.sort(
        Comparator.comparingLong(SpeciesCount::images)
            .reversed()
            .thenComparing(SpeciesCount::name));
    ResultsSummary.Counts other = summary.otherFolders();
    return new SummaryView(
        summary.filter().threshold(),
        Counts.of(summary.overall()),
        folders,
        other == null ? null : Counts.of(other),
        histograms,
        species.isEmpty() && summary.speciesBelowThreshold() == 0 ? null : species,
        species.isEmpty() && summary.speciesBelowThreshold() == 0
            ? null
            : summary.speciesBelowThreshold());
  }
}
