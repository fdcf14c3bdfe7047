package io.biotrack.adapter.azure;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableServiceException;

/** What every table-backed adapter does first. */
final class AzureTables {
  private AzureTables() {}

  /**
   * Creates the table unless it exists. A {@link TableClient} has no "if not exists" form (only the
   * service client has), so an existing table's 409 is what says so.
   */
  static TableClient ensureExists(TableClient table) {
    try {
      table.createTable();
    } catch (TableServiceException e) {
      if (e.getResponse().getStatusCode() != 409) {
        throw e;
      }
    }
    return table;
  }
}
