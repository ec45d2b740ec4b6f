package io.tributary.adaptors.rdbms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.Adaptor;
import io.tributary.adaptors.AdaptorDescriptor;
import io.tributary.adaptors.AdaptorDescriptor.AdaptorTypes;
import io.tributary.adaptors.AdaptorDescriptor.ConnectionKind;
import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.JobSession;
import io.tributary.adaptors.LookupResult;
import io.tributary.adaptors.NetworkGuard;
import io.tributary.adaptors.PageSource;
import io.tributary.adaptors.StepContext;
import io.tributary.adaptors.SubmitResult;
import io.tributary.adaptors.Throttle;
import io.tributary.adaptors.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The {@code rdbms} adaptor for PostgreSQL and MySQL/MariaDB: streaming exports, per-record
 * lookups, per-record and bulk-insert imports. Every value reaches the database as a bound
 * parameter ({@link SqlTemplate}); table names from configuration are validated and quoted.
 */
public final class RdbmsAdaptor implements Adaptor {
  private static final AdaptorDescriptor DESCRIPTOR =
      new AdaptorDescriptor(
          List.of(new ConnectionKind("rdbms", "rdbms", 5, Set.of("password"))),
          List.of(new AdaptorTypes("rdbms", "RDBMSExport", "RDBMSImport", Set.of("rdbms"))));
  final Pools pools;

  /**
   * Reaching only what {@link NetworkGuard#fromEnvironment()} allows; used by {@link
   * java.util.ServiceLoader}.
   */
  public RdbmsAdaptor() {
    this(NetworkGuard.fromEnvironment());
  }

  public RdbmsAdaptor(NetworkGuard guard) {
    this.pools = new Pools(guard);
  }

  @Override
  public AdaptorDescriptor descriptor() {
    return DESCRIPTOR;
  }

  /** At shutdown every pool closes (calls still running on one fail, as their jobs end anyway). */
  @Override
  public void close() {
    pools.close();
  }

  /** What one job remembers: the imports whose {@code first_page} statements already ran. */
  static final class JobState implements JobSession {
    final Set<String> firstPageDone = java.util.concurrent.ConcurrentHashMap.newKeySet();
  }

  @Override
  public JobSession openSession(String jobId) {
    return new JobState();
  }

  @Override
  public void connectionChanged(String connectionId) {
    pools.release(connectionId);
  }

  @Override
  public void ping(StepContext ctx) {
    try (Throttle.Slot slot = ctx.throttle().acquire();
        Connection c = pools.forConnection(ctx.connection()).getConnection()) {
      if (!c.isValid(5))
        throw new AdaptorException(
            AdaptorException.Kind.TRANSIENT, "connection_failed", "The database did not answer.");
    } catch (SQLException e) {
      throw SqlFailures.call(e);
    }
  }

  @Override
  public PageSource export(StepContext ctx) {
    JsonNode export = ctx.resource();
    String query = export.path("rdbms").path("query").asText("");
    if (query.isBlank())
      throw new AdaptorException(
          AdaptorException.Kind.FATAL, "invalid_query", "rdbms.query is required.");
    ObjectNode context = ctx.templateContext().deepCopy();
    context.set("export", export);
    SqlTemplate.Prepared prepared = SqlTemplate.prepare(query, context, ctx.templates());
    int pageSize = Math.max(1, export.path("pageSize").asInt(20));
    long limit =
        "test".equals(export.path("type").asText())
            ? Math.max(1, export.path("test").path("limit").asInt(1))
            : Long.MAX_VALUE;
    return new RdbmsPageSource(
        pools.forConnection(ctx.connection()),
        prepared,
        pageSize,
        limit,
        ctx.throttle(),
        ctx.canceled());
  }

  /**
   * {@code once.query} (an UPDATE setting the exported flag) for each record, in one transaction.
   */
  @Override
  public void pageDone(StepContext ctx, List<ObjectNode> succeeded) {
    String query = ctx.resource().path("rdbms").path("once").path("query").asText("");
    if (query.isBlank())
      throw new AdaptorException(
          AdaptorException.Kind.FATAL, "invalid_query", "A once export needs rdbms.once.query.");
    try (Throttle.Slot slot = ctx.throttle().acquire();
        Connection c = pools.forConnection(ctx.connection()).getConnection()) {
      c.setAutoCommit(false);
      for (ObjectNode record : succeeded) {
        SqlTemplate.Prepared p =
            SqlTemplate.prepare(query, recordContext(ctx, record, null), ctx.templates());
        try (PreparedStatement st = c.prepareStatement(p.sql())) {
          Statements.bind(st, p.params());
          st.executeUpdate();
        }
      }
      c.commit();
    } catch (SQLException e) {
      throw SqlFailures.call(e);
    }
  }

  @Override
  public List<LookupResult> lookup(StepContext ctx, List<ObjectNode> records) {
    String query = ctx.resource().path("rdbms").path("query").asText("");
    List<LookupResult> out = new ArrayList<>();
    DataSource ds = pools.forConnection(ctx.connection());
    for (ObjectNode record : records) {
      SqlTemplate.Prepared p =
          SqlTemplate.prepare(query, recordContext(ctx, record, records), ctx.templates());
      try (Throttle.Slot slot = ctx.throttle().acquire();
          Connection c = ds.getConnection();
          PreparedStatement st = c.prepareStatement(p.sql())) {
        Statements.bind(st, p.params());
        List<JsonNode> rows = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
          Columns.Reader reader = Columns.reader(rs.getMetaData());
          while (rs.next()) rows.add(reader.read(rs));
        }
        out.add(new LookupResult(rows, List.of()));
      } catch (SQLException e) {
        out.add(new LookupResult(List.of(), List.of(SqlFailures.record(e))));
      }
    }
    return out;
  }

  @Override
  public List<SubmitResult> submit(StepContext ctx, List<JsonNode> records) {
    JsonNode rdbms = ctx.resource().path("rdbms");
    String queryType = first(rdbms.get("queryType"), "per_record");
    DataSource ds = pools.forConnection(ctx.connection());
    return switch (queryType) {
      case "per_record" -> perRecord(ctx, ds, records, queries(rdbms.get("query")));
      case "per_page" -> perPage(ctx, ds, records, queries(rdbms.get("query")));
      case "first_page" ->
          firstPageOfJob(ctx)
              ? perPage(ctx, ds, records, queries(rdbms.get("query")))
              : records.stream()
                  .map(r -> SubmitResult.success(null, Json.object().put("rowsAffected", 0)))
                  .toList();
      case "bulk_insert" ->
          BulkInsert.run(ds, ctx.throttle(), rdbms.path("bulkInsert"), records, mysql(ctx), false);
      case "bulk_load" -> {
        if ("mssql".equals(ctx.connection().path("rdbms").path("type").asText())) {
          throw new AdaptorException(
              AdaptorException.Kind.FATAL,
              "unsupported_query_type",
              "bulk_load is not supported on SQL Server yet.");
        }
        yield BulkInsert.run(ds, ctx.throttle(), rdbms.path("bulkLoad"), records, mysql(ctx), true);
      }
      default ->
          throw new AdaptorException(
              AdaptorException.Kind.FATAL,
              "unsupported_query_type",
              "rdbms.queryType "
                  + queryType
                  + " is not one of per_record, per_page, first_page, bulk_insert, bulk_load.");
    };
  }

  /**
   * The page's statements run once, in one transaction, with {@code data} = the page: all records
   * succeed or fail together.
   */
  private List<SubmitResult> perPage(
      StepContext ctx, DataSource ds, List<JsonNode> records, List<String> queries) {
    if (queries.isEmpty())
      throw new AdaptorException(
          AdaptorException.Kind.FATAL, "invalid_query", "rdbms.query is required.");
    ObjectNode context = ctx.templateContext().deepCopy();
    context.set("data", Json.MAPPER.valueToTree(records));
    if (!records.isEmpty()) context.set("record", records.get(0));
    try (Throttle.Slot slot = ctx.throttle().acquire();
        Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      long affected = 0;
      try {
        for (String q : queries) {
          SqlTemplate.Prepared p = SqlTemplate.prepare(q, context, ctx.templates());
          try (PreparedStatement st = c.prepareStatement(p.sql())) {
            Statements.bind(st, p.params());
            affected += Math.max(0, st.executeUpdate());
          }
        }
        c.commit();
        long rows = affected;
        return records.stream()
            .map(r -> SubmitResult.success(null, Json.object().put("rowsAffected", rows)))
            .toList();
      } catch (SQLException e) {
        c.rollback();
        var error = SqlFailures.record(e);
        return records.stream()
            .map(r -> new SubmitResult(422, null, false, List.of(error), Json.object()))
            .toList();
      }
    } catch (SQLException e) {
      throw SqlFailures.call(e);
    }
  }

  /**
   * {@code first_page}: true once per import per job (kept in the job's session, dropped when the
   * job ends).
   */
  private boolean firstPageOfJob(StepContext ctx) {
    if (!(ctx.session() instanceof JobState job)) {
      throw new AdaptorException(
          AdaptorException.Kind.FATAL, "no_job", "first_page imports run only within a job.");
    }
    return job.firstPageDone.add(ctx.resource().path("_id").asText(""));
  }

  /** Each record's statements run in one transaction: all of them, or none and the record fails. */
  private List<SubmitResult> perRecord(
      StepContext ctx, DataSource ds, List<JsonNode> records, List<String> queries) {
    if (queries.isEmpty())
      throw new AdaptorException(
          AdaptorException.Kind.FATAL, "invalid_query", "rdbms.query is required.");
    List<SubmitResult> out = new ArrayList<>();
    try (Throttle.Slot slot = ctx.throttle().acquire();
        Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      for (JsonNode record : records) {
        long affected = 0;
        try {
          for (String q : queries) {
            SqlTemplate.Prepared p =
                SqlTemplate.prepare(q, recordContext(ctx, record, null), ctx.templates());
            try (PreparedStatement st = c.prepareStatement(p.sql())) {
              Statements.bind(st, p.params());
              affected += Math.max(0, st.executeUpdate());
            }
          }
          c.commit();
          out.add(SubmitResult.success(null, Json.object().put("rowsAffected", affected)));
        } catch (SQLException e) {
          c.rollback();
          out.add(
              new SubmitResult(
                  422,
                  null,
                  false,
                  List.of(SqlFailures.record(e)),
                  Json.object().put("sqlState", e.getSQLState())));
        }
      }
    } catch (SQLException e) {
      throw SqlFailures.call(e);
    }
    return out;
  }

  private static boolean mysql(StepContext ctx) {
    return Set.of("mysql", "mariadb")
        .contains(ctx.connection().path("rdbms").path("type").asText());
  }

  private static ObjectNode recordContext(StepContext ctx, JsonNode record, List<ObjectNode> page) {
    ObjectNode c = ctx.templateContext().deepCopy();
    c.set("record", record);
    if (page != null) c.set("data", Json.MAPPER.valueToTree(page));
    return c;
  }

  private static List<String> queries(JsonNode q) {
    List<String> out = new ArrayList<>();
    if (q == null) return out;
    if (q.isArray()) q.forEach(n -> out.add(n.asText()));
    else out.add(q.asText());
    out.removeIf(String::isBlank);
    return out;
  }

  private static String first(JsonNode n, String fallback) {
    if (n == null || n.isNull()) return fallback;
    return n.isArray() ? (n.isEmpty() ? fallback : n.get(0).asText()) : n.asText();
  }
}
