package io.tributary.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.Ids;
import io.tributary.web.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** The SQL of jobs: creation, status changes, counters, and the queries of the jobs API. */
public final class JobStore {
  static final String COLUMNS =
      "id, type, flow_id, integration_id, flow_job_id, export_id, import_id, status, "
          + "created_at, last_modified, started_at, ended_at, num_success, num_error, num_ignore, num_export, "
          + "num_pages_generated, num_pages_processed, cancel_requested, doc";
  private final Jdbi jdbi;
  private final Ids ids;
  private final Clock clock;

  public JobStore(Jdbi jdbi, Ids ids, Clock clock) {
    this.jdbi = jdbi;
    this.ids = ids;
    this.clock = clock;
  }

  /** What a new job is about; {@code doc} holds the rest (params, _exportIds, oIndex, ...). */
  public record NewJob(
      JobType type,
      String flowId,
      String integrationId,
      String flowJobId,
      String exportId,
      String importId,
      JobStatus status,
      ObjectNode doc) {}

  /** The columns a new job's row is inserted with, in the order {@link #bindNew} binds them. */
  static final String INSERT_COLUMNS =
      "id, type, flow_id, integration_id, flow_job_id, export_id, import_id, status, created_at, "
          + "last_modified, started_at, doc";

  public String create(NewJob j) {
    return create(j, ids.next());
  }

  /** Creates a job under an id chosen beforehand (a retry claims its errors with it first). */
  public String create(NewJob j, String id) {
    long now = clock.millis();
    jdbi.useHandle(
        h ->
            bindNew(
                    h.createUpdate(
                        "insert into jobs (" + INSERT_COLUMNS + ") values " + newValues("")),
                    "",
                    id,
                    j,
                    now)
                .execute());
    return id;
  }

  /** A new job's values, its parameters named with {@code suffix} (several rows a statement). */
  static String newValues(String suffix) {
    return "(:id%1$s, :type%1$s, :flow%1$s, :integration%1$s, :parent%1$s, :export%1$s, :import%1$s, "
            .formatted(suffix)
        + ":status%1$s, :now, :now, :started%1$s, :doc%1$s)".formatted(suffix);
  }

  static <T extends org.jdbi.v3.core.statement.SqlStatement<T>> T bindNew(
      T statement, String suffix, String id, NewJob j, long now) {
    return statement
        .bind("id" + suffix, id)
        .bind("type" + suffix, j.type().wire())
        .bind("flow" + suffix, j.flowId())
        .bind("integration" + suffix, j.integrationId())
        .bind("parent" + suffix, j.flowJobId())
        .bind("export" + suffix, j.exportId())
        .bind("import" + suffix, j.importId())
        .bind("status" + suffix, j.status().wire())
        .bind("now", now)
        .bind("started" + suffix, j.status() == JobStatus.RUNNING ? now : null)
        .bind("doc" + suffix, Json.write(j.doc()));
  }

  public Optional<Job> get(String id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select " + COLUMNS + " from jobs where id = :id")
                .bind("id", id)
                .map(JobStore::row)
                .findOne());
  }

  public List<Job> children(String flowJobId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select " + COLUMNS + " from jobs where flow_job_id = :id order by id")
                .bind("id", flowJobId)
                .map(JobStore::row)
                .list());
  }

  public List<Job> find(JobQuery q) {
    String sql =
        "select "
            + COLUMNS
            + " from jobs"
            + (q.where().isEmpty() ? "" : " where " + q.where())
            + " order by created_at desc, id desc fetch first :limit rows only";
    return jdbi.withHandle(
        h -> {
          var query = h.createQuery(sql).bind("limit", q.limit());
          q.params().forEach(query::bind);
          return query.map(JobStore::row).list();
        });
  }

  /** The newest flow or retry job of a flow. */
  public Optional<Job> latest(String flowId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select "
                        + COLUMNS
                        + " from jobs where flow_id = :flow and flow_job_id is null "
                        + "order by created_at desc, id desc fetch first 1 rows only")
                .bind("flow", flowId)
                .map(JobStore::row)
                .findOne());
  }

  /** Whether the flow has a queued or running parent job other than {@code exceptId}. */
  public boolean busy(String flowId, String exceptId) {
    return jdbi.withHandle(
            h ->
                h.createQuery(
                        "select count(*) from jobs where flow_id = :flow and flow_job_id is null "
                            + "and status in ('queued', 'running') and id <> :except")
                    .bind("flow", flowId)
                    .bind("except", exceptId == null ? "" : exceptId)
                    .mapTo(Long.class)
                    .one())
        > 0;
  }

  /**
   * Starts the oldest queued parent job of the flow when none of its jobs is running: the one job
   * at a time of D10. Answers the started job's id. The conditional update makes the claim atomic.
   */
  public Optional<String> claimNext(String flowId) {
    return claimNext(flowId, null);
  }

  /**
   * As above, the job then owned by {@code node} (D26): only that node runs it, until it hands it
   * over or is found dead. A job resumed from a checkpoint keeps its first start time.
   */
  public Optional<String> claimNext(String flowId, String node) {
    return jdbi.inTransaction(
        h -> {
          // Lock the flow's row: claims of one flow are serialized, on every node sharing the
          // store.
          h.createQuery("select id from resources where id = :flow for update")
              .bind("flow", flowId)
              .mapTo(String.class)
              .findOne();
          long running =
              h.createQuery(
                      "select count(*) from jobs where flow_id = :flow and flow_job_id is null and status = 'running'")
                  .bind("flow", flowId)
                  .mapTo(Long.class)
                  .one();
          if (running > 0) return Optional.<String>empty();
          Optional<String> next =
              h.createQuery(
                      "select id from jobs where flow_id = :flow and flow_job_id is null "
                          + "and status = 'queued' order by created_at, id fetch first 1 rows only")
                  .bind("flow", flowId)
                  .mapTo(String.class)
                  .findOne();
          if (next.isEmpty()) return next;
          long now = clock.millis();
          int claimed =
              h.createUpdate(
                      "update jobs set status = 'running', started_at = coalesce(started_at, :now), "
                          + "last_modified = :now, owner_node = :node where id = :id and status = 'queued'")
                  .bind("id", next.get())
                  .bind("node", node)
                  .bind("now", now)
                  .execute();
          return claimed == 1 ? next : Optional.<String>empty();
        });
  }

  /** The queued or running parent jobs of a flow. */
  public List<String> active(String flowId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select id from jobs where flow_id = :flow and flow_job_id is null "
                        + "and status in ('queued', 'running')")
                .bind("flow", flowId)
                .mapTo(String.class)
                .list());
  }

  /** Flows that have queued parent jobs (to start after a restart). */
  public List<String> flowsWithQueuedJobs() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select distinct flow_id from jobs where status = 'queued' and flow_job_id is null")
                .mapTo(String.class)
                .list());
  }

  public void add(String id, Counts c) {
    if (c.isZero()) return;
    jdbi.useHandle(
        h ->
            bindCounts(
                    h.createUpdate("update jobs set " + ADD_COUNTS + " where id = :id"),
                    c,
                    clock.millis())
                .bind("id", id)
                .execute());
  }

  /** Ends a job unless it already ended; {@code extra} fields are merged into its document. */
  public boolean finish(String id, JobStatus status, ObjectNode extra) {
    return jdbi.inTransaction(
        h -> {
          Optional<Job> job =
              h.createQuery("select " + COLUMNS + " from jobs where id = :id for update")
                  .bind("id", id)
                  .map(JobStore::row)
                  .findOne();
          if (job.isEmpty() || job.get().status().done()) return false;
          ObjectNode doc = job.get().doc();
          if (extra != null) doc.setAll(extra);
          long now = clock.millis();
          h.createUpdate(
                  "update jobs set status = :status, ended_at = :now, last_modified = :now, "
                      + "started_at = coalesce(started_at, :now), doc = :doc where id = :id")
              .bind("status", status.wire())
              .bind("now", now)
              .bind("doc", Json.write(doc))
              .bind("id", id)
              .execute();
          return true;
        });
  }

  public void mergeDoc(String id, ObjectNode extra) {
    jdbi.useTransaction(
        h -> {
          Optional<String> doc =
              h.createQuery("select doc from jobs where id = :id for update")
                  .bind("id", id)
                  .mapTo(String.class)
                  .findOne();
          if (doc.isEmpty()) return;
          ObjectNode merged = (ObjectNode) Json.read(doc.get());
          merged.setAll(extra);
          h.createUpdate("update jobs set doc = :doc, last_modified = :now where id = :id")
              .bind("doc", Json.write(merged))
              .bind("now", clock.millis())
              .bind("id", id)
              .execute();
        });
  }

  /** Asks a job and its children to stop at the next boundary; answers false when it had ended. */
  public boolean requestCancel(String id) {
    return jdbi.withHandle(
            h ->
                h.createUpdate(
                        "update jobs set cancel_requested = true, last_modified = :now "
                            + "where (id = :id or flow_job_id = :id) and status in ('queued', 'running')")
                    .bind("id", id)
                    .bind("now", clock.millis())
                    .execute())
        > 0;
  }

  public boolean cancelRequested(String id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select cancel_requested from jobs where id = :id")
                .bind("id", id)
                .mapTo(Boolean.class)
                .findOne()
                .orElse(true));
  }

  /** Adds counters {@code :s, :e, :i, :x, :g, :p} to a job's row (bound by {@link #bindCounts}). */
  static final String ADD_COUNTS =
      "num_success = num_success + :s, num_error = num_error + :e, num_ignore = num_ignore + :i, "
          + "num_export = num_export + :x, num_pages_generated = num_pages_generated + :g, "
          + "num_pages_processed = num_pages_processed + :p, last_modified = :now";

  static <T extends org.jdbi.v3.core.statement.SqlStatement<T>> T bindCounts(
      T statement, Counts c, long now) {
    return statement
        .bind("s", c.success())
        .bind("e", c.error())
        .bind("i", c.ignore())
        .bind("x", c.export())
        .bind("g", c.pagesGenerated())
        .bind("p", c.pagesProcessed())
        .bind("now", now);
  }

  /** Whether {@code node} still owns the running job (null: a job run without a cluster). */
  public boolean ownedBy(String jobId, String node) {
    return jdbi.withHandle(
            h ->
                h.createQuery(
                        "select count(*) from jobs where id = :id and status = 'running' and "
                            + (node == null ? "owner_node is null" : "owner_node = :node"))
                    .bind("id", jobId)
                    .bind("node", node)
                    .mapTo(Long.class)
                    .one())
        > 0;
  }

  /**
   * Hands a running flow job back to the queue (its node stops or lost it): any node claims it and
   * resumes it from its checkpoint. Answers false when {@code node} did not own it any more.
   */
  public boolean release(String jobId, String node) {
    return jdbi.withHandle(
            h ->
                h.createUpdate(
                        "update jobs set status = 'queued', owner_node = null, last_modified = :now "
                            + "where id = :id and status = 'running' and owner_node = :node")
                    .bind("id", jobId)
                    .bind("node", node)
                    .bind("now", clock.millis())
                    .execute())
        > 0;
  }

  /**
   * Every running flow job {@code node} still owns goes back to the queue: the last step of a clean
   * stop, for a job claimed but not started when the node stopped. Answers how many.
   */
  public int releaseAll(String node) {
    return jdbi.withHandle(
        h ->
            h.createUpdate(
                    "update jobs set status = 'queued', owner_node = null, last_modified = :now "
                        + "where owner_node = :node and status = 'running' and flow_job_id is null")
                .bind("node", node)
                .bind("now", clock.millis())
                .execute());
  }

  /**
   * Hands back to the queue the running flow jobs no live node runs: their owner is silent since
   * before {@code deadBefore}, gone from the node table, one of {@code previous} (earlier lives of
   * the calling node), or unknown. Rows locked by another node's sweep are skipped, not waited for.
   * Answers the released jobs' ids and owners.
   */
  public List<String> releaseOrphans(long deadBefore, List<String> previous) {
    return jdbi.inTransaction(
        h -> {
          List<String> ids =
              h.createQuery(
                      "select j.id from jobs j where j.status = 'running' and j.flow_job_id is null "
                          + "and (j.owner_node is null or j.owner_node in (<previous>) "
                          + "or not exists (select 1 from cluster_nodes n where n.id = j.owner_node "
                          + "and n.last_heartbeat_at >= :dead)) for update skip locked")
                  .bindList("previous", previous.isEmpty() ? List.of("-") : previous)
                  .bind("dead", deadBefore)
                  .mapTo(String.class)
                  .list();
          for (String id : ids) {
            h.createUpdate(
                    "update jobs set status = 'queued', owner_node = null, last_modified = :now "
                        + "where id = :id and status = 'running'")
                .bind("id", id)
                .bind("now", clock.millis())
                .execute();
          }
          return ids;
        });
  }

  /** Zeroes the counters of a job and its children: a source that cannot resume starts over. */
  public void resetCounters(String flowJobId) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "update jobs set num_success = 0, num_error = 0, num_ignore = 0, num_export = 0, "
                        + "num_pages_generated = 0, num_pages_processed = 0, last_modified = :now "
                        + "where id = :id or flow_job_id = :id")
                .bind("id", flowJobId)
                .bind("now", clock.millis())
                .execute());
  }

  /** Running flow jobs per owner node. */
  public java.util.Map<String, Long> runningByNode() {
    java.util.Map<String, Long> out = new java.util.HashMap<>();
    jdbi.useHandle(
        h ->
            h.createQuery(
                    "select owner_node, count(*) from jobs where status = 'running' "
                        + "and flow_job_id is null and owner_node is not null group by owner_node")
                .map((rs, ctx) -> java.util.Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
    return out;
  }

  /** Jobs left running by a process that stopped: they cannot finish, so they are failed. */
  public List<String> failInterrupted(String message) {
    List<String> running =
        jdbi.withHandle(
            h ->
                h.createQuery("select id from jobs where status = 'running'")
                    .mapTo(String.class)
                    .list());
    ObjectNode extra = Json.object();
    extra.putArray("errors").addObject().put("code", "interrupted").put("message", message);
    for (String id : running) finish(id, JobStatus.FAILED, extra);
    return running;
  }

  public long openErrors(String jobId, boolean parent) {
    String column = parent ? "flow_job_id" : "job_id";
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select count(*) from record_errors where "
                        + column
                        + " = :id and resolved_at is null")
                .bind("id", jobId)
                .mapTo(Long.class)
                .one());
  }

  static Job row(ResultSet rs, StatementContext ctx) throws SQLException {
    long started = rs.getLong("started_at");
    Long startedAt = rs.wasNull() ? null : started;
    long ended = rs.getLong("ended_at");
    Long endedAt = rs.wasNull() ? null : ended;
    Counts counts =
        new Counts(
            rs.getLong("num_success"),
            rs.getLong("num_error"),
            rs.getLong("num_ignore"),
            rs.getLong("num_export"),
            rs.getLong("num_pages_generated"),
            rs.getLong("num_pages_processed"));
    return new Job(
        rs.getString("id"),
        JobType.of(rs.getString("type")),
        rs.getString("flow_id"),
        rs.getString("integration_id"),
        rs.getString("flow_job_id"),
        rs.getString("export_id"),
        rs.getString("import_id"),
        JobStatus.of(rs.getString("status")),
        rs.getLong("created_at"),
        rs.getLong("last_modified"),
        startedAt,
        endedAt,
        counts,
        rs.getBoolean("cancel_requested"),
        (ObjectNode) Json.read(rs.getString("doc")));
  }
}
