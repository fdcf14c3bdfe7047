package io.biotrack.results;

import java.util.LinkedHashMap;
import java.util.Map;

/** MegaDetector v5's classes: model class index {@code c} is written as category {@code c+1}. */
public enum DetectionCategory {
  ANIMAL("1", "animal"),
  PERSON("2", "person"),
  VEHICLE("3", "vehicle");

  private final String id;
  private final String label;

  DetectionCategory(String id, String label) {
    this.id = id;
    this.label = label;
  }

  public String id() {
    return id;
  }

  public String label() {
    return label;
  }

  /**
   * @throws IllegalArgumentException for a class index the model should not produce
   */
  public static DetectionCategory ofClassIndex(int classIndex) {
    DetectionCategory[] all = values();
    if (classIndex < 0 || classIndex >= all.length) {
      throw new IllegalArgumentException("unknown class index " + classIndex);
    }
    return all[classIndex];
  }

  public static DetectionCategory ofId(String id) {
    for (DetectionCategory c : values()) {
      if (c.id.equals(id)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown detection category " + id);
  }

  /** {@code {"1":"animal","2":"person","3":"vehicle"}}, in that order. */
  public static Map<String, String> asMap() {
    Map<String, String> map = new LinkedHashMap<>();
    for (DetectionCategory c : values()) {
      map.put(c.id, c.label);
    }
    return map;
  }
}
