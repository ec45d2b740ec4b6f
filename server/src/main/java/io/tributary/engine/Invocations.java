package io.tributary.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.Adaptor;
import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.AdaptorRegistry;
import io.tributary.adaptors.PageSource;
import io.tributary.adaptors.RecordError;
import io.tributary.adaptors.StepContext;
import io.tributary.adaptors.SubmitResult;
import io.tributary.adaptors.Templating;
import io.tributary.core.Problem;
import io.tributary.core.Times;
import io.tributary.filters.FilterExpression;
import io.tributary.mapping.ImportMapper;
import io.tributary.mapping.MapResult;
import io.tributary.resources.ResourceService;
import io.tributary.resources.ResourceType;
import io.tributary.resources.StoredDoc;
import io.tributary.web.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code invoke} (D30): one export's first page, or records through one import's filter, mapping
 * and submit, outside any flow: no job, no errors stored, no delta mark moved. Failures of the
 * target system answer 502 with the adaptor's message; a record's own failure is in its result.
 */
public final class Invocations {
  private final ResourceService resources;
  private final Engine.Types types;
  private final AdaptorRegistry adaptors;
  private final Templating templating;
  private final ConnectionThrottles throttles;
  private final Clock clock;

  public Invocations(
      ResourceService resources,
      Engine.Types types,
      AdaptorRegistry adaptors,
      Templating templating,
      ConnectionThrottles throttles,
      Clock clock) {
    this.resources = resources;
    this.types = types;
    this.adaptors = adaptors;
    this.templating = templating;
    this.throttles = throttles;
    this.clock = clock;
  }

  /**
   * The export's first page as {@code {"data": [...]}}; {@code startDate} in the body opens a delta
   * window.
   */
  public ObjectNode export(String exportId, JsonNode body) {
    Target t = target(types.exports(), exportId, "Export");
    if (t.resource().path("isLookup").asBoolean(false)) {
      throw Problem.invalid(
          "invalid_field",
          "A lookup runs for the records of a flow; it cannot be invoked alone.",
          "isLookup");
    }
    Long start = body == null ? null : Times.parse(body.path("startDate").asText(null));
    StepContext ctx = context(t, "export", start == null ? 0 : start);
    ArrayNode data = Json.MAPPER.createArrayNode();
    try (PageSource source = t.adaptor().export(ctx)) {
      source.next().ifPresent(data::addAll);
    } catch (AdaptorException e) {
      throw failed(e);
    }
    ObjectNode out = Json.object();
    out.set("data", data);
    return out;
  }

  /** One result per record of {@code data} (or a bare array), as integrator.io's import results. */
  public List<ObjectNode> importRecords(String importId, JsonNode body) {
    Target t = target(types.imports(), importId, "Import");
    JsonNode records = body != null && body.isObject() ? body.get("data") : body;
    if (records == null || !records.isArray())
      throw Problem.invalid("missing_required_field", "data must be an array of records", "data");
    StepContext ctx = context(t, "import", clock.millis());
    FilterExpression filter;
    ImportMapper mapper;
    try {
      JsonNode f = t.resource().get("filter");
      filter =
          f == null
                  || f.isNull()
                  || f.isEmpty()
                  || (!f.has("expression") && !f.has("rules") && !f.isArray())
              ? null
              : FilterExpression.parse(f);
      mapper = ImportMapper.of(t.resource(), templating::render);
    } catch (IllegalArgumentException e) {
      throw Problem.invalid(
          "invalid_field", "The import's filter or mapping is malformed: " + e.getMessage(), null);
    }
    ObjectNode[] results = new ObjectNode[records.size()];
    List<Integer> sentAt = new ArrayList<>();
    List<JsonNode> mapped = new ArrayList<>();
    JsonNode settings = ctx.templateContext().get("settings");
    for (int i = 0; i < records.size(); i++) {
      JsonNode record = records.get(i);
      try {
        if ((filter != null && !filter.test(record, settings))
            || PagePipeline.ignoredByExistence(RunPlanner.existence(t.resource()), record)) {
          results[i] = result(new SubmitResult(200, null, true, List.of(), null));
          continue;
        }
      } catch (RuntimeException e) {
        results[i] =
            result(
                SubmitResult.failure(
                    422, RecordError.of("filter_failed", e.getMessage(), "import_filter"), null));
        continue;
      }
      switch (mapper.map(record)) {
        case MapResult.Mapped m -> {
          sentAt.add(i);
          mapped.add(m.data());
        }
        case MapResult.Failed f ->
            results[i] =
                result(
                    SubmitResult.failure(
                        422, RecordError.of(f.code(), f.message(), "mapping"), null));
      }
    }
    if (!mapped.isEmpty()) {
      List<SubmitResult> submitted;
      try {
        submitted = t.adaptor().submit(ctx, mapped);
      } catch (AdaptorException e) {
        throw failed(e);
      }
      for (int j = 0; j < sentAt.size(); j++) {
        SubmitResult r =
            j < submitted.size()
                ? submitted.get(j)
                : SubmitResult.failure(
                    500,
                    RecordError.of(
                        "no_result",
                        "The import returned no result for this record.",
                        "application"),
                    null);
        results[sentAt.get(j)] = result(r);
      }
    }
    return List.of(results);
  }

  private record Target(
      ObjectNode resource, String connectionId, ObjectNode connection, Adaptor adaptor) {}

  private Target target(ResourceType type, String id, String label) {
    StoredDoc d = resources.find(type, id).orElseThrow(() -> Problem.notFound(label));
    ObjectNode resource = resources.revealed(type, d);
    String connectionId = resource.path("_connectionId").asText(null);
    if (connectionId == null)
      throw Problem.invalid(
          "invalid_field",
          label + " " + id + " has no connection to invoke it with.",
          "_connectionId");
    StoredDoc c =
        resources
            .find(types.connections(), connectionId)
            .orElseThrow(
                () ->
                    Problem.invalid(
                        "invalid_ref",
                        "Connection " + connectionId + " no longer exists.",
                        "_connectionId"));
    ObjectNode connection = resources.revealed(types.connections(), c);
    String connectionType = connection.path("type").asText();
    Adaptor adaptor =
        adaptors
            .forConnectionType(connectionType)
            .orElseThrow(
                () ->
                    Problem.invalid(
                        "invalid_field",
                        "No adaptor runs connections of type " + connectionType + " yet.",
                        "_connectionId"));
    return new Target(resource, connectionId, connection, adaptor);
  }

  private StepContext context(Target t, String kind, long lastExportAt) {
    ObjectNode ctx = Json.object();
    ObjectNode settings = ctx.putObject("settings");
    settings.set(
        kind,
        t.resource().path("settings").isObject() ? t.resource().get("settings") : Json.object());
    settings.set(
        "connection",
        t.connection().path("settings").isObject()
            ? t.connection().get("settings")
            : Json.object());
    ctx.putObject("params");
    ctx.set("connection", t.connection());
    long now = clock.millis();
    ctx.put("lastExportDateTime", Times.iso(lastExportAt));
    ctx.put("currentExportDateTime", Times.iso(now));
    ctx.put("exportStartTime", Times.iso(now));
    return new StepContext(
        t.connection(),
        t.resource(),
        ctx,
        templating,
        throttles.forJob(t.connectionId(), t.connection(), t.adaptor(), () -> false),
        () -> false,
        clock,
        Engine.MAX_RESPONSE_BYTES);
  }

  private static ObjectNode result(SubmitResult r) {
    ObjectNode o = Json.object();
    o.put("statusCode", r.statusCode());
    if (r.id() != null) o.put("id", r.id());
    o.put("ignored", r.ignored());
    ArrayNode errors = o.putArray("errors");
    r.errors()
        .forEach(
            e ->
                errors
                    .addObject()
                    .put("code", e.code())
                    .put("message", e.message())
                    .put("source", e.source()));
    if (r.json() != null) o.set("_json", r.json());
    return o;
  }

  /**
   * A step the adaptor cannot run as configured is the caller's to fix (422); a failing target
   * system is a 502.
   */
  private static RuntimeException failed(AdaptorException e) {
    String code = e.code() == null ? "invoke_failed" : e.code();
    if (e.kind() == AdaptorException.Kind.FATAL)
      return io.tributary.core.Problem.invalid(code, e.getMessage(), null);
    return new TargetFailed(code, e.getMessage(), e);
  }

  /**
   * The target system failed the call (not the request): the HTTP layer answers it as a bad
   * gateway.
   */
  public static final class TargetFailed extends RuntimeException {
    private final String code;

    TargetFailed(String code, String message, Throwable cause) {
      super(message, cause);
      this.code = code;
    }

    public String code() {
      return code;
    }
  }
}
