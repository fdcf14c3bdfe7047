package io.biotrack.adapter.local;

import io.biotrack.adapter.StorageAdapters;
import io.biotrack.adapter.StorageSettings;

/**
 * A second process in {@link LocalCrossProcessIT}: opens the data directory of its environment and
 * closes it again; exit 0 if it could, 3 with the refusal's message if not.
 */
public final class OpensTheDatabase {
  private OpensTheDatabase() {}

  public static void main(String[] args) {
    try (StorageAdapters storage = StorageAdapters.open(StorageSettings.fromEnvironment())) {
      System.out.println("opened");
    } catch (LocalStorageException e) {
      System.out.println(e.getMessage());
      System.exit(3);
    }
  }
}
