package io.biotrack.storage;

/** The two blob containers of the storage contract. Adapters map them to real names. */
public enum BlobContainer {
  /** {@code uploads/{jobId}/{relative/path}}: the images a user sent. */
  UPLOADS("uploads"),
  /** {@code results/{jobId}/results.json} and {@code checkpoint.json}. */
  RESULTS("results");

  private final String defaultName;

  BlobContainer(String defaultName) {
    this.defaultName = defaultName;
  }

  public String defaultName() {
    return defaultName;
  }
}
