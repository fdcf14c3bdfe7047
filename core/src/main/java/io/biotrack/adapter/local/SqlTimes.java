package io.biotrack.adapter.local;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Instants in {@code TIMESTAMP(9) WITH TIME ZONE} columns, stored in UTC; null stays null. */
final class SqlTimes {
  private SqlTimes() {}

  static void set(PreparedStatement statement, int i, Instant instant) throws SQLException {
    if (instant == null) {
      statement.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      statement.setObject(i, instant.atOffset(ZoneOffset.UTC));
    }
  }

  static Instant get(ResultSet rows, String column) throws SQLException {
    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
