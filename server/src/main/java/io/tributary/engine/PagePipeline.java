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
  private final RouterWalk routers;
  private final Hooks hooks;

  PagePipeline(
      ErrorStore errors,
      StepContexts contexts,
      TraceKeys traceKeys,
      RunObserver observer,
      Hooks hooks) {
    this.hooks = hooks;
    this.errors = errors;
    this.contexts = contexts;
    this.traceKeys = traceKeys;
    this.observer = observer;
    this.routers = new RouterWalk(this, errors, traceKeys);
  }

  Hooks hooks() {
    return hooks;
  }

  /**
   * Answers the exported records that failed no step (filtered ones included): a once export marks
   * them. {@code pageIndex} counts the source's pages from 0 (hooks see it).
   */
  List<ObjectNode> process(
      JobRun run,
      Prepared prepared,
      RunPlan.Source source,
      List<ObjectNode> page,
      long lastExportAt,
      int pageIndex) {
    long start = System.nanoTime();
    observer.pageStarted();
    List<Item> all = new ArrayList<>();
    steps(
        run,
        prepared,
        source,
        exportStep(
            run,
            prepared.sources().get(source.index()),
            source,
            page,
            all,
            pageIndex,
            lastExportAt),
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
              run,
              prepared.sources().get(source.index()),
              source,
              records,
              new ArrayList<>(),
              0,
              lastExportAt);
    } else {
      items = new ArrayList<>();
      for (int i = 0; i < records.size(); i++) items.add(new Item(i, records.get(i)));
      run.countFlow(new Counts(0, 0, 0, records.size(), 0, 0));
    }
    steps(run, prepared, source, items, firstStep, lastExportAt);
  }

  /** Replays records that failed at a router (a retry of its errors), from that router onward. */
  void replayAtRouter(
      JobRun run, Prepared prepared, List<ObjectNode> records, int router, long lastExportAt) {
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) items.add(new Item(i, records.get(i)));
    run.countFlow(new Counts(0, 0, 0, records.size(), 0, 0));
    routers.walk(run, prepared, null, items, RouterWalk.Entry.router(router), lastExportAt);
  }

  private void steps(
      JobRun run,
      Prepared prepared,
      RunPlan.Source source,
      List<Item> items,
      int firstStep,
      long lastExportAt) {
    if (run.plan.routed()) { // records from a source enter the first router
      RouterWalk.Entry entry =
          source != null ? RouterWalk.Entry.router(0) : RouterWalk.Entry.step(firstStep);
      routers.walk(run, prepared, source, items, entry, lastExportAt);
      return;
    }
    for (RunPlan.Step step : run.plan.steps().subList(firstStep, run.plan.steps().size())) {
      if (run.stopping() && run.failure() != null) break;
      List<Item> reaching = items.stream().filter(i -> !i.halted).toList();
      if (reaching.isEmpty()) break;
      step(run, prepared, source, step, reaching, lastExportAt);
    }
    long completed = items.stream().filter(i -> !i.failed && !i.halted).count();
    run.countFlow(new Counts(completed, 0, 0, 0, 0, 1));
  }

  /** One step (a lookup or an import) on the records that reach it; its child job counts them. */
  void step(
      JobRun run,
      Prepared prepared,
      RunPlan.Source source,
      RunPlan.Step step,
      List<Item> reaching,
      long lastExportAt) {
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

  /**
   * Transform and output filter of the source; answers the records that go on to the steps, and
   * adds every one to {@code all}.
   */
  private List<Item> exportStep(
      JobRun run,
      Prepared.SourceRules rules,
      RunPlan.Source source,
      List<ObjectNode> page,
      List<Item> all,
      int pageIndex,
      long lastExportAt) {
    String stepId = source.endpoint().resourceId();
    ObjectNode base =
        rules.scripted()
            ? Hooks.base(
                run, source.endpoint(), "export", run.sourceJobs.get(source.index()), lastExportAt)
            : null;
    List<TraceKeys.Lazy> passedKeys = new ArrayList<>();
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
        if (rules.scriptTransform() != null)
          item.record = hooks.transform(run, rules.scriptTransform(), base, item.record, pageIndex);
      } catch (Throwable e) { // a record that overflows the stack or the heap fails alone
        outcome.fail(
            item, record, traceKey, Hooks.failed(e, "transformation_failed", "transformation"));
        continue;
      }
      Verdict keep = test(rules.filter(), item, settings, outcome, traceKey, "output_filter");
      if (keep == Verdict.PASS && rules.scriptFilter() != null)
        keep =
            scriptTest(
                run,
                rules.scriptFilter(),
                base,
                item,
                pageIndex,
                outcome,
                traceKey,
                "output_filter");
      if (keep == Verdict.FAILED) continue;
      if (keep == Verdict.FILTERED) {
        outcome.ignore++;
        continue;
      }
      passedKeys.add(traceKey);
      passed.add(item);
    }
    if (rules.preSavePage() != null) {
      passed =
          hooks.preSavePage(
              run,
              rules.preSavePage(),
              base,
              pageIndex,
              passed,
              passedKeys,
              page,
              outcome,
              r -> traceKeys.lazy(source.endpoint().traceKeyTemplate(), r),
              () -> run.abortSource(source.index()));
    } else {
      passedKeys.forEach(outcome::succeed);
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
    ObjectNode base = rules.scripted() ? stepBase(job, step, "export") : null;
    List<Item> run = new ArrayList<>();
    List<TraceKeys.Lazy> keys = new ArrayList<>();
    for (Item item : reaching) {
      TraceKeys.Lazy key = traceKeys.lazy(step.endpoint().traceKeyTemplate(), item.record);
      Verdict matches = test(rules.inputFilter(), item, settings, out, key, "input_filter");
      if (matches == Verdict.PASS && rules.scriptFilter() != null)
        matches = scriptTest(job, rules.scriptFilter(), base, item, 0, out, key, "input_filter");
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
    List<Hooks.Pending> done = new ArrayList<>();
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
        Hooks.Pending p = new Hooks.Pending(item, keys.get(i));
        ObjectNode response = Json.object();
        response.set("data", Json.MAPPER.valueToTree(r.data()));
        response.putArray("errors");
        p.response = response;
        done.add(p);
      }
    }
    finish(job, rules, base, done, out);
  }

  private void submit(
      JobRun job,
      RunPlan.Step step,
      Prepared.StepRules rules,
      StepContext ctx,
      List<Item> reaching,
      StepOutcome out) {
    JsonNode settings = ctx.templateContext().get("settings");
    ObjectNode base = rules.scripted() ? stepBase(job, step, "import") : null;
    List<Hooks.Pending> going = new ArrayList<>();
    for (Item item : reaching) {
      TraceKeys.Lazy key = traceKeys.lazy(step.endpoint().traceKeyTemplate(), item.record);
      Verdict matches = test(rules.inputFilter(), item, settings, out, key, "import_filter");
      if (matches == Verdict.PASS && rules.scriptFilter() != null)
        matches = scriptTest(job, rules.scriptFilter(), base, item, 0, out, key, "import_filter");
      if (matches == Verdict.FAILED) continue;
      if (matches == Verdict.FILTERED || ignoredByExistence(step.existence(), item.record)) {
        out.ignore++;
        continue;
      }
      going.add(new Hooks.Pending(item, key));
    }
    if (rules.preMap() != null)
      going = hooks.perRecord(job, rules.preMap(), base, going, out, false);
    List<Hooks.Pending> sent = new ArrayList<>();
    for (Hooks.Pending p : going) {
      switch (map(rules, p.pre)) {
        case MapResult.Mapped m -> {
          p.mapped = m.data();
          sent.add(p);
        }
        case MapResult.Failed f ->
            out.fail(p.item, p.entered, p.key, RecordError.of(f.code(), f.message(), "mapping"));
      }
    }
    if (rules.postMap() != null)
      sent = hooks.perRecord(job, rules.postMap(), base, sent, out, true);
    if (sent.isEmpty()) return;
    List<SubmitResult> results;
    List<Item> items = sent.stream().map(p -> p.item).toList();
    List<TraceKeys.Lazy> keys = sent.stream().map(p -> p.key).toList();
    try {
      List<JsonNode> mapped = sent.stream().map(p -> p.mapped).toList();
      results = job.adaptorCall(() -> step.endpoint().adaptor().submit(ctx, mapped));
    } catch (JobRun.Canceled e) {
      throw e;
    } catch (AdaptorException e) {
      LOG.warn("import failed for {} records: {}", sent.size(), e.getMessage());
      failAll(items, keys, out, e, "application");
      if (e.kind() == AdaptorException.Kind.AUTH)
        throw new RefusedCredentials(step.endpoint().connectionId(), e);
      return;
    } catch (Throwable e) { // an Error from the adaptor: the call's records fail, the page goes on
      failAll(items, keys, out, Throwables.unexpected(e), "application");
      return;
    }
    if (rules.postSubmit() != null) {
      for (int i = 0; i < sent.size(); i++)
        sent.get(i).response = i < results.size() ? resultJson(results.get(i)) : noResult();
      sent = hooks.postSubmit(job, rules.postSubmit(), base, sent, out);
      results = sent.stream().map(p -> submitResult(p.response)).toList();
    }
    List<Hooks.Pending> done = new ArrayList<>();
    boolean respond = !rules.responseMapping().isEmpty() || rules.postResponseMap() != null;
    for (int i = 0; i < sent.size(); i++) {
      Hooks.Pending p = sent.get(i);
      SubmitResult r = i < results.size() ? results.get(i) : null;
      if (r == null) {
        out.fail(
            p.item,
            p.entered,
            p.key,
            RecordError.of(
                "no_result", "The import returned no result for this record.", "application"));
      } else if (r.failed()) {
        out.fail(p.item, p.entered, p.key, r.errors().get(0));
      } else if (r.ignored()) {
        out.ignore++;
      } else if (!respond) {
        out.succeed(p.key); // nothing to map: no response document to build for every record
      } else {
        if (p.response == null) p.response = resultJson(r);
        done.add(p);
      }
    }
    finish(job, rules, base, done, out);
  }

  /** Response mapping, then the step's postResponseMap hook; what is left succeeded. */
  private void finish(
      JobRun run,
      Prepared.StepRules rules,
      ObjectNode base,
      List<Hooks.Pending> done,
      StepOutcome out) {
    List<Hooks.Pending> mapped = new ArrayList<>();
    for (Hooks.Pending p : done) {
      try {
        p.item.record = rules.responseMapping().apply(p.item.record, p.response);
        mapped.add(p);
      } catch (Throwable e) {
        out.fail(
            p.item,
            p.item.record,
            p.key,
            RecordError.of("response_mapping_failed", Throwables.describe(e), "response_mapping"));
      }
    }
    if (rules.postResponseMap() != null)
      mapped = hooks.postResponseMap(run, rules.postResponseMap(), base, mapped, out);
    mapped.forEach(p -> out.succeed(p.key));
  }

  private ObjectNode stepBase(JobRun run, RunPlan.Step step, String kind) {
    return Hooks.base(
        run, step.endpoint(), kind, run.stepJobs.get(step.index()), Contexts.currentExportAt(run));
  }

  private static ObjectNode noResult() {
    ObjectNode o = Json.object().put("statusCode", 0).put("ignored", false);
    o.putArray("errors")
        .addObject()
        .put("code", "no_result")
        .put("message", "The import returned no result for this record.")
        .put("source", "application");
    return o;
  }

  /** A postSubmit hook's responseData entry as a submit result. */
  private static SubmitResult submitResult(JsonNode r) {
    List<RecordError> errs = new ArrayList<>();
    for (JsonNode e : r.path("errors")) errs.add(Hooks.error(e, "post_submit_hook"));
    return new SubmitResult(
        r.path("statusCode").asInt(errs.isEmpty() ? 200 : 422),
        r.hasNonNull("id") ? r.get("id").asText() : null,
        r.path("ignored").asBoolean(false),
        errs,
        r.get("_json"));
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

  /** A script filter's verdict on a record; a failing script fails the record at the step. */
  private Verdict scriptTest(
      JobRun run,
      Hooks.Ref ref,
      ObjectNode base,
      Item item,
      int pageIndex,
      StepOutcome out,
      TraceKeys.Lazy key,
      String source) {
    try {
      return hooks.keep(run, ref, base, item.record, pageIndex) ? Verdict.PASS : Verdict.FILTERED;
    } catch (Throwable e) {
      out.fail(item, item.record, key, Hooks.failed(e, "filter_failed", source));
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
