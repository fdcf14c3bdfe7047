package io.biotrack.operator.biojob;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** Where a BioJob's workers run ({@code spec.launcher}). */
public enum Launcher {
  /** An Azure Container Instances container group per shard attempt. */
  ACI("aci"),
  /** A batch/v1 Job per shard attempt whose Pod runs on an AKS virtual node (on ACI). */
  VIRTUAL_NODE("virtual-node"),
  /** A batch/v1 Job per shard attempt on an ordinary (optionally GPU) node pool. */
  KUBERNETES("kubernetes"),
  /** A child process of the operator (development and end-to-end tests). */
  LOCAL("local");

  private final String kind;

  Launcher(String kind) {
    this.kind = kind;
  }

  /** The name used in the spec and by {@code WorkerLauncher.kind()}. */
  @JsonValue
  public String kind() {
    return kind;
  }

  @JsonCreator
  public static Launcher of(String kind) {
    return Arrays.stream(values())
        .filter(l -> l.kind.equals(kind))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown launcher '"
                        + kind
                        + "'; one of aci, virtual-node, kubernetes, local"));
  }
}
