package io.tributary.errors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.Ids;
import io.tributary.core.Times;
import io.tributary.web.Json;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Every failed record, kept with its retry data until it is resolved: nothing is capped silently.
 */
public final class ErrorStore {
  private static final int MAX_MESSAGE = 10_000;
  private final Jdbi jdbi;
  private final Ids ids;
  private final Clock clock;

  public ErrorStore(Jdbi jdbi, Ids ids, Clock clock) {
    this.jdbi = jdbi;
    this.ids = ids;
    this.clock = clock;
  }

  public void save(List<RecordFailure> failures) {
    if (failures.isEmpty()) return;
    long now = clock.millis();
    jdbi.useTransaction(
        h -> {
          var batch =
              h.prepareBatch(
                  "insert into record_errors (id, flow_id, step_id, flow_job_id, job_id, occurred_at, source, "
                      + "code, message, trace_key, retry_data_key, o_index, retry_data, retryable, doc) values (:id, :flow, :step, :flowJob, :job, "
                      + ":at, :source, :code, :message, :trace, :key, :oIndex, :data, :retryable, :doc)");
          for (RecordFailure f : failures) {
            String id = ids.next();
            String key = f.retryData() == null ? null : ids.next();
            String message = f.message() == null ? null : truncate(f.message());
            ObjectNode doc = Json.object();
            doc.put("errorId", id);
            doc.put("occurredAt", Times.iso(now));
            doc.put("source", f.source());
            doc.put("code", f.code());
            doc.put("message", message);
            if (f.traceKey() != null) doc.put("traceKey", f.traceKey());
            if (key != null) doc.put("retryDataKey", key);
            doc.put("oIndex", f.oIndex());
            doc.put("_flowJobId", f.flowJobId());
            doc.put("retryable", f.retryable());
            batch
                .bind("id", id)
                .bind("flow", f.flowId())
                .bind("step", f.stepId())
                .bind("flowJob", f.flowJobId())
                .bind("job", f.jobId())
                .bind("at", now)
                .bind("source", f.source())
                .bind("code", truncate(f.code(), 200))
                .bind("message", message)
                .bind("trace", f.traceKey() == null ? null : truncate(f.traceKey(), 2000))
                .bind("key", key)
                .bind("oIndex", f.oIndex())
                .bind("data", f.retryData() == null ? null : Json.write(f.retryData()))
                .bind("retryable", f.retryable() && f.retryData() != null)
                .bind("doc", Json.write(doc))
                .add();
          }
          batch.execute();
        });
  }

  /**
   * Resolves the open errors of a step whose trace key later succeeded
   * (autoResolveMatchingTraceKeys).
   */
  public int resolveTraceKeys(String flowId, String stepId, Collection<String> traceKeys) {
    if (traceKeys.isEmpty()) return 0;
    return jdbi.withHandle(
        h ->
            h.createUpdate(
                    "update record_errors set resolved_at = :now, resolved_by = 'traceKey' "
                        + "where flow_id = :flow and step_id = :step and resolved_at is null and trace_key in (<keys>)")
                .bind("now", clock.millis())
                .bind("flow", flowId)
                .bind("step", stepId)
                .bindList("keys", List.copyOf(traceKeys))
                .execute());
  }

  /**
   * The open errors of one step, oldest first (for the engine's tests and the errors API to come).
   */
  public List<ObjectNode> open(String flowId, String stepId, int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select doc, retry_data from record_errors where flow_id = :flow and step_id = :step "
                        + "and resolved_at is null order by occurred_at, id fetch first :limit rows only")
                .bind("flow", flowId)
                .bind("step", stepId)
                .bind("limit", limit)
                .map(
                    (rs, ctx) -> {
                      ObjectNode doc = (ObjectNode) Json.read(rs.getString(1));
                      String data = rs.getString(2);
                      if (data != null) doc.set("retryData", Json.read(data));
                      return doc;
                    })
                .list());
  }

  private static String truncate(String s) {
    return truncate(s, MAX_MESSAGE);
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
