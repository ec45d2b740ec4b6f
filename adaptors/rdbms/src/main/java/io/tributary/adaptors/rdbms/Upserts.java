package io.tributary.adaptors.rdbms;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.adaptors.AdaptorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The upsert clause of {@code bulk_load}: ON CONFLICT on PostgreSQL, ON DUPLICATE KEY on
 * MySQL/MariaDB.
 */
final class Upserts {
  private Upserts() {}

  static String clause(JsonNode config, Set<String> columns, char q, boolean mysql) {
    List<String> keys = new ArrayList<>();
    config.path("primaryKeys").forEach(k -> keys.add(k.asText()));
    if (keys.isEmpty()) {
      throw new AdaptorException(
          AdaptorException.Kind.FATAL,
          "invalid_config",
          "bulkLoad.primaryKeys is required for bulk_load.");
    }
    for (String k : keys) {
      if (!columns.contains(k)) {
        throw new AdaptorException(
            AdaptorException.Kind.FATAL,
            "invalid_config",
            "The records carry no primary key column " + k + ".");
      }
    }
    List<String> updates = new ArrayList<>();
    for (String c : columns) {
      if (keys.contains(c)) continue;
      updates.add(
          mysql
              ? q + c + q + " = values(" + q + c + q + ")"
              : q + c + q + " = excluded." + q + c + q);
    }
    if (mysql) {
      String first = q + keys.get(0) + q;
      return " on duplicate key update "
          + (updates.isEmpty() ? first + " = " + first : String.join(", ", updates));
    }
    String conflict = String.join(", ", keys.stream().map(k -> q + k + q).toList());
    return " on conflict ("
        + conflict
        + ") do "
        + (updates.isEmpty() ? "nothing" : "update set " + String.join(", ", updates));
  }
}
