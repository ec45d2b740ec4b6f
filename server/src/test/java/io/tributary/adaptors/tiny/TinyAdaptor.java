package io.tributary.adaptors.tiny;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.Adaptor;
import io.tributary.adaptors.AdaptorDescriptor;
import io.tributary.adaptors.AdaptorDescriptor.AdaptorTypes;
import io.tributary.adaptors.AdaptorDescriptor.ConnectionKind;
import io.tributary.adaptors.JobSession;
import io.tributary.adaptors.LookupResult;
import io.tributary.adaptors.PageSource;
import io.tributary.adaptors.RecordError;
import io.tributary.adaptors.StepContext;
import io.tributary.adaptors.SubmitResult;
import io.tributary.adaptors.Throttle;
import io.tributary.adaptors.json.Json;
import io.tributary.adaptors.json.JsonPaths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An adaptor written against {@code adaptor-api} alone (registered by ServiceLoader from the test
 * resources), proving the SPI is enough. Connection type {@code tiny}; exports read records from
 * the export itself ({@code tiny.records}, or {@code tiny.generate: n} for ids 1..n named "customer
 * i"); lookups answer {@code tiny.table[value of tiny.key]}; imports append to the in-memory sink
 * named {@code tiny.sink} and reject records whose {@code tiny.rejectField} is in {@code
 * tiny.rejectValues}.
 */
public final class TinyAdaptor implements Adaptor {
  /** Records each sink received, by sink name (tests use a fresh name each). */
  public static final Map<String, List<JsonNode>> SINKS = new ConcurrentHashMap<>();

  /** Records each job's session saw submitted, written when the session closed, by job id. */
  public static final Map<String, Integer> CLOSED_SESSIONS = new ConcurrentHashMap<>();

  /** How each job ended, as its session was told ({@link JobSession#end}), by job id. */
  public static final Map<String, JobSession.Outcome> ENDED = new ConcurrentHashMap<>();

  public static final AtomicInteger OPENED = new AtomicInteger();
  public static final AtomicInteger CLOSED = new AtomicInteger();

  private static final AdaptorDescriptor DESCRIPTOR =
      new AdaptorDescriptor(
          List.of(new ConnectionKind("tiny", "tiny", 2, Set.of("passcode"))),
          List.of(new AdaptorTypes("tiny", "TinyExport", "TinyImport", Set.of("tiny"))));

  @Override
  public AdaptorDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void open() {
    OPENED.incrementAndGet();
  }

  @Override
  public void close() {
    CLOSED.incrementAndGet();
  }

  /** Counts what the job submitted; the count is published when the engine closes the session. */
  static final class Session implements JobSession {
    final String jobId;
    final AtomicInteger submitted = new AtomicInteger();

    Session(String jobId) {
      this.jobId = jobId;
    }

    @Override
    public void end(Outcome outcome) {
      ENDED.put(jobId, outcome);
    }

    @Override
    public void close() {
      CLOSED_SESSIONS.put(jobId, submitted.get());
    }
  }

  @Override
  public JobSession openSession(String jobId) {
    return new Session(jobId);
  }

  @Override
  public void ping(StepContext context) {}

  @Override
  public PageSource export(StepContext context) {
    JsonNode tiny = context.resource().path("tiny");
    List<ObjectNode> all = new ArrayList<>();
    tiny.path("records").forEach(r -> all.add((ObjectNode) r.deepCopy()));
    for (int i = 1; i <= tiny.path("generate").asInt(0); i++)
      all.add(Json.object().put("id", i).put("name", "customer " + i));
    int size = Math.max(1, context.resource().path("pageSize").asInt(20));
    Iterator<ObjectNode> it = all.iterator();
    int failAfter = tiny.path("failAfterPages").asInt(-1);
    List<RecordError> sourceErrors = new ArrayList<>();
    tiny.path("sourceErrors")
        .forEach(
            e -> sourceErrors.add(RecordError.of("source_part_failed", e.asText(), "application")));
    return new PageSource() {
      int pages;

      @Override
      public Optional<List<ObjectNode>> next() {
        if (pages++ == failAfter)
          throw new io.tributary.adaptors.AdaptorException(
              io.tributary.adaptors.AdaptorException.Kind.FATAL,
              "tiny_failed",
              "the tiny source failed after " + failAfter + " pages");
        if (!it.hasNext()) return Optional.empty();
        try (Throttle.Slot slot = context.throttle().acquire()) {
          List<ObjectNode> page = new ArrayList<>();
          while (it.hasNext() && page.size() < size) page.add(it.next());
          return Optional.of(page);
        }
      }

      @Override
      public List<RecordError> takeErrors() {
        List<RecordError> taken = List.copyOf(sourceErrors);
        sourceErrors.clear();
        return taken;
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public List<LookupResult> lookup(StepContext context, List<ObjectNode> records) {
    JsonNode tiny = context.resource().path("tiny");
    List<LookupResult> out = new ArrayList<>();
    for (ObjectNode r : records) {
      String key = JsonPaths.get(r, tiny.path("key").asText("id")).asText();
      JsonNode found = tiny.path("table").path(key);
      if (contains(tiny.path("failKeys"), Json.MAPPER.getNodeFactory().textNode(key))) {
        out.add(
            new LookupResult(
                List.of(),
                List.of(RecordError.of("lookup_failed", "no lookup for " + key, "application"))));
      } else {
        List<JsonNode> rows = new ArrayList<>();
        found.forEach(rows::add);
        out.add(new LookupResult(rows, List.of()));
      }
    }
    return out;
  }

  @Override
  public List<SubmitResult> submit(StepContext context, List<JsonNode> records) {
    JsonNode tiny = context.resource().path("tiny");
    List<JsonNode> sink =
        SINKS.computeIfAbsent(tiny.path("sink").asText(), s -> new CopyOnWriteArrayList<>());
    String rejectField = tiny.path("rejectField").asText("");
    List<SubmitResult> out = new ArrayList<>();
    try (Throttle.Slot slot = context.throttle().acquire()) {
      for (JsonNode r : records) {
        JsonNode value = JsonPaths.get(r, rejectField.isEmpty() ? "$" : rejectField);
        boolean reject = !rejectField.isEmpty() && contains(tiny.path("rejectValues"), value);
        if (reject) {
          out.add(
              SubmitResult.failure(
                  422,
                  RecordError.of("422", "record rejected: " + value, "application"),
                  Json.object()));
          continue;
        }
        sink.add(r);
        if (context.session() instanceof Session s) s.submitted.incrementAndGet();
        out.add(
            SubmitResult.success(
                "tiny-" + sink.size(), Json.object().put("id", "tiny-" + sink.size())));
      }
    }
    return out;
  }

  private static boolean contains(JsonNode values, JsonNode value) {
    for (JsonNode v : values)
      if (v.equals(value) || v.isValueNode() && v.asText().equals(value.asText())) return true;
    return false;
  }
}
