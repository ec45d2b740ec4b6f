package io.tributary.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.LookupResult;
import io.tributary.adaptors.RecordError;
import io.tributary.adaptors.StepContext;
import io.tributary.adaptors.SubmitResult;
import io.tributary.errors.ErrorStore;
import io.tributary.filters.FilterExpression;
import io.tributary.jobs.Counts;
import io.tributary.mapping.MapResult;
import io.tributary.web.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries one page of records from its source through every step, in order. Each record ends each
 * step it reaches as a success, ignored, or an error kept with its retry data; counters add up.
 */
final class PagePipeline {
  /**
   * What a filter made of a record: it goes on, it is ignored, or evaluating the filter failed it.
   */
  enum Verdict {
    PASS,
    FILTERED,
    FAILED
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PagePipeline.class);
  private final ErrorStore errors;
  private final StepContexts contexts;
  private final TraceKeys traceKeys;
  private final RunObserver observer;

  PagePipeline(
      ErrorStore errors, StepContexts contexts, TraceKeys traceKeys, RunObserver observer) {
    this.errors = errors;
    this.contexts = contexts;
    this.traceKeys = traceKeys;
    this.observer = observer;
  }

  /**
   * Answers the exported records that failed no step (filtered ones included): a once export marks
   * them.
   */
  List<ObjectNode> process(
      JobRun run,
      Prepared prepared,
      RunPlan.Source source,
      List<ObjectNode> page,
      long lastExportAt) {
    long start = System.nanoTime();
    observer.pageStarted();
    List<Item> all = new ArrayList<>();
    steps(
        run,
        prepared,
        source,
        exportStep(run, prepared.sources().get(source.index()), source, page, all),
        0,
        lastExportAt);
    List<ObjectNode> done = new ArrayList<>();
    for (Item item : all) if (!item.failed) done.add(page.get(item.index));
    observer.pageProcessed(System.nanoTime() - start);
    return done;
  }

  /**
   * Replays records (a retry): from the export step of {@code source} when it is given, else from
   * the step at {@code firstStep} onward.
   */
  void replay(
      JobRun run,
      Prepared prepared,
      RunPlan.Source source,
      List<ObjectNode> records,
      int firstStep,
      long lastExportAt) {
    List<Item> items;
    if (source != null) {
      items =
          exportStep(
              run, prepared.sources().get(source.index()), source, records, new ArrayList<>());
    } else {
      items = new ArrayList<>();
      for (int i = 0; i < records.size(); i++) items.add(new Item(i, records.get(i)));
      run.countFlow(new Counts(0, 0, 0, records.size(), 0, 0));
    }
    steps(run, prepared, source, items, firstStep, lastExportAt);
  }

  private void steps(
      JobRun run,
      Prepared prepared,
      RunPlan.Source source,
      List<Item> items,
      int firstStep,
      long lastExportAt) {
    for (RunPlan.Step step : run.plan.steps().subList(firstStep, run.plan.steps().size())) {
      if (run.stopping() && run.failure() != null) break;
      List<Item> reaching = items.stream().filter(i -> !i.halted).toList();
      if (reaching.isEmpty()) break;
      StepOutcome outcome =
          new StepOutcome(
              run,
              step.stepId(),
              run.stepJobs.get(step.index()),
              step.proceedOnFailure(),
              !run.skipRetries(source));
      Prepared.StepRules rules = prepared.steps().get(step.index());
      StepContext ctx = contexts.forStep(run, step, lastExportAt);
      observer.stepStarted(step.stepId());
      try (LogContext.Scope scope = LogContext.step(step.stepId())) {
        if (step.lookup()) lookup(run, step, rules, ctx, reaching, outcome);
        else submit(run, step, rules, ctx, reaching, outcome);
      } finally {
        record(run, outcome, new Counts(0, 0, 0, 0, 0, 1), step.lookup() ? "lookup" : "import");
      }
    }
    long completed = items.stream().filter(i -> !i.failed && !i.halted).count();
    run.countFlow(new Counts(completed, 0, 0, 0, 0, 1));
  }

  /**
   * Transform and output filter of the source; answers the records that go on to the steps, and
   * adds every one to {@code all}.
   */
  private List<Item> exportStep(
      JobRun run,
      Prepared.SourceRules rules,
      RunPlan.Source source,
      List<ObjectNode> page,
      List<Item> all) {
    String stepId = source.endpoint().resourceId();
    StepOutcome outcome =
        new StepOutcome(
            run, stepId, run.sourceJobs.get(source.index()), false, !run.skipRetries(source));
    List<Item> passed = new ArrayList<>();
    JsonNode settings = Contexts.settings(run, source.endpoint(), "export");
    for (int index = 0; index < page.size(); index++) {
      ObjectNode record = page.get(index);
      Item item = new Item(index, record);
      all.add(item);
      TraceKeys.Lazy traceKey = traceKeys.lazy(source.endpoint().traceKeyTemplate(), record);
      try {
        if (rules.transform() != null) item.record = rules.transform().apply(record);
      } catch (Throwable e) { // a record that overflows the stack or the heap fails alone
        outcome.fail(
            item,
            record,
            traceKey,
            RecordError.of("transformation_failed", Throwables.describe(e), "transformation"));
        continue;
      }
      Verdict keep = test(rules.filter(), item, settings, outcome, traceKey, "output_filter");
      if (keep == Verdict.FAILED) continue;
      if (keep == Verdict.FILTERED) {
        outcome.ignore++;
        continue;
      }
      outcome.succeed(traceKey);
      passed.add(item);
    }
    record(run, outcome, new Counts(0, 0, 0, page.size(), 1, 1), "export");
    run.countFlow(new Counts(0, 0, 0, page.size(), 1, 0));
    return passed;
  }

  /**
   * Keeps the failures of parts of a source (a file that could not be parsed) as errors of its
   * export step.
   */
  void sourceErrors(JobRun run, RunPlan.Source source, List<RecordError> failures) {
    if (failures.isEmpty()) return;
    StepOutcome outcome =
        new StepOutcome(
            run, source.endpoint().resourceId(), run.sourceJobs.get(source.index()), false, false);
    for (RecordError e : failures)
      outcome.fail(
          new Item(0, Json.object()),
          null,
          traceKeys.lazy(source.endpoint().traceKeyTemplate(), Json.object()),
          e);
    record(run, outcome, Counts.ZERO, "export");
  }

  private void lookup(
      JobRun job,
      RunPlan.Step step,
      Prepared.StepRules rules,
      StepContext ctx,
      List<Item> reaching,
      StepOutcome out) {
    JsonNode settings = ctx.templateContext().get("settings");
    List<Item> run = new ArrayList<>();
    List<TraceKeys.Lazy> keys = new ArrayList<>();
    for (Item item : reaching) {
      TraceKeys.Lazy key = traceKeys.lazy(step.endpoint().traceKeyTemplate(), item.record);
      Verdict matches = test(rules.inputFilter(), item, settings, out, key, "input_filter");
      if (matches == Verdict.FAILED) continue;
      if (matches == Verdict.FILTERED) out.ignore++;
      else {
        run.add(item);
        keys.add(key);
      }
    }
    if (run.isEmpty()) return;
    List<LookupResult> results;
    try {
      List<ObjectNode> records = run.stream().map(i -> i.record).toList();
      results = job.adaptorCall(() -> step.endpoint().adaptor().lookup(ctx, records));
    } catch (JobRun.Canceled e) {
      throw e;
    } catch (AdaptorException e) {
      LOG.warn("lookup failed for {} records: {}", run.size(), e.getMessage());
      failAll(run, keys, out, e, "lookup");
      if (e.kind() == AdaptorException.Kind.AUTH)
        throw new RefusedCredentials(step.endpoint().connectionId(), e);
      return; // its records are kept as errors; the page goes on without them
    } catch (Throwable e) {
      failAll(run, keys, out, Throwables.unexpected(e), "lookup");
      return;
    }
    for (int i = 0; i < run.size(); i++) {
      Item item = run.get(i);
      LookupResult r = i < results.size() ? results.get(i) : null;
      if (r == null) {
        out.fail(
            item,
            item.record,
            keys.get(i),
            RecordError.of(
                "no_result", "The lookup returned no result for this record.", "lookup"));
      } else if (r.failed()) {
        out.fail(item, item.record, keys.get(i), r.errors().get(0));
      } else {
        ObjectNode response = Json.object();
        response.set("data", Json.MAPPER.valueToTree(r.data()));
        response.putArray("errors");
        apply(rules, item, response, out, keys.get(i));
      }
    }
  }

  private void submit(
      JobRun job,
      RunPlan.Step step,
      Prepared.StepRules rules,
      StepContext ctx,
      List<Item> reaching,
      StepOutcome out) {
    JsonNode settings = ctx.templateContext().get("settings");
    List<Item> sent = new ArrayList<>();
    List<TraceKeys.Lazy> keys = new ArrayList<>();
    List<JsonNode> mapped = new ArrayList<>();
    for (Item item : reaching) {
      TraceKeys.Lazy key = traceKeys.lazy(step.endpoint().traceKeyTemplate(), item.record);
      Verdict matches = test(rules.inputFilter(), item, settings, out, key, "import_filter");
      if (matches == Verdict.FAILED) continue;
      if (matches == Verdict.FILTERED || ignoredByExistence(step.existence(), item.record)) {
        out.ignore++;
        continue;
      }
      switch (map(rules, item.record)) {
        case MapResult.Mapped m -> {
          sent.add(item);
          keys.add(key);
          mapped.add(m.data());
        }
        case MapResult.Failed f ->
            out.fail(item, item.record, key, RecordError.of(f.code(), f.message(), "mapping"));
      }
    }
    if (sent.isEmpty()) return;
    List<SubmitResult> results;
    try {
      results = job.adaptorCall(() -> step.endpoint().adaptor().submit(ctx, mapped));
    } catch (JobRun.Canceled e) {
      throw e;
    } catch (AdaptorException e) {
      LOG.warn("import failed for {} records: {}", sent.size(), e.getMessage());
      failAll(sent, keys, out, e, "application");
      if (e.kind() == AdaptorException.Kind.AUTH)
        throw new RefusedCredentials(step.endpoint().connectionId(), e);
      return;
    } catch (Throwable e) { // an Error from the adaptor: the call's records fail, the page goes on
      failAll(sent, keys, out, Throwables.unexpected(e), "application");
      return;
    }
    for (int i = 0; i < sent.size(); i++) {
      Item item = sent.get(i);
      SubmitResult r = i < results.size() ? results.get(i) : null;
      if (r == null) {
        out.fail(
            item,
            item.record,
            keys.get(i),
            RecordError.of(
                "no_result", "The import returned no result for this record.", "application"));
      } else if (r.failed()) {
        out.fail(item, item.record, keys.get(i), r.errors().get(0));
      } else if (r.ignored()) {
        out.ignore++;
      } else if (rules.responseMapping().isEmpty()) {
        out.succeed(keys.get(i)); // nothing to map: no response document to build for every record
      } else {
        apply(rules, item, resultJson(r), out, keys.get(i));
      }
    }
  }

  private static void apply(
      Prepared.StepRules rules, Item item, JsonNode response, StepOutcome out, TraceKeys.Lazy key) {
    try {
      item.record = rules.responseMapping().apply(item.record, response);
      out.succeed(key);
    } catch (Throwable e) {
      out.fail(
          item,
          item.record,
          key,
          RecordError.of("response_mapping_failed", Throwables.describe(e), "response_mapping"));
    }
  }

  private static MapResult map(Prepared.StepRules rules, JsonNode record) {
    try {
      return rules.mapper().map(record);
    } catch (Throwable e) {
      return new MapResult.Failed("mapping_failed", Throwables.describe(e), null);
    }
  }

  /**
   * integrator.io's {@code ignoreExisting} / {@code ignoreMissing}: the field at {@code
   * ignoreExtract} (typically an id a lookup found in the destination) says whether the record
   * exists there; an import that only creates skips existing ones, one that only updates skips
   * missing ones.
   */
  static boolean ignoredByExistence(RunPlan.Existence rule, JsonNode record) {
    if (rule.extract().isEmpty()) return false;
    JsonNode v = io.tributary.adaptors.json.JsonPaths.get(record, rule.extract());
    boolean exists =
        !(v.isMissingNode()
            || v.isNull()
            || (v.isTextual() && v.asText().isEmpty())
            || (v.isArray() && v.isEmpty()));
    return rule.ignoreExisting() && exists || rule.ignoreMissing() && !exists;
  }

  static ObjectNode resultJson(SubmitResult r) {
    ObjectNode o = Json.object();
    o.put("statusCode", r.statusCode());
    if (r.id() != null) o.put("id", r.id());
    o.put("ignored", r.ignored());
    ArrayNode errs = o.putArray("errors");
    r.errors()
        .forEach(
            e ->
                errs.addObject()
                    .put("code", e.code())
                    .put("message", e.message())
                    .put("source", e.source()));
    // A copy: an adaptor may answer several records with one document, and mapped responses must
    // not share it.
    o.set("_json", r.json() == null ? Json.object() : r.json().deepCopy());
    return o;
  }

  /** A filter's verdict on a record; when evaluating it failed, the record has failed the step. */
  private static Verdict test(
      FilterExpression filter,
      Item item,
      JsonNode settings,
      StepOutcome out,
      TraceKeys.Lazy key,
      String source) {
    if (filter == null) return Verdict.PASS;
    try {
      return filter.test(item.record, settings) ? Verdict.PASS : Verdict.FILTERED;
    } catch (Throwable e) {
      out.fail(
          item, item.record, key, RecordError.of("filter_failed", Throwables.describe(e), source));
      return Verdict.FAILED;
    }
  }

  private static void failAll(
      List<Item> items,
      List<TraceKeys.Lazy> keys,
      StepOutcome out,
      AdaptorException e,
      String source) {
    RecordError error = new RecordError(e.code(), e.getMessage(), source, e.retryable());
    for (int i = 0; i < items.size(); i++)
      out.fail(items.get(i), items.get(i).record, keys.get(i), error);
  }

  private void record(JobRun run, StepOutcome outcome, Counts extra, String kind) {
    Counts step = outcome.counts();
    observer.stepRecords(outcome.stepId(), kind, step.success(), step.ignore(), step.error());
    errors.save(outcome.failures);
    if (run.flow().autoResolveMatchingTraceKeys()) {
      errors.resolveTraceKeys(run.job.flowId(), outcome.stepId(), outcome.succeededTraceKeys);
    }
    Counts c = outcome.counts().plus(extra);
    run.countStep(outcome.childJobId(), c);
    run.countFlow(new Counts(0, c.error(), c.ignore(), 0, 0, 0));
  }
}
