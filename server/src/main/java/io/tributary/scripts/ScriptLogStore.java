package io.tributary.scripts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.Times;
import io.tributary.scripting.LogLine;
import io.tributary.scripting.ScriptTags;
import io.tributary.scripting.Scripts;
import io.tributary.web.Json;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Script logs (D21): what scripts wrote with {@code console.*}, kept {@link #RETENTION}. A call's
 * lines are already bounded where the script runs (count and length), so a script cannot fill the
 * disk faster than its calls run.
 */
public final class ScriptLogStore implements Scripts.LogSink {
  private static final Logger LOG = LoggerFactory.getLogger(ScriptLogStore.class);
  public static final Duration RETENTION = Duration.ofDays(7);
  private static final long PURGE_EVERY_MILLIS = Duration.ofHours(1).toMillis();

  private final Jdbi jdbi;
  private final Clock clock;
  private volatile long lastPurge;

  public ScriptLogStore(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** Which lines a reader wants: {@code level}, {@code from}, {@code to} may be null. */
  public record LogQuery(
      String scriptId, String level, Long from, Long to, Long beforeSeq, int limit) {}

  /** One page, newest first; {@code nextBefore} is the cursor of the next page, or null. */
  public record Page(List<ObjectNode> items, Long nextBefore) {}

  @Override
  public void write(String scriptId, String function, ScriptTags tags, List<LogLine> lines) {
    try {
      jdbi.useHandle(
          h -> {
            PreparedBatch b =
                h.prepareBatch(
                    "insert into script_logs (script_id, at, level, fn, flow_id, job_id, message)"
                        + " values (:s, :at, :level, :fn, :flow, :job, :message)");
            for (LogLine l : lines) {
              b.bind("s", scriptId)
                  .bind("at", l.time() > 0 ? l.time() : clock.millis())
                  .bind("level", l.level())
                  .bind("fn", function)
                  .bind("flow", tags.flowId())
                  .bind("job", tags.jobId())
                  .bind("message", l.message())
                  .add();
            }
            b.execute();
          });
      purgeNowAndThen();
    } catch (RuntimeException e) {
      // Losing a script's log lines must not fail the record it was working on.
      LOG.warn(
          "could not keep {} log lines of script {}: {}", lines.size(), scriptId, e.toString());
    }
  }

  private void purgeNowAndThen() {
    long now = clock.millis();
    if (now - lastPurge < PURGE_EVERY_MILLIS) return;
    lastPurge = now;
    int n =
        jdbi.withHandle(
            h ->
                h.createUpdate("delete from script_logs where at < :t")
                    .bind("t", now - RETENTION.toMillis())
                    .execute());
    if (n > 0) LOG.info("purged {} script log lines older than {}", n, RETENTION);
  }

  public Page find(LogQuery q) {
    long cutoff = clock.millis() - RETENTION.toMillis();
    StringBuilder sql =
        new StringBuilder(
            "select seq, at, level, fn, flow_id, job_id, message from script_logs"
                + " where script_id = :s and at >= :cutoff");
    if (q.level() != null) sql.append(" and level = :level");
    if (q.from() != null) sql.append(" and at >= :from");
    if (q.to() != null) sql.append(" and at <= :to");
    if (q.beforeSeq() != null) sql.append(" and seq < :before");
    sql.append(" order by seq desc limit :limit");
    List<ObjectNode> items = new ArrayList<>();
    List<Long> seqs = new ArrayList<>();
    jdbi.useHandle(
        h -> {
          Query query = bind(h.createQuery(sql.toString()), q, cutoff);
          query
              .map(
                  (rs, ctx) -> {
                    seqs.add(rs.getLong("seq"));
                    ObjectNode n = Json.object();
                    n.put("time", Times.iso(rs.getLong("at")));
                    n.put("level", rs.getString("level"));
                    n.put("message", rs.getString("message"));
                    n.put("function", rs.getString("fn"));
                    n.put("_flowId", rs.getString("flow_id"));
                    n.put("_jobId", rs.getString("job_id"));
                    return n;
                  })
              .forEach(items::add);
        });
    boolean more = items.size() > q.limit();
    if (more) items.remove(items.size() - 1);
    return new Page(items, more ? seqs.get(q.limit() - 1) : null);
  }

  private static Query bind(Query query, LogQuery q, long cutoff) {
    query.bind("s", q.scriptId()).bind("cutoff", cutoff).bind("limit", q.limit() + 1);
    if (q.level() != null) query.bind("level", q.level());
    if (q.from() != null) query.bind("from", q.from());
    if (q.to() != null) query.bind("to", q.to());
    if (q.beforeSeq() != null) query.bind("before", q.beforeSeq());
    return query;
  }

  /** Drops a deleted script's lines with it. */
  public static void deleteAll(Handle h, String scriptId) {
    h.createUpdate("delete from script_logs where script_id = :s").bind("s", scriptId).execute();
  }
}
