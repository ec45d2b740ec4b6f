package io.tributary.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.store.DocumentFiles;
import io.tributary.web.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** The SQL of the resource documents and of the references between them. */
public final class DocumentStore {
  private static final String COLUMNS =
      "id, type, integration_id, connection_id, created_at, last_modified, doc";
  private final Jdbi jdbi;
  private final DocumentFiles files;

  public DocumentStore(Jdbi jdbi) {
    this(jdbi, DocumentFiles.NONE);
  }

  /** {@code files} keeps large documents out of the database (the embedded H2 store). */
  public DocumentStore(Jdbi jdbi, DocumentFiles files) {
    this.jdbi = jdbi;
    this.files = files;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public Optional<StoredDoc> get(Handle h, String id) {
    return h.createQuery("select " + COLUMNS + " from resources where id = :id")
        .bind("id", id)
        .map(this::row)
        .findOne();
  }

  /**
   * Reads and locks a row for the rest of the transaction (referenced rows cannot vanish
   * meanwhile).
   */
  public Optional<StoredDoc> getForUpdate(Handle h, String id) {
    return h.createQuery("select " + COLUMNS + " from resources where id = :id for update")
        .bind("id", id)
        .map(this::row)
        .findOne();
  }

  public Optional<StoredDoc> get(String id) {
    return jdbi.withHandle(h -> get(h, id));
  }

  /** Locks the rows of the given ids for this transaction and answers their types. */
  public Map<String, String> lockTypes(Handle h, Collection<String> ids) {
    Map<String, String> types = new HashMap<>();
    if (ids.isEmpty()) return types;
    h.createQuery("select id, type from resources where id in (<ids>) for update")
        .bindList("ids", List.copyOf(ids))
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
        .forEach(e -> types.put(e.getKey(), e.getValue()));
    return types;
  }

  public void insert(Handle h, StoredDoc d) {
    h.createUpdate(
            "insert into resources ("
                + COLUMNS
                + ") values (:id, :type, :integrationId, :connectionId, :createdAt, :lastModified, :doc)")
        .bind("id", d.id())
        .bind("type", d.type())
        .bind("integrationId", d.integrationId())
        .bind("connectionId", d.connectionId())
        .bind("createdAt", d.createdAt())
        .bind("lastModified", d.lastModified())
        .bind("doc", files.toColumn(Json.write(d.body())))
        .execute();
  }

  public void update(Handle h, StoredDoc d) {
    h.createUpdate(
            "update resources set integration_id = :integrationId, connection_id = :connectionId, "
                + "last_modified = :lastModified, doc = :doc where id = :id")
        .bind("id", d.id())
        .bind("integrationId", d.integrationId())
        .bind("connectionId", d.connectionId())
        .bind("lastModified", d.lastModified())
        .bind("doc", files.toColumn(Json.write(d.body())))
        .execute();
  }

  public boolean delete(Handle h, String id) {
    h.createUpdate("delete from resource_refs where from_id = :id").bind("id", id).execute();
    return h.createUpdate("delete from resources where id = :id").bind("id", id).execute() > 0;
  }

  public void replaceRefs(Handle h, String fromId, String fromType, List<Ref> refs) {
    h.createUpdate("delete from resource_refs where from_id = :id").bind("id", fromId).execute();
    if (refs.isEmpty()) return;
    var batch =
        h.prepareBatch(
            "insert into resource_refs (from_id, from_type, to_id, field) values (:fromId, :fromType, :toId, :field)");
    for (Ref r : refs) {
      batch
          .bind("fromId", fromId)
          .bind("fromType", fromType)
          .bind("toId", r.targetId())
          .bind("field", r.field())
          .add();
    }
    batch.execute();
  }

  public List<Referrer> referrers(Handle h, String toId) {
    return h.createQuery(
            "select from_id, from_type, field from resource_refs where to_id = :id and from_id <> :id order by from_id")
        .bind("id", toId)
        .map((rs, ctx) -> new Referrer(rs.getString(1), rs.getString(2), rs.getString(3)))
        .list();
  }

  public List<Referrer> referrers(String toId) {
    return jdbi.withHandle(h -> referrers(h, toId));
  }

  /** Ids that a resource references, with the type of the target. */
  public List<Ref> refsFrom(Handle h, String fromId) {
    return h.createQuery(
            "select rr.field, r.type, rr.to_id from resource_refs rr join resources r on r.id = rr.to_id where rr.from_id = :id")
        .bind("id", fromId)
        .map((rs, ctx) -> new Ref(rs.getString(1), rs.getString(2), rs.getString(3)))
        .list();
  }

  /**
   * A page of documents of one type, in id order, after the cursor. {@code condition} is an extra
   * SQL predicate over the columns with its own named parameters (for the integration sub-lists).
   */
  public List<StoredDoc> list(
      String type, String condition, Map<String, Object> params, String after, int limit) {
    String sql =
        "select "
            + COLUMNS
            + " from resources where type = :type"
            + (condition == null ? "" : " and (" + condition + ")")
            + (after == null ? "" : " and id > :after")
            + " order by id fetch first :limit rows only";
    return jdbi.withHandle(
        h -> {
          var q = h.createQuery(sql).bind("type", type).bind("limit", limit);
          if (after != null) q.bind("after", after);
          params.forEach(q::bind);
          return q.map(this::row).list();
        });
  }

  /**
   * Removes the document files no row names any more (those past their grace period); answers how
   * many.
   */
  public int sweepFiles() {
    if (files == DocumentFiles.NONE) return 0; // PostgreSQL: no files, so no scan of every document
    Set<String> referenced =
        jdbi.withHandle(
            h ->
                h.createQuery("select doc from resources where doc like :p")
                    .bind("p", DocumentFiles.likePattern())
                    .mapTo(String.class)
                    .collect(Collectors.toSet()));
    return files.sweep(referenced, Instant.now());
  }

  private StoredDoc row(ResultSet rs, StatementContext ctx) throws SQLException {
    return new StoredDoc(
        rs.getString("id"),
        rs.getString("type"),
        rs.getString("integration_id"),
        rs.getString("connection_id"),
        rs.getLong("created_at"),
        rs.getLong("last_modified"),
        (ObjectNode) Json.read(files.fromColumn(rs.getString("doc"))));
  }
}
