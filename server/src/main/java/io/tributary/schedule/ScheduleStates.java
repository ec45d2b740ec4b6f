package io.tributary.schedule;

import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** The next firing of every flow and page-generator schedule, and what it was computed from. */
final class ScheduleStates {
  record State(String signature, long nextRunAt) {}

  private final Jdbi jdbi;

  ScheduleStates(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  Map<String, State> all() {
    Map<String, State> out = new HashMap<>();
    jdbi.useHandle(
        h ->
            h.createQuery("select flow_id, export_id, signature, next_run_at from schedule_state")
                .map(
                    (rs, ctx) ->
                        Map.entry(
                            rs.getString(1) + "/" + rs.getString(2),
                            new State(rs.getString(3), rs.getLong(4))))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
    return out;
  }

  /**
   * A flow runs one scheduler tick at a time, so no two writers race on a row (H2 lacks ON CONFLICT
   * DO UPDATE).
   */
  void put(String flowId, String exportId, State s) {
    jdbi.useTransaction(
        h -> {
          int n =
              h.createUpdate(
                      "update schedule_state set signature = :sig, next_run_at = :next where flow_id = :f and export_id = :e")
                  .bind("sig", s.signature())
                  .bind("next", s.nextRunAt())
                  .bind("f", flowId)
                  .bind("e", exportId)
                  .execute();
          if (n == 0) {
            h.createUpdate(
                    "insert into schedule_state (flow_id, export_id, signature, next_run_at) values (:f, :e, :sig, :next)")
                .bind("sig", s.signature())
                .bind("next", s.nextRunAt())
                .bind("f", flowId)
                .bind("e", exportId)
                .execute();
          }
        });
  }

  void remove(String key) {
    String[] parts = key.split("/", -1);
    jdbi.useHandle(
        h ->
            h.createUpdate("delete from schedule_state where flow_id = :f and export_id = :e")
                .bind("f", parts[0])
                .bind("e", parts[1])
                .execute());
  }
}
