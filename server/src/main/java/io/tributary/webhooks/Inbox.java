package io.tributary.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.web.Json;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The records listeners acknowledged and flows have not finished yet ({@code webhook_inbox}). A row
 * belongs to one flow; a job claims rows a page at a time and deletes them once their page went
 * through the flow. Rows claimed by a job that is no longer queued or running (it failed, was
 * canceled, the server died under it) are free to be claimed again: a crash re-delivers, never
 * loses.
 */
final class Inbox {
  /** A row whose claimer cannot finish it any more. */
  private static final String FREE =
      "(claimed_by is null or not exists (select 1 from jobs j where j.id = webhook_inbox.claimed_by"
          + " and j.status in ('queued', 'running')))";

  private final Jdbi jdbi;
  private final Clock clock;
  private final Durability durability;

  record Row(long seq, ObjectNode record) {}

  /** A flow with records waiting that no active job holds, from one of its listeners. */
  record Waiting(String flowId, String exportId) {}

  Inbox(Jdbi jdbi, Clock clock, Durability durability) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.durability = durability;
  }

  /** Stores the records for each flow and returns once they would survive the process dying. */
  void append(List<String> flowIds, String exportId, List<ObjectNode> records) {
    long now = clock.millis();
    List<String> texts = records.stream().map(Json::write).toList();
    jdbi.useTransaction(
        h -> {
          PreparedBatch b =
              h.prepareBatch(
                  "insert into webhook_inbox (flow_id, export_id, received_at, record)"
                      + " values (:flow, :export, :at, :record)");
          for (String flow : flowIds) {
            for (String text : texts) {
              b.bind("flow", flow)
                  .bind("export", exportId)
                  .bind("at", now)
                  .bind("record", text)
                  .add();
            }
          }
          b.execute();
        });
    durability.await();
  }

  /** Claims up to {@code max} of the oldest free rows of one flow's listener for {@code jobId}. */
  List<Row> claim(String flowId, String exportId, String jobId, int max) {
    return jdbi.inTransaction(
        h -> {
          List<Row> rows =
              h.createQuery(
                      "select seq, record from webhook_inbox where flow_id = :flow"
                          + " and export_id = :export and "
                          + FREE
                          + " order by seq limit :max for update skip locked")
                  .bind("flow", flowId)
                  .bind("export", exportId)
                  .bind("max", max)
                  .map((rs, ctx) -> new Row(rs.getLong(1), (ObjectNode) Json.read(rs.getString(2))))
                  .list();
          if (rows.isEmpty()) return rows;
          h.createUpdate("update webhook_inbox set claimed_by = :job where seq in (<seqs>)")
              .bind("job", jobId)
              .bindList("seqs", rows.stream().map(Row::seq).toList())
              .execute();
          return rows;
        });
  }

  /** The rows' page went through the flow: they are done. */
  void done(List<Long> seqs, String jobId) {
    if (seqs.isEmpty()) return;
    jdbi.useHandle(
        h ->
            h.createUpdate("delete from webhook_inbox where claimed_by = :job and seq in (<seqs>)")
                .bind("job", jobId)
                .bindList("seqs", seqs)
                .execute());
  }

  /** What a job claimed and did not finish goes back to the next job. */
  void release(String jobId) {
    jdbi.useHandle(
        h ->
            h.createUpdate("update webhook_inbox set claimed_by = null where claimed_by = :job")
                .bind("job", jobId)
                .execute());
  }

  /** Flows with free rows: they need a job (after a restart, or after a job stopped early). */
  List<Waiting> waiting() {
    return jdbi.withHandle(
        h ->
            h.createQuery("select distinct flow_id, export_id from webhook_inbox where " + FREE)
                .map((rs, ctx) -> new Waiting(rs.getString(1), rs.getString(2)))
                .list());
  }

  /** How many rows wait for a flow (tests and the benchmark read it through the API's jobs). */
  long count(String flowId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select count(*) from webhook_inbox where flow_id = :flow")
                .bind("flow", flowId)
                .mapTo(Long.class)
                .one());
  }

  static String describe(List<Row> rows) {
    return rows.stream().map(r -> String.valueOf(r.seq())).collect(Collectors.joining(","));
  }
}
