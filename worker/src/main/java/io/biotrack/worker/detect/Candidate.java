package io.biotrack.worker.detect;

/**
 * One box that passed the confidence threshold, in model-input pixels (float32, as the model
 * produced it).
 *
 * @param conf objectness × best class probability
 * @param classIndex 0-based model class
 * @param row the model output row it came from (breaks score ties deterministically)
 */
public record Candidate(
    float x1, float y1, float x2, float y2, float conf, int classIndex, int row) {

  public float area() {
    return (x2 - x1) * (y2 - y1);
  }
}
