package io.tributary.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.audit.AuditLog;
import io.tributary.core.Ids;
import io.tributary.core.Problem;
import io.tributary.core.Times;
import io.tributary.secrets.Secrets;
import io.tributary.web.Actor;
import io.tributary.web.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;

/**
 * The generic life of a resource document: validate, seal secrets, store, keep references and
 * audit, all in one transaction; answer it masked. Each type brings only its {@link ResourceType}.
 */
public final class ResourceService {
  private final DocumentStore store;
  private final AuditLog audit;
  private final Secrets secrets;
  private final Ids ids;
  private final Clock clock;
  private final java.util.Map<String, UnaryOperator<ObjectNode>> decorators =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.Map<String, List<java.util.function.Consumer<String>>> changeListeners =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final List<java.util.function.BiConsumer<Handle, String>> deleteHooks =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  public ResourceService(
      DocumentStore store, AuditLog audit, Secrets secrets, Ids ids, Clock clock) {
    this.store = store;
    this.audit = audit;
    this.secrets = secrets;
    this.ids = ids;
    this.clock = clock;
  }

  public ObjectNode create(ResourceType t, JsonNode body, Actor actor) {
    return store.jdbi().inTransaction(h -> new Tx(h).create(t, body, actor));
  }

  /**
   * Several writes that stand or fall together (a clone, a template install): any validation
   * failure rolls every one of them back.
   */
  public <T> T inTransaction(java.util.function.Function<Tx, T> work) {
    return store.jdbi().inTransaction(h -> work.apply(new Tx(h)));
  }

  /**
   * Calls {@code listener} with the id of every resource of type {@code t} that was changed or
   * deleted, after the change committed (an adaptor lets go of a changed connection's pool).
   * Creations are not changes; a failing listener is logged and does not undo anything.
   */
  public void onChange(ResourceType t, java.util.function.Consumer<String> listener) {
    changeListeners
        .computeIfAbsent(t.path(), k -> new java.util.concurrent.CopyOnWriteArrayList<>())
        .add(listener);
  }

  /**
   * Runs {@code hook} inside the transaction that deletes any resource: what belongs to it goes
   * with it.
   */
  public void onDelete(java.util.function.BiConsumer<Handle, String> hook) {
    deleteHooks.add(hook);
  }

  private void changed(ResourceType t, String id) {
    for (var listener : changeListeners.getOrDefault(t.path(), List.of())) {
      try {
        listener.accept(id);
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(ResourceService.class)
            .warn("a change listener of {} {} failed", t.path(), id, e);
      }
    }
  }

  /** Writes inside one transaction, with the same validation, secrets, references and audit. */
  public final class Tx {
    private final Handle h;

    private Tx(Handle h) {
      this.h = h;
    }

    public ObjectNode create(ResourceType t, JsonNode body, Actor actor) {
      ObjectNode incoming = sanitize(t, body);
      String id = ids.next();
      List<Ref> refs = validate(h, t, id, incoming);
      secrets.sealForStorage(incoming, null, t.secrets());
      StoredDoc d = StoredDoc.of(id, t.path(), clock.millis(), incoming);
      store.insert(h, d);
      store.replaceRefs(h, id, t.path(), refs);
      audit.record(h, t.auditName(), id, "create", actor, null, incoming, t.secrets());
      return view(t, d);
    }

    /** Changes the stored form (secrets stay sealed); {@code note} is added to the audit entry. */
    public ObjectNode update(
        ResourceType t, String id, UnaryOperator<ObjectNode> change, Actor actor, String note) {
      StoredDoc existing = lockExisting(h, t, id);
      return view(t, write(h, t, existing, change.apply(existing.body().deepCopy()), actor, note));
    }

    public Optional<StoredDoc> find(ResourceType t, String id) {
      if (!Ids.isId(id)) return Optional.empty();
      return store.get(h, id).filter(d -> d.type().equals(t.path()));
    }

    public List<Ref> refsFrom(String id) {
      return store.refsFrom(h, id);
    }

    public List<Referrer> referrers(String id) {
      return store.referrers(h, id);
    }
  }

  public ObjectNode replace(ResourceType t, String id, JsonNode body, Actor actor) {
    ObjectNode incoming = sanitize(t, body);
    return view(
        t,
        store
            .jdbi()
            .inTransaction(h -> write(h, t, lockExisting(h, t, id), incoming, actor, null)));
  }

  /**
   * Applies a whitelisted JSON Patch to the document as the client sees it, then saves it like a
   * PUT.
   */
  public void patch(ResourceType t, String id, JsonNode patch, Actor actor) {
    store
        .jdbi()
        .useTransaction(
            h -> {
              StoredDoc existing = lockExisting(h, t, id);
              ObjectNode visible = Secrets.masked(existing.body(), t.secrets());
              ObjectNode patched = PatchPolicy.apply(t, visible, patch);
              write(h, t, existing, sanitize(t, patched), actor, null);
            });
  }

  /** A change made by the platform itself (not a client); validated and audited like any other. */
  public ObjectNode update(
      ResourceType t, String id, UnaryOperator<ObjectNode> change, Actor actor) {
    return view(
        t,
        store
            .jdbi()
            .inTransaction(
                h -> {
                  StoredDoc existing = lockExisting(h, t, id);
                  return write(
                      h, t, existing, change.apply(existing.body().deepCopy()), actor, null);
                }));
  }

  public void delete(ResourceType t, String id, Actor actor) {
    store
        .jdbi()
        .useTransaction(
            h -> {
              StoredDoc existing = lockExisting(h, t, id);
              store.delete(h, id);
              // Checked after the delete took the row lock, so a concurrent new reference is seen
              // or waits.
              List<Referrer> referrers = store.referrers(h, id);
              if (!referrers.isEmpty()) {
                throw new Problem.Conflict(
                    "resource_in_use",
                    t.label() + " " + id + " is in use by " + describe(h, referrers));
              }
              audit.record(
                  h, t.auditName(), id, "delete", actor, existing.body(), null, t.secrets());
              for (var hook : deleteHooks) hook.accept(h, id);
              h.afterCommit(() -> changed(t, id));
            });
  }

  public ObjectNode get(ResourceType t, String id) {
    return view(t, find(t, id).orElseThrow(() -> Problem.notFound(t.label())));
  }

  /** The stored form (secrets encrypted) of a resource of type {@code t}, if there is one. */
  public Optional<StoredDoc> find(ResourceType t, String id) {
    if (!Ids.isId(id)) return Optional.empty();
    return store.get(id).filter(d -> d.type().equals(t.path()));
  }

  /**
   * The stored form with its secrets decrypted and its {@code _id}: for the engine, never for a
   * response.
   */
  public ObjectNode revealed(ResourceType t, StoredDoc d) {
    ObjectNode out = Json.object();
    out.put("_id", d.id());
    out.setAll(secrets.revealed(d.body(), t.secrets()));
    return out;
  }

  public record Page(List<ObjectNode> items, String nextAfter) {}

  public Page list(
      ResourceType t,
      String condition,
      Map<String, Object> params,
      String after,
      int limit,
      String include,
      String exclude) {
    return list(t, condition, params, after, 0, limit, include, exclude, null);
  }

  /**
   * A page of a list: {@code skip} matching documents after the cursor are passed over; {@code
   * keep} (null: all) filters on fields inside the document, so rows are read in batches until the
   * page is full.
   */
  public Page list(
      ResourceType t,
      String condition,
      Map<String, Object> params,
      String after,
      int skip,
      int limit,
      String include,
      String exclude,
      java.util.function.Predicate<ObjectNode> keep) {
    Projection projection = Projection.parse(include, exclude);
    List<StoredDoc> rows = new ArrayList<>();
    int batch = limit + 1;
    int toSkip = skip;
    String cursor = after;
    while (rows.size() <= limit) {
      List<StoredDoc> read = store.list(t.path(), condition, params, cursor, batch);
      for (StoredDoc d : read) {
        if (keep != null && !keep.test(d.body())) continue;
        if (toSkip > 0) toSkip--;
        else if (rows.size() <= limit) rows.add(d);
      }
      if (read.size() < batch) break;
      cursor = read.get(read.size() - 1).id();
    }
    boolean more = rows.size() > limit;
    List<ObjectNode> items = new ArrayList<>();
    for (StoredDoc d : rows.subList(0, Math.min(limit, rows.size()))) {
      ObjectNode item = view(t, d);
      t.listOmitted().forEach(item::remove);
      items.add(projection.apply(item, t.summaryFields()));
    }
    return new Page(items, more ? rows.get(limit - 1).id() : null);
  }

  /**
   * The answer form: {@code _id} first, secrets masked, computed read-only fields, timestamps last.
   */
  public ObjectNode view(ResourceType t, StoredDoc d) {
    ObjectNode out = Json.object();
    out.put("_id", d.id());
    out.setAll(Secrets.masked(d.body(), t.secrets()));
    UnaryOperator<ObjectNode> decorate = decorators.get(t.path());
    if (decorate != null) out = decorate.apply(out);
    out.put("createdAt", Times.iso(d.createdAt()));
    out.put("lastModified", Times.iso(d.lastModified()));
    return out;
  }

  /** Adds computed, read-only fields to every answer of a type (a flow's {@code nextRunAt}). */
  public void decorate(ResourceType t, UnaryOperator<ObjectNode> decorator) {
    decorators.put(t.path(), decorator);
  }

  private StoredDoc write(
      Handle h, ResourceType t, StoredDoc existing, ObjectNode incoming, Actor actor, String note) {
    List<Ref> refs = validate(h, t, existing.id(), incoming);
    secrets.sealForStorage(incoming, existing.body(), t.secrets());
    StoredDoc updated =
        existing.withBody(incoming, Math.max(clock.millis(), existing.lastModified()));
    store.update(h, updated);
    store.replaceRefs(h, existing.id(), t.path(), refs);
    audit.record(
        h,
        t.auditName(),
        existing.id(),
        "update",
        actor,
        existing.body(),
        incoming,
        t.secrets(),
        note);
    h.afterCommit(
        () ->
            changed(
                t,
                existing
                    .id())); // every update passes here: PUT, PATCH, platform and in-transaction
    // ones
    if (t.afterUpdate() != null) t.afterUpdate().after(new Tx(h), existing, updated, actor);
    return updated;
  }

  private List<Ref> validate(Handle h, ResourceType t, String id, ObjectNode doc) {
    if (!Checks.depthWithin(doc, Json.MAX_DEPTH)) {
      // Patches can stack what no single body may carry; a deeper document could not be read back.
      throw Problem.invalid(
          "invalid_field", "The document nests deeper than " + Json.MAX_DEPTH + " levels.", null);
    }
    Validation v = new Validation(id, t.path(), target -> store.getForUpdate(h, target));
    t.validator().validate(doc, v);
    v.throwIfInvalid();
    return v.refs();
  }

  private StoredDoc lockExisting(Handle h, ResourceType t, String id) {
    if (!Ids.isId(id)) throw Problem.notFound(t.label());
    return store
        .getForUpdate(h, id)
        .filter(d -> d.type().equals(t.path()))
        .orElseThrow(() -> Problem.notFound(t.label()));
  }

  private ObjectNode sanitize(ResourceType t, JsonNode body) {
    if (!(body instanceof ObjectNode obj)) {
      throw Problem.invalid(
          "invalid_field", "The body must be a JSON object describing a " + t.label() + ".", null);
    }
    ObjectNode copy = obj.deepCopy();
    copy.remove(List.of("_id", "createdAt", "lastModified"));
    copy.remove(t.readOnly());
    return copy;
  }

  private String describe(Handle h, List<Referrer> referrers) {
    List<String> parts = new ArrayList<>();
    for (Referrer r : referrers) {
      String name = store.get(h, r.id()).map(d -> d.body().path("name").asText("")).orElse("");
      parts.add(
          ResourceTypes.label(r.type())
              + " "
              + r.id()
              + (name.isEmpty() ? "" : " (" + name + ")")
              + " through "
              + r.field());
    }
    return String.join(", ", parts);
  }
}
