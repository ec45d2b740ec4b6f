package io.tributary.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.web.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

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

  /** A flow with records waiting, from one of its listeners. */
  record Waiting(String flowId, String exportId) {}

  Inbox(Jdbi jdbi, Clock clock, Durability durability) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.durability = durability;
  }

  /** Rows per insert statement (PostgreSQL takes at most 65535 parameters in one). */
  private static final int ROWS_PER_STATEMENT = 1000;

  /**
   * Stores the records for each flow and returns once they would survive the process dying. A usual
   * request is one statement, so one round trip: under load, round trips are what a request costs.
   * A larger one is several statements in one transaction.
   */
  void append(List<String> flowIds, String exportId, List<ObjectNode> records) {
    long now = clock.millis();
    List<String[]> rows = new ArrayList<>();
    for (ObjectNode r : records) {
      String text = Json.write(r);
      for (String flow : flowIds) rows.add(new String[] {flow, text});
    }
    if (rows.size() <= ROWS_PER_STATEMENT) jdbi.useHandle(h -> insert(h, exportId, now, rows));
    else
      jdbi.useTransaction(
          h -> {
            for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT)
              insert(
                  h,
                  exportId,
                  now,
                  rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT)));
          });
    durability.await();
  }

  private static void insert(
      org.jdbi.v3.core.Handle h, String exportId, long now, List<String[]> rows) {
    StringBuilder sql =
        new StringBuilder(
            "insert into webhook_inbox (flow_id, export_id, received_at, record) values ");
    for (int i = 0; i < rows.size(); i++) sql.append(i == 0 ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)");
    var insert = h.createUpdate(sql.toString());
    int at = 0;
    for (String[] row : rows) {
      insert.bind(at++, row[0]).bind(at++, exportId).bind(at++, now).bind(at++, row[1]);
    }
    insert.execute();
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

  /**
   * The flows (and listeners) with rows waiting: a flow among them with no active job needs one
   * (after a restart, or after a job stopped early). Read from the index alone.
   */
  List<Waiting> waiting() {
    return jdbi.withHandle(
        h ->
            h.createQuery("select distinct flow_id, export_id from webhook_inbox")
                .map((rs, ctx) -> new Waiting(rs.getString(1), rs.getString(2)))
                .list());
  }
}
