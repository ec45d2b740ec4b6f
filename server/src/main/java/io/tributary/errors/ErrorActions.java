package io.tributary.errors;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.core.Problem;
import io.tributary.web.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** What users do to errors: resolve, purge, edit retry data, and claim them for a retry job. */
public final class ErrorActions {
  private final Jdbi jdbi;
  private final Clock clock;

  public ErrorActions(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /**
   * A record to replay: the error it failed with, its (possibly edited) data, and its earlier
   * attempts.
   */
  public record RetryTarget(String errorId, String stepId, JsonNode data, int attempts) {}

  /** Resolves the given open errors of a step; none when {@code errorIds} is empty. */
  public int resolve(String flowId, String stepId, List<String> errorIds) {
    if (errorIds.isEmpty()) return 0;
    return jdbi.inTransaction(
        h -> {
          requireOpen(h, flowId, stepId, errorIds, "errors");
          return h.createUpdate(
                  "update record_errors set resolved_at = :now, resolved_by = 'user' where flow_id = :flow "
                      + "and step_id = :step and resolved_at is null and retry_job_id is null and id in (<ids>)")
              .bind("now", clock.millis())
              .bind("flow", flowId)
              .bind("step", stepId)
              .bindList("ids", errorIds)
              .execute();
        });
  }

  public int purgeResolved(String flowId, String stepId) {
    return jdbi.withHandle(
        h ->
            h.createUpdate(
                    "delete from record_errors where flow_id = :flow and step_id = :step "
                        + "and resolved_at is not null")
                .bind("flow", flowId)
                .bind("step", stepId)
                .execute());
  }

  /** Replaces the record kept for retry; false when there is no open error with that key. */
  public boolean editRetryData(String flowId, String stepId, String key, JsonNode data) {
    return jdbi.withHandle(
            h ->
                h.createUpdate(
                        "update record_errors set retry_data = :data where flow_id = :flow "
                            + "and step_id = :step and retry_data_key = :key and retry_data is not null and resolved_at is null")
                    .bind("data", Json.write(data))
                    .bind("flow", flowId)
                    .bind("step", stepId)
                    .bind("key", key)
                    .execute())
        > 0;
  }

  /** Error ids of a step's open errors with the given retry data keys; unknown keys are a 422. */
  public List<String> idsForKeys(String flowId, String stepId, List<String> keys) {
    Map<String, String> byKey =
        jdbi
            .withHandle(
                h ->
                    h.createQuery(
                            "select retry_data_key, id from record_errors "
                                + "where flow_id = :flow and step_id = :step and retry_data_key in (<keys>) and resolved_at is null")
                        .bind("flow", flowId)
                        .bind("step", stepId)
                        .bindList("keys", keys)
                        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                        .list())
            .stream()
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
    List<String> unknown = keys.stream().filter(k -> !byKey.containsKey(k)).toList();
    if (!unknown.isEmpty()) {
      throw Problem.invalid(
          "invalid_field", "No open error has the retryDataKeys " + unknown, "retryDataKeys");
    }
    return keys.stream().map(byKey::get).toList();
  }

  /**
   * Claims open errors for a retry job, atomically: an error already claimed by another retry,
   * resolved, unknown, or kept without retry data (skipRetries) is a 422 naming it.
   */
  public void claim(String flowId, String stepId, List<String> errorIds, String jobId) {
    jdbi.useTransaction(
        h -> {
          requireOpen(h, flowId, stepId, errorIds, "errors");
          List<String> noData =
              h.createQuery(
                      "select id from record_errors where id in (<ids>) and retry_data is null")
                  .bindList("ids", errorIds)
                  .mapTo(String.class)
                  .list();
          if (!noData.isEmpty()) {
            throw Problem.invalid(
                "invalid_field",
                "These errors were kept without retry data (skipRetries) and cannot be "
                    + "retried: "
                    + noData,
                "errors");
          }
          int claimed =
              h.createUpdate(
                      "update record_errors set retry_job_id = :job where id in (<ids>) and retry_job_id is null "
                          + "and resolved_at is null")
                  .bind("job", jobId)
                  .bindList("ids", errorIds)
                  .execute();
          if (claimed != errorIds.size()) {
            List<String> busy =
                h.createQuery(
                        "select id from record_errors where id in (<ids>) and retry_job_id <> :job")
                    .bind("job", jobId)
                    .bindList("ids", errorIds)
                    .mapTo(String.class)
                    .list();
            throw Problem.invalid(
                "invalid_field", "These errors are already being retried: " + busy, "errors");
          }
        });
  }

  public List<RetryTarget> claimedBy(String jobId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select id, step_id, retry_data, attempts from record_errors where retry_job_id = :job "
                        + "and resolved_at is null order by occurred_at, id")
                .bind("job", jobId)
                .map(
                    (rs, ctx) ->
                        new RetryTarget(
                            rs.getString(1),
                            rs.getString(2),
                            Json.read(rs.getString(3)),
                            rs.getInt(4)))
                .list());
  }

  /**
   * A replayed record that failed again: its fresh error (found by the retry job and the record's
   * position in the replayed page) follows the old one and counts one more attempt.
   */
  /**
   * What a replayed chunk settles, in the caller's transaction (the one that writes the chunk's
   * counters, so that a crash leaves both undone or both done): the new errors carry the attempts
   * of the old ones, and the old errors are resolved as retried.
   */
  public void settleRetried(Handle h, String retryJobId, List<RetryTarget> chunk) {
    carryAttempts(h, retryJobId, chunk);
    resolveRetried(h, chunk.stream().map(RetryTarget::errorId).toList());
  }

  /**
   * A retry job starts over (it had staged work a resumed run cannot carry on): the errors it
   * resolved as retried are open and claimed by it again, and the fresh errors its replays made are
   * removed, since replaying makes them again.
   */
  public void reopenRetried(String retryJobId) {
    jdbi.useTransaction(
        h -> {
          h.createUpdate(
                  "update record_errors set resolved_at = null, resolved_by = null, retried_at = null "
                      + "where retry_job_id = :job and resolved_by = 'retried'")
              .bind("job", retryJobId)
              .execute();
          h.createUpdate("delete from record_errors where flow_job_id = :job")
              .bind("job", retryJobId)
              .execute();
        });
  }

  private void carryAttempts(Handle h, String retryJobId, List<RetryTarget> page) {
    for (int i = 0; i < page.size(); i++) {
      h.createUpdate(
              "update record_errors set attempts = :n, retry_of = :old where flow_job_id = :job and o_index = :i "
                  + "and retry_of is null and id <> :old")
          .bind("n", page.get(i).attempts() + 1)
          .bind("old", page.get(i).errorId())
          .bind("job", retryJobId)
          .bind("i", i)
          .execute();
    }
  }

  /** The old errors of replayed records: resolved as retried (a new failure got a fresh error). */
  private void resolveRetried(Handle h, Collection<String> errorIds) {
    if (errorIds.isEmpty()) return;
    long now = clock.millis();
    h.createUpdate(
            "update record_errors set resolved_at = :now, resolved_by = 'retried', retried_at = :now "
                + "where id in (<ids>) and resolved_at is null")
        .bind("now", now)
        .bindList("ids", List.copyOf(errorIds))
        .execute();
  }

  /**
   * Open transient errors of a flow that may be retried by themselves: ids with their attempts and
   * time.
   */
  public List<Object[]> autoRetryCandidates(String flowId, int maxAttempts, int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select id, step_id, attempts, occurred_at from record_errors where flow_id = :flow "
                        + "and retryable = true and resolved_at is null and retry_job_id is null and attempts < :max "
                        + "order by occurred_at fetch first :limit rows only")
                .bind("flow", flowId)
                .bind("max", maxAttempts)
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new Object[] {
                          rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4)
                        })
                .list());
  }

  /** Deletes resolved errors resolved before {@code before}: the retention of resolved errors. */
  public int purgeResolvedBefore(long before) {
    return jdbi.withHandle(
        h ->
            h.createUpdate(
                    "delete from record_errors where resolved_at is not null and resolved_at < :before")
                .bind("before", before)
                .execute());
  }

  /** Frees what a retry job claimed but did not replay (it failed or was canceled). */
  public void release(String jobId) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "update record_errors set retry_job_id = null where retry_job_id = :job and resolved_at is null")
                .bind("job", jobId)
                .execute());
  }

  private static void requireOpen(
      Handle h, String flowId, String stepId, List<String> ids, String field) {
    Set<String> open =
        new LinkedHashSet<>(
            h.createQuery(
                    "select id from record_errors where flow_id = :flow and step_id = :step "
                        + "and resolved_at is null and id in (<ids>)")
                .bind("flow", flowId)
                .bind("step", stepId)
                .bindList("ids", ids)
                .mapTo(String.class)
                .list());
    List<String> bad = new ArrayList<>();
    for (String id : ids) if (!open.contains(id)) bad.add(id);
    if (!bad.isEmpty()) {
      throw Problem.invalid(
          "invalid_field", "These errors are not open errors of this step: " + bad, field);
    }
  }
}
