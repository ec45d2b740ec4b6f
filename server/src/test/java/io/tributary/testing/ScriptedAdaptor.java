package io.tributary.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.Adaptor;
import io.tributary.adaptors.AdaptorDescriptor;
import io.tributary.adaptors.LookupResult;
import io.tributary.adaptors.PageSource;
import io.tributary.adaptors.StepContext;
import io.tributary.adaptors.SubmitResult;
import io.tributary.web.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * A test adaptor for {@code wrapper} connections (no built-in adaptor serves them) that misbehaves
 * on demand, as a faulty or hostile adaptor could. Its export's {@code wrapper} block says: {@code
 * records} (ids 1..n, in pages of {@code pageSize}), {@code throwOnPage} + {@code error} (a
 * Throwable class name thrown by {@code next()}), {@code hangOnPage} (blocks in {@code next()};
 * with {@code ignoreInterrupts} it ignores interrupts until {@link #release()}). An import's {@code
 * wrapper} block: {@code throwOnId} + {@code error} (thrown by {@code submit} for a batch holding
 * that id), {@code pageDoneError} (thrown by {@code pageDone}).
 */
public final class ScriptedAdaptor implements Adaptor {
  private static volatile CountDownLatch released = new CountDownLatch(1);

  /** Calls blocked in this adaptor right now (a test waits for its call to be stuck). */
  public static final java.util.concurrent.atomic.AtomicInteger STUCK =
      new java.util.concurrent.atomic.AtomicInteger();

  /** Lets every call that ignores interrupts go (tests call it when they end). */
  public static void release() {
    released.countDown();
    released = new CountDownLatch(1);
  }

  private static final AdaptorDescriptor DESCRIPTOR =
      new AdaptorDescriptor(
          List.of(new AdaptorDescriptor.ConnectionKind("wrapper", "wrapper", 5, Set.of())),
          List.of(
              new AdaptorDescriptor.AdaptorTypes(
                  "wrapper", "WrapperExport", "WrapperImport", Set.of("wrapper"))));

  @Override
  public AdaptorDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void ping(StepContext context) {}

  @Override
  public PageSource export(StepContext ctx) {
    JsonNode w = ctx.resource().path("wrapper");
    int total = w.path("records").asInt(0);
    int pageSize = ctx.resource().path("pageSize").asInt(20);
    return new PageSource() {
      int next = 1;
      int page = 0;

      @Override
      public Optional<List<ObjectNode>> next() {
        page++;
        if (page == w.path("throwOnPage").asInt(-1)) throw error(w.path("error").asText());
        if (page == w.path("hangOnPage").asInt(-1))
          hang(w.path("ignoreInterrupts").asBoolean(false));
        if (next > total) return Optional.empty();
        List<ObjectNode> records = new ArrayList<>();
        for (; next <= total && records.size() < pageSize; next++)
          records.add(Json.object().put("id", next));
        return Optional.of(records);
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public List<LookupResult> lookup(StepContext context, List<ObjectNode> records) {
    return records.stream().map(r -> new LookupResult(List.<JsonNode>of(r), List.of())).toList();
  }

  @Override
  public List<SubmitResult> submit(StepContext ctx, List<JsonNode> records) {
    JsonNode w = ctx.resource().path("wrapper");
    int throwOn = w.path("throwOnId").asInt(-1);
    for (JsonNode r : records)
      if (r.path("id").asInt() == throwOn) throw error(w.path("error").asText());
    return records.stream().map(r -> SubmitResult.success(r.path("id").asText(), r)).toList();
  }

  @Override
  public void pageDone(StepContext ctx, List<ObjectNode> succeeded) {
    String error = ctx.resource().path("wrapper").path("pageDoneError").asText("");
    if (!error.isEmpty()) throw error(error);
  }

  private static RuntimeException error(String name) {
    Throwable t =
        switch (name) {
          case "StackOverflowError" -> new StackOverflowError("scripted stack overflow");
          case "OutOfMemoryError" -> new OutOfMemoryError("scripted out of memory");
          case "AssertionError" -> new AssertionError("scripted assertion");
          default -> new IllegalStateException("scripted " + name);
        };
    if (t instanceof Error e) throw e;
    return (RuntimeException) t;
  }

  private static void hang(boolean ignoreInterrupts) {
    CountDownLatch latch = released;
    STUCK.incrementAndGet();
    try {
      while (true) {
        try {
          latch.await();
          return;
        } catch (InterruptedException e) {
          if (!ignoreInterrupts) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stuck");
          }
        }
      }
    } finally {
      STUCK.decrementAndGet();
    }
  }
}
