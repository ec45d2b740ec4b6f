package io.tributary.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.Ids;
import io.tributary.web.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The SQL of flow jobs' checkpoints (D26). A checkpoint is written with the counters of the pages
 * it covers, and a job's child jobs with the checkpoint that names them; each is one statement on
 * PostgreSQL (data-modifying {@code WITH} clauses, atomic without a transaction of their own), so
 * that a page costs the shared database one round trip, and one transaction on the embedded H2,
 * where a statement is a call in the same process. Every write is fenced: it is made only while
 * {@code node} owns the running job, and answers false otherwise.
 */
public final class CheckpointStore {
  private final Jdbi jdbi;
  private final Ids ids;
  private final Clock clock;
  private final boolean h2;

  /** A child job to create, under an id chosen beforehand (the checkpoint names it). */
  public record NewChild(String id, JobStore.NewJob job) {}

  /** A flow job to run, with the checkpoint of its earlier runs (null: it never ran). */
  public record Resumable(Job job, ObjectNode checkpoint) {}

  public CheckpointStore(Jdbi jdbi, Ids ids, Clock clock, boolean h2) {
    this.jdbi = jdbi;
    this.ids = ids;
    this.clock = clock;
    this.h2 = h2;
  }

  public String newId() {
    return ids.next();
  }

  /** The job and its checkpoint, read together. */
  public Optional<Resumable> load(String jobId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select " + JobStore.COLUMNS + ", checkpoint from jobs where id = :id")
                .bind("id", jobId)
                .map(
                    (rs, ctx) -> {
                      String cp = rs.getString("checkpoint");
                      return new Resumable(
                          JobStore.row(rs, ctx), cp == null ? null : (ObjectNode) Json.read(cp));
                    })
                .findOne());
  }

  /**
   * Creates child jobs in one statement, with no checkpoint (the overhead benchmark's reference).
   */
  public void createChildren(List<NewChild> children) {
    if (children.isEmpty()) return;
    long now = clock.millis();
    jdbi.useHandle(h -> insert(h, children, now).execute());
  }

  /**
   * Creates the child jobs of {@code jobId} and records {@code checkpoint}, which names them, at
   * once. Answers false when {@code node} no longer owns the job (the children are created all the
   * same, as they would be a moment before a checkpoint that finds the job lost).
   */
  public boolean createChildren(
      List<NewChild> children, String jobId, String node, ObjectNode checkpoint) {
    if (children.isEmpty()) return write(jobId, node, checkpoint, Map.of());
    long now = clock.millis();
    String owned =
        "update jobs set checkpoint = :cp, last_modified = :now where id = :job and " + fence(node);
    if (h2)
      return jdbi.inTransaction(
          h -> {
            insert(h, children, now).execute();
            return fenced(h.createUpdate(owned), jobId, node, checkpoint, now).execute() == 1;
          });
    String sql =
        "with owned as ("
            + owned
            + " returning id), created as ("
            + insertSql(children.size())
            + " returning id) select count(*) from owned";
    return jdbi.withHandle(
        h ->
            fenced(bindChildren(h.createQuery(sql), children, now), jobId, node, checkpoint, now)
                    .mapTo(Long.class)
                    .one()
                == 1);
  }

  /**
   * Records a flow job's checkpoint and the counters of the pages it covers, atomically, while
   * {@code node} still owns the job. Answers false, writing nothing, when the job is no longer this
   * node's (it was found dead and taken over, or the job ended): the caller must stop.
   */
  public boolean write(
      String jobId, String node, ObjectNode checkpoint, Map<String, Counts> counts) {
    long now = clock.millis();
    String owned = owned(node);
    Counts own = counts.getOrDefault(jobId, Counts.ZERO);
    List<Map.Entry<String, Counts>> children = children(jobId, counts);
    if (h2)
      return jdbi.inTransaction(h -> write(h, owned, own, children, jobId, node, checkpoint, now));
    StringBuilder sql = new StringBuilder("with owned as (").append(owned).append(" returning id)");
    if (!children.isEmpty()) {
      sql.append(", children as (update jobs c set num_success = c.num_success + v.s, ")
          .append("num_error = c.num_error + v.e, num_ignore = c.num_ignore + v.i, ")
          .append("num_export = c.num_export + v.x, ")
          .append("num_pages_generated = c.num_pages_generated + v.g, ")
          .append("num_pages_processed = c.num_pages_processed + v.p, last_modified = :now ")
          .append("from (values ");
      for (int i = 0; i < children.size(); i++)
        sql.append(i == 0 ? "" : ", ")
            .append("(:c%1$d, :s%1$d, :e%1$d, :i%1$d, :x%1$d, :g%1$d, :p%1$d)".formatted(i));
      sql.append(") as v (id, s, e, i, x, g, p) ")
          .append("where c.id = v.id and exists (select 1 from owned) returning c.id)");
    }
    sql.append(" select count(*) from owned");
    return jdbi.withHandle(
        h -> {
          var query = h.createQuery(sql.toString());
          JobStore.bindCounts(query, own, now);
          for (int i = 0; i < children.size(); i++) {
            Counts c = children.get(i).getValue();
            query
                .bind("c" + i, children.get(i).getKey())
                .bind("s" + i, c.success())
                .bind("e" + i, c.error())
                .bind("i" + i, c.ignore())
                .bind("x" + i, c.export())
                .bind("g" + i, c.pagesGenerated())
                .bind("p" + i, c.pagesProcessed());
          }
          return fenced(query, jobId, node, checkpoint, now).mapTo(Long.class).one() == 1;
        });
  }

  /**
   * As {@link #write(String, String, ObjectNode, Map)}, and {@code also} runs in the same
   * transaction while the job is still this node's: what the write's pages settled elsewhere (a
   * retry chunk's resolved errors) commits with their counters, or not at all. A few statements in
   * one transaction: retry chunks are rare next to pages.
   */
  public boolean write(
      String jobId,
      String node,
      ObjectNode checkpoint,
      Map<String, Counts> counts,
      java.util.function.Consumer<Handle> also) {
    long now = clock.millis();
    Counts own = counts.getOrDefault(jobId, Counts.ZERO);
    return jdbi.inTransaction(
        h -> {
          if (!write(h, owned(node), own, children(jobId, counts), jobId, node, checkpoint, now))
            return false;
          also.accept(h);
          return true;
        });
  }

  /** The fenced update of the job's checkpoint and own counters. */
  private static String owned(String node) {
    return "update jobs set checkpoint = :cp, "
        + JobStore.ADD_COUNTS
        + " where id = :job and "
        + fence(node);
  }

  /**
   * The children's non-zero counters in a fixed order: two writers of one job's children never wait
   * for each other in a cycle.
   */
  private static List<Map.Entry<String, Counts>> children(
      String jobId, Map<String, Counts> counts) {
    List<Map.Entry<String, Counts>> children = new ArrayList<>();
    for (var e : new TreeMap<>(counts).entrySet())
      if (!e.getKey().equals(jobId) && !e.getValue().isZero()) children.add(e);
    return children;
  }

  /** Runs {@code work} in a transaction of its own (a retry chunk without checkpoints). */
  public void inTransaction(java.util.function.Consumer<Handle> work) {
    jdbi.useTransaction(work::accept);
  }

  /** The fenced update and the children's counters, in the caller's transaction. */
  private static boolean write(
      Handle h,
      String owned,
      Counts own,
      List<Map.Entry<String, Counts>> children,
      String jobId,
      String node,
      ObjectNode checkpoint,
      long now) {
    var update = h.createUpdate(owned);
    if (fenced(JobStore.bindCounts(update, own, now), jobId, node, checkpoint, now).execute() == 0)
      return false;
    if (children.isEmpty()) return true;
    var batch = h.prepareBatch("update jobs set " + JobStore.ADD_COUNTS + " where id = :id");
    for (var e : children)
      JobStore.bindCounts(batch, e.getValue(), now).bind("id", e.getKey()).add();
    batch.execute();
    return true;
  }

  private static String fence(String node) {
    return "status = 'running' and " + (node == null ? "owner_node is null" : "owner_node = :node");
  }

  private static <T extends org.jdbi.v3.core.statement.SqlStatement<T>> T fenced(
      T statement, String jobId, String node, ObjectNode checkpoint, long now) {
    if (node != null) statement.bind("node", node);
    return statement.bind("cp", Json.write(checkpoint)).bind("job", jobId).bind("now", now);
  }

  private static String insertSql(int rows) {
    StringBuilder sql =
        new StringBuilder("insert into jobs (").append(JobStore.INSERT_COLUMNS).append(") values ");
    for (int i = 0; i < rows; i++)
      sql.append(i == 0 ? "" : ", ").append(JobStore.newValues("_" + i));
    return sql.toString();
  }

  private static org.jdbi.v3.core.statement.Update insert(
      Handle h, List<NewChild> children, long now) {
    return bindChildren(h.createUpdate(insertSql(children.size())), children, now);
  }

  private static <T extends org.jdbi.v3.core.statement.SqlStatement<T>> T bindChildren(
      T statement, List<NewChild> children, long now) {
    for (int i = 0; i < children.size(); i++)
      JobStore.bindNew(statement, "_" + i, children.get(i).id(), children.get(i).job(), now);
    return statement;
  }
}
