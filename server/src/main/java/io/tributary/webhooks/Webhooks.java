package io.tributary.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.Problem;
import io.tributary.engine.Listeners;
import io.tributary.jobs.JobStore;
import io.tributary.resources.ResourceService;
import io.tributary.resources.ResourceType;
import io.tributary.resources.StoredDoc;
import io.tributary.runs.RunService;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhook exports (D19, D24): a request to a listener is verified, its records are stored in the
 * inbox durably before it is answered, and jobs of the flows whose page generator the export is
 * read them from there in pages ({@link Listeners}).
 */
public final class Webhooks implements Listeners, AutoCloseable {
  public static final String ADAPTOR_TYPE = "WebhookExport";
  private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);
  private static final long SWEEP_SECONDS = 2;
  private static final int DEFAULT_PAGE_SIZE = 20;

  private final ResourceService resources;
  private final ResourceType exports;
  private final ResourceType flows;
  private final Inbox inbox;
  private final Triggers triggers;
  private static final long CONFIG_TTL_NANOS = 1_000_000_000L;
  private final java.util.Map<String, Configured> configs =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final ScheduledExecutorService sweeper =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "webhook-sweep");
            t.setDaemon(true);
            return t;
          });

  /** What a listener's request came to. */
  public sealed interface Outcome {}

  /** The request did not verify: 401, and nothing more is said. */
  public record Refused() implements Outcome {}

  /** The records are stored; the listener answers this. */
  public record Accepted(int status, String body, String mediaType, int records)
      implements Outcome {}

  /**
   * @param embedded whether the store is the embedded H2 database (see {@link Durability})
   */
  public Webhooks(
      Jdbi jdbi,
      boolean embedded,
      Clock clock,
      ResourceService resources,
      ResourceType exports,
      ResourceType flows,
      RunService runs,
      JobStore jobs) {
    this.resources = resources;
    this.exports = exports;
    this.flows = flows;
    this.inbox = new Inbox(jdbi, clock, new Durability(jdbi, embedded));
    this.triggers = new Triggers(runs, jobs);
    resources.onChange(exports, configs::remove);
    resources.onChange(flows, id -> configs.clear());
    resources.onDelete((h, id) -> configs.remove(id));
  }

  /** Starts the jobs for records left waiting (by a restart), now and every few seconds. */
  public void start() {
    sweeper.scheduleWithFixedDelay(this::sweep, 0, SWEEP_SECONDS, TimeUnit.SECONDS);
  }

  private void sweep() {
    try {
      triggers.sweep(inbox.waiting());
    } catch (RuntimeException e) {
      LOG.warn("webhook sweep failed: {}", e.getMessage());
    }
  }

  /**
   * A request to the listener of export {@code exportId}; {@code pathSecret} is the secret of a
   * secret URL (null on the plain one). Throws {@link Problem.NotFound} for an export that is not a
   * listener, {@link Problem.Invalid} {@code flow_disabled} when no enabled flow reads it, {@link
   * Problem.Malformed} for a body without records.
   */
  public Outcome receive(
      String exportId,
      String pathSecret,
      java.util.function.Function<String, String> header,
      java.util.function.Function<String, String> query,
      byte[] body,
      String contentType) {
    Configured c = configured(exportId);
    Listener listener = c.listener();
    Delivery d = new Delivery(pathSecret, header, query, body, contentType);
    Supplier<JsonNode> parsed = memo(() -> Bodies.parse(d));
    if (!Verifier.verified(listener, d, parsed)) return new Refused();
    List<String> readers = c.readers();
    if (readers.isEmpty())
      throw Problem.invalid(
          "flow_disabled",
          "No enabled flow reads this listener: enable a flow whose page generator it is.",
          null);
    List<ObjectNode> records = Bodies.records(parsed.get(), listener.pathToRecords());
    if (!records.isEmpty()) {
      inbox.append(readers, exportId, records);
      for (String flow : readers) triggers.stored(flow, exportId);
    }
    return new Accepted(
        listener.successStatusCode(),
        listener.successBody(),
        listener.successMediaType(),
        records.size());
  }

  /**
   * A listener as configured, with the enabled flows it feeds, read at {@code loadedAt} (nanos).
   */
  private record Configured(Listener listener, List<String> readers, long loadedAt) {}

  /**
   * The listener's configuration, kept for {@link #CONFIG_TTL_NANOS}: every request needs it, and
   * reading the export and its flows each time was most of a request's cost. A change made through
   * this server drops it at once; one made on another node is seen within the TTL.
   */
  private Configured configured(String exportId) {
    Configured c = configs.get(exportId);
    if (c != null && System.nanoTime() - c.loadedAt() < CONFIG_TTL_NANOS) return c;
    StoredDoc stored =
        resources
            .find(exports, exportId)
            .filter(d -> ADAPTOR_TYPE.equals(d.body().path("adaptorType").asText()))
            .orElseThrow(() -> Problem.notFound("Webhook export"));
    ObjectNode export = resources.revealed(exports, stored);
    c =
        new Configured(
            Listener.of(export.path("webhook")), enabledFlows(exportId), System.nanoTime());
    configs.put(exportId, c);
    return c;
  }

  /** The flows whose page generator is the export and that are not disabled. */
  private List<String> enabledFlows(String exportId) {
    return resources.inTransaction(tx -> tx.referrers(exportId)).stream()
        .filter(
            r ->
                r.type().equals(flows.path())
                    && (r.field().startsWith("pageGenerators[") || r.field().equals("_exportId")))
        .map(io.tributary.resources.Referrer::id)
        .distinct()
        .filter(
            id ->
                resources
                    .find(flows, id)
                    .map(f -> !f.body().path("disabled").asBoolean(false))
                    .orElse(false))
        .toList();
  }

  /**
   * The secret of a {@code secret_url} export's URL (revealed), or empty for another kind of export
   * or verification: for {@code webhook.url}, shown only to callers that manage it.
   */
  public Optional<String> urlSecret(String exportId) {
    return resources
        .find(exports, exportId)
        .filter(d -> Listener.SECRET_URL.equals(d.body().path("webhook").path("verify").asText()))
        .map(d -> resources.revealed(exports, d).path("webhook").path("token").asText(null));
  }

  @Override
  public Feed open(String flowId, String exportId, ObjectNode export, String jobId) {
    if (!ADAPTOR_TYPE.equals(export.path("adaptorType").asText())) return null;
    int pageSize =
        export.path("pageSize").canConvertToInt() && export.path("pageSize").asInt() > 0
            ? export.path("pageSize").asInt()
            : DEFAULT_PAGE_SIZE;
    InboxFeed feed = new InboxFeed(inbox, triggers, flowId, exportId, jobId, pageSize);
    triggers.opened(flowId, feed);
    return feed;
  }

  private static <T> Supplier<T> memo(Supplier<T> s) {
    return new Supplier<>() {
      private T value;
      private RuntimeException failure;

      @Override
      public T get() {
        if (value == null && failure == null) {
          try {
            value = s.get();
          } catch (RuntimeException e) {
            failure = e;
          }
        }
        if (failure != null) throw failure;
        return value;
      }
    };
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
  }
}
