package io.tributary.engine;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/** The delta high-water mark of each flow and export: where the next run's window starts. */
public final class DeltaStore {
  private final Jdbi jdbi;

  public DeltaStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public Optional<Long> lastExportAt(String flowId, String exportId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select last_export_at from delta_state where flow_id = :f and export_id = :e")
                .bind("f", flowId)
                .bind("e", exportId)
                .mapTo(Long.class)
                .findOne());
  }

  public Map<String, Long> forFlow(String flowId) {
    return jdbi
        .withHandle(
            h ->
                h.createQuery(
                        "select export_id, last_export_at from delta_state where flow_id = :f")
                    .bind("f", flowId)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                    .list())
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /**
   * Portable upsert (H2 in PostgreSQL mode lacks ON CONFLICT DO UPDATE); a flow runs one job at a
   * time, so no two writers race on a row.
   */
  public void set(String flowId, String exportId, long at) {
    jdbi.useTransaction(
        h -> {
          int updated =
              h.createUpdate(
                      "update delta_state set last_export_at = :at where flow_id = :f and export_id = :e")
                  .bind("at", at)
                  .bind("f", flowId)
                  .bind("e", exportId)
                  .execute();
          if (updated == 0) {
            h.createUpdate(
                    "insert into delta_state (flow_id, export_id, last_export_at) values (:f, :e, :at)")
                .bind("at", at)
                .bind("f", flowId)
                .bind("e", exportId)
                .execute();
          }
        });
  }
}
