package io.biotrack.adapter;

/** Which adapters back the ports: {@code BIOTRACK_STORAGE=local|azure}. */
public enum StorageKind {
  /** Embedded mode: H2 file database and the filesystem under a data directory. */
  LOCAL,
  /** Azure Tables, Blob Storage and Storage Queues (or Azurite). */
  AZURE
}
