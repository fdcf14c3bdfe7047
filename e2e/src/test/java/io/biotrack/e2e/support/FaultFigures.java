package io.biotrack.e2e.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints what a fault test measured, one line a fault, so CI logs show the figures. */
public final class FaultFigures {
  private final String fault;
  private final Map<String, Object> figures = new LinkedHashMap<>();

  public FaultFigures(String fault) {
    this.fault = fault;
  }

  /** The figures every fault ends with: attempts, and images lost and repeated in the results. */
  public static FaultFigures forJob(
      String fault,
      com.fasterxml.jackson.databind.JsonNode job,
      MdResults results,
      java.util.Set<String> expected) {
    return new FaultFigures(fault)
        .put("attempts", job.path("attempt").asInt())
        .put("images", expected.size())
        .put("images lost", results.lost(expected))
        .put("duplicates", results.duplicateCount());
  }

  public FaultFigures put(String name, Object value) {
    figures.put(name, value);
    return this;
  }

  public void print() {
    System.out.println(
        "FAULT FIGURES ["
            + fault
            + "] "
            + figures.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ")));
  }
}
