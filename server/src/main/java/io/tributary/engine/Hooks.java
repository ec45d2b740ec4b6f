package io.tributary.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.RecordError;
import io.tributary.core.Times;
import io.tributary.scripting.ScriptFailure;
import io.tributary.scripting.ScriptTags;
import io.tributary.scripting.Scripts;
import io.tributary.web.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Hooks, script filters and script transforms (D21, D22): builds each call's {@code options}, calls
 * the script and reads its answer. How an answer changes a page is decided here; {@link
 * PagePipeline} only says where in a step each one runs.
 */
final class Hooks {
  static final String HOOK_FAILED = "hook_failed";
  static final String INVALID_RETURN = "hook_invalid_return";

  private final Scripts scripts;

  Hooks(Scripts scripts) {
    this.scripts = scripts;
  }

  /** A script function a resource names: {@code {_scriptId, function}}. */
  record Ref(String scriptId, String function) {
    /** The reference in {@code node}, or null when there is none. */
    static Ref of(JsonNode node) {
      if (node == null || !node.isObject() || !node.path("_scriptId").isTextual()) return null;
      return new Ref(node.get("_scriptId").asText(), node.path("function").asText(""));
    }

    @Override
    public String toString() {
      return function + " of script " + scriptId;
    }
  }

  /** A whole page failed at a hook: each of its records fails with this code and message. */
  static final class PageFailure extends Exception {
    final String code;

    PageFailure(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }

    RecordError error(String source) {
      return new RecordError(code, getMessage(), source, false);
    }
  }

  /**
   * The options every call carries (D22): ids, {@code settings}, {@code job} (the step's child job
   * under its flow job), {@code params}, {@code testMode}, and the delta window.
   */
  static ObjectNode base(
      JobRun run, RunPlan.Endpoint e, String kind, String childJobId, long lastExportAt) {
    ObjectNode o = Json.object();
    o.put("_flowId", run.job.flowId());
    o.put("_integrationId", run.job.integrationId());
    o.put(kind.equals("import") ? "_importId" : "_exportId", e.resourceId());
    o.put("_connectionId", e.connectionId());
    ObjectNode settings = o.putObject("settings");
    settings.set("integration", run.flow().integrationSettings());
    settings.set("flow", run.flow().settings());
    settings.set(kind, e.settings());
    ObjectNode job = o.putObject("job");
    job.put("_id", childJobId != null ? childJobId : run.job.id());
    job.put("type", kind);
    job.put("startedAt", Times.iso(run.startedAt));
    job.put("_flowJobId", run.job.id());
    o.set("params", run.request.params());
    o.put("testMode", false);
    o.put("lastExportDateTime", Times.iso(lastExportAt));
    o.put("currentExportDateTime", Times.iso(Contexts.currentExportAt(run)));
    return o;
  }

  /** Calls {@code ref} with {@code options}; its failure says why in the script's words. */
  JsonNode call(JobRun run, Ref ref, ObjectNode options) throws ScriptFailure {
    return scripts.call(
        ref.scriptId(), ref.function(), options, new ScriptTags(run.job.flowId(), run.job.id()));
  }

  /** The run-start check: answers why {@code ref} cannot run, or null when it can. */
  String missing(Ref ref, String where) {
    if (ref.function().isEmpty()) return "The " + where + " names no function.";
    if (scripts.hasFunction(ref.scriptId(), ref.function())) return null;
    return "The "
        + where
        + " calls function "
        + ref.function()
        + " of script "
        + ref.scriptId()
        + ", which does not exist or does not declare it.";
  }

  /** A script filter: truthy keeps the record. */
  boolean keep(JobRun run, Ref ref, ObjectNode base, ObjectNode record, int pageIndex)
      throws ScriptFailure {
    ObjectNode o = base.deepCopy();
    o.set("record", record);
    o.put("pageIndex", pageIndex);
    JsonNode answer = call(run, ref, o);
    return truthy(answer);
  }

  /** A script transform: the new record (an object). */
  ObjectNode transform(JobRun run, Ref ref, ObjectNode base, ObjectNode record, int pageIndex)
      throws ScriptFailure {
    ObjectNode o = base.deepCopy();
    o.set("record", record);
    o.put("pageIndex", pageIndex);
    JsonNode answer = call(run, ref, o);
    if (!answer.isObject())
      throw new ScriptFailure(
          ScriptFailure.ERROR, "The transform " + ref + " must return an object (the record).");
    return (ObjectNode) answer;
  }

  private static boolean truthy(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) return false;
    if (n.isBoolean()) return n.asBoolean();
    if (n.isNumber()) return n.asDouble() != 0 && !Double.isNaN(n.asDouble());
    if (n.isTextual()) return !n.asText().isEmpty();
    return true;
  }

  /** A batch hook's call; a throw or a timeout fails the page ({@code hook_failed}). */
  JsonNode callForPage(JobRun run, Ref ref, ObjectNode options) throws PageFailure {
    try {
      return call(run, ref, options);
    } catch (ScriptFailure f) {
      String code = f.code().equals(ScriptFailure.ERROR) ? HOOK_FAILED : f.code();
      if (f.code().equals(ScriptFailure.MISSING)) code = HOOK_FAILED;
      throw new PageFailure(code, "The hook " + ref + " failed: " + f.getMessage());
    }
  }

  /** What a per-record hook (preMap, postMap) made of one record. */
  sealed interface Each {
    /** The record goes on as {@code data}. */
    record Data(ObjectNode data) implements Each {}

    /** The record fails this step. */
    record Failed(RecordError error) implements Each {}

    /** The record skips this step (counted ignored). */
    record Skip() implements Each {}
  }

  /**
   * Reads an answer that must be an array of {@code n} entries {@code {data}}, {@code {errors}},
   * {@code {}} or null; anything else fails the page ({@code hook_invalid_return}).
   */
  static List<Each> each(Ref ref, JsonNode answer, int n, String source) throws PageFailure {
    if (!answer.isArray() || answer.size() != n)
      throw invalid(
          ref,
          "must return an array of "
              + n
              + " entries (one per record), not "
              + (answer.isArray() ? answer.size() + " entries" : answer.getNodeType()));
    List<Each> out = new ArrayList<>();
    for (JsonNode a : answer) {
      if (a.isNull() || a.isObject() && a.isEmpty()) out.add(new Each.Skip());
      else if (a.isObject() && a.path("errors").isArray() && !a.get("errors").isEmpty())
        out.add(new Each.Failed(error(a.get("errors").get(0), source)));
      else if (a.isObject() && a.get("data") instanceof ObjectNode d) out.add(new Each.Data(d));
      else if (a.isObject() && a.has("data") && a.get("data").isNull()) out.add(new Each.Skip());
      else throw invalid(ref, "answered an entry that is not {data}, {errors} or {}: " + a);
    }
    return out;
  }

  /** A hook's error entry {@code {code, message, source}} as a record error. */
  static RecordError error(JsonNode e, String source) {
    if (e.isTextual()) return RecordError.of("hook_error", e.asText(), source);
    return RecordError.of(
        e.path("code").asText("hook_error"),
        e.path("message").asText(e.toString()),
        e.path("source").asText(source));
  }

  static PageFailure invalid(Ref ref, String why) {
    return new PageFailure(INVALID_RETURN, "The hook " + ref + " " + why + ".");
  }

  /**
   * A record's failure at a script filter or transform: a script that ran too long or too big says
   * so in its code; anything else is {@code code}.
   */
  static RecordError failed(Throwable e, String code, String source) {
    if (e instanceof ScriptFailure f) {
      boolean bounded =
          f.code().equals(ScriptFailure.TIMEOUT) || f.code().equals(ScriptFailure.MEMORY);
      return RecordError.of(bounded ? f.code() : code, f.getMessage(), source);
    }
    return RecordError.of(code, Throwables.describe(e), source);
  }

  /**
   * Export {@code hooks.preSavePage} on the records that passed the export's transform and filter
   * ({@code passed}, their trace keys {@code keys}): answers the records that go on. Its {@code
   * data} replaces the page, its {@code errors} and {@code newErrorsAndRetryData} become errors of
   * the export step, records it dropped are ignored, {@code abort} ends the export after this page.
   * A throw fails the page's records (retry data as exported) and the job.
   */
  List<Item> preSavePage(
      JobRun run,
      Ref ref,
      ObjectNode base,
      int pageIndex,
      List<Item> passed,
      List<TraceKeys.Lazy> keys,
      List<ObjectNode> exported,
      StepOutcome out,
      java.util.function.Function<ObjectNode, TraceKeys.Lazy> keyOf,
      Runnable abort) {
    String source = "pre_save_page_hook";
    ObjectNode o = base.deepCopy();
    o.set("data", array(passed.stream().map(i -> i.record).toList()));
    ArrayNode errors = o.putArray("errors");
    out.failures.forEach(
        f ->
            errors
                .addObject()
                .put("code", f.code())
                .put("message", f.message())
                .put("source", f.source()));
    o.put("pageIndex", pageIndex);
    JsonNode answer;
    try {
      answer = callForPage(run, ref, o);
      if (!answer.isObject() || !answer.path("data").isArray())
        throw invalid(ref, "must return an object with a data array");
      for (JsonNode d : answer.get("data"))
        if (!d.isObject()) throw invalid(ref, "answered data that is not an array of objects");
    } catch (PageFailure f) {
      for (int i = 0; i < passed.size(); i++) {
        Item item = passed.get(i);
        out.fail(item, exported.get(item.index), keys.get(i), f.error(source));
      }
      if (!f.code.equals(INVALID_RETURN)) run.fail(HOOK_FAILED, f.getMessage());
      return List.of();
    }
    List<Item> next = new ArrayList<>();
    JsonNode data = answer.get("data");
    for (int i = 0; i < data.size(); i++) {
      int index =
          i < passed.size()
              ? passed.get(i).index
              : passed.isEmpty() ? i : passed.get(passed.size() - 1).index;
      Item item = new Item(index, (ObjectNode) data.get(i));
      next.add(item);
      out.succeed(keyOf.apply(item.record));
    }
    int left = 0;
    for (JsonNode e : answer.path("errors")) {
      out.fail(new Item(0, Json.object()), null, keyOf.apply(Json.object()), error(e, source));
      left++;
    }
    for (JsonNode e : answer.path("newErrorsAndRetryData")) {
      JsonNode retry = e.path("retryData");
      ObjectNode record =
          retry.path("data") instanceof ObjectNode d ? d : retry instanceof ObjectNode r ? r : null;
      JsonNode first = e.path("errors").path(0);
      out.fail(
          new Item(0, Json.object()),
          record,
          keyOf.apply(record == null ? Json.object() : record),
          first.isMissingNode()
              ? RecordError.of("hook_error", "The preSavePage hook failed this record.", source)
              : error(first, source));
      left++;
    }
    out.ignore += Math.max(0, passed.size() - data.size() - left);
    if (answer.path("abort").asBoolean(false)) abort.run();
    return next;
  }

  /** A record on its way through an import or lookup step with hooks. */
  static final class Pending {
    final Item item;
    final TraceKeys.Lazy key;

    /** The record as it entered the step: what its retry data keeps. */
    final ObjectNode entered;

    /** What the import maps (preMap may replace it for this step only). */
    ObjectNode pre;

    JsonNode mapped;

    /** The import's or lookup's answer for it ({@code statusCode, id, ignored, errors, _json}). */
    JsonNode response;

    Pending(Item item, TraceKeys.Lazy key) {
      this.item = item;
      this.key = key;
      this.entered = item.record;
      this.pre = item.record;
    }
  }

  /**
   * Import {@code hooks.preMap} ({@code {data}}) or {@code hooks.postMap} ({@code {preMapData,
   * postMapData}}): answers the records that go on; {@code data} replaces what is mapped (preMap)
   * or what is submitted (postMap), {@code errors} fail a record, {@code {}} skips it (ignored). A
   * throw or a wrong answer fails them all; the job goes on.
   */
  List<Pending> perRecord(
      JobRun run, Ref ref, ObjectNode base, List<Pending> in, StepOutcome out, boolean post) {
    if (in.isEmpty()) return in;
    String source = post ? "post_map_hook" : "pre_map_hook";
    ObjectNode o = base.deepCopy();
    if (post) {
      o.set("preMapData", array(in.stream().map(p -> p.pre).toList()));
      o.set("postMapData", array(in.stream().map(p -> p.mapped).toList()));
    } else {
      o.set("data", array(in.stream().map(p -> p.pre).toList()));
    }
    List<Each> answers;
    try {
      answers = each(ref, callForPage(run, ref, o), in.size(), source);
    } catch (PageFailure f) {
      in.forEach(p -> out.fail(p.item, p.entered, p.key, f.error(source)));
      return List.of();
    }
    List<Pending> next = new ArrayList<>();
    for (int i = 0; i < in.size(); i++) {
      Pending p = in.get(i);
      switch (answers.get(i)) {
        case Each.Data d -> {
          if (post) p.mapped = d.data();
          else p.pre = d.data();
          next.add(p);
        }
        case Each.Failed f -> out.fail(p.item, p.entered, p.key, f.error());
        case Each.Skip s -> out.ignore++;
      }
    }
    return next;
  }

  /**
   * Import {@code hooks.postSubmit}: replaces each record's {@code responseData} (it may turn a
   * success into an error and back). A throw or a wrong answer fails them all.
   */
  List<Pending> postSubmit(
      JobRun run, Ref ref, ObjectNode base, List<Pending> in, StepOutcome out) {
    if (in.isEmpty()) return in;
    String source = "post_submit_hook";
    ObjectNode o = base.deepCopy();
    o.set("preMapData", array(in.stream().map(p -> p.pre).toList()));
    o.set("postMapData", array(in.stream().map(p -> p.mapped).toList()));
    o.set("responseData", array(in.stream().map(p -> p.response).toList()));
    try {
      JsonNode answer = callForPage(run, ref, o);
      if (!answer.isArray() || answer.size() != in.size())
        throw invalid(ref, "must return responseData: an array of " + in.size() + " entries");
      for (int i = 0; i < in.size(); i++) {
        if (!answer.get(i).isObject())
          throw invalid(ref, "answered a responseData entry that is not an object");
        in.get(i).response = answer.get(i);
      }
      return in;
    } catch (PageFailure f) {
      in.forEach(p -> out.fail(p.item, p.entered, p.key, f.error(source)));
      return List.of();
    }
  }

  /**
   * Flow step {@code hooks.postResponseMap}: replaces the records after response mapping. A throw
   * or a wrong answer fails them all.
   */
  List<Pending> postResponseMap(
      JobRun run, Ref ref, ObjectNode base, List<Pending> in, StepOutcome out) {
    if (in.isEmpty()) return in;
    String source = "post_response_map_hook";
    ObjectNode o = base.deepCopy();
    o.set("postResponseMapData", array(in.stream().map(p -> p.item.record).toList()));
    o.set("responseData", array(in.stream().map(p -> p.response).toList()));
    try {
      JsonNode answer = callForPage(run, ref, o);
      if (!answer.isArray() || answer.size() != in.size())
        throw invalid(
            ref, "must return postResponseMapData: an array of " + in.size() + " entries");
      for (int i = 0; i < in.size(); i++)
        if (!answer.get(i).isObject())
          throw invalid(ref, "answered a postResponseMapData entry that is not an object");
      for (int i = 0; i < in.size(); i++) in.get(i).item.record = (ObjectNode) answer.get(i);
      return in;
    } catch (PageFailure f) {
      in.forEach(
          p -> {
            p.item.record = p.entered;
            out.fail(p.item, p.entered, p.key, f.error(source));
          });
      return List.of();
    }
  }

  /**
   * Import {@code hooks.postAggregate}, once the job's last page is done and its adaptors made
   * their work final (a file import renamed its file): told whether that went well. Its answer is
   * not read; a throw fails the job ({@code hook_failed}).
   */
  void postAggregate(
      JobRun run,
      Prepared prepared,
      io.tributary.adaptors.JobSession.Outcome outcome,
      io.tributary.adaptors.AdaptorException failure) {
    for (RunPlan.Step step : run.plan.steps()) {
      Prepared.StepRules rules = prepared.steps().get(step.index());
      if (rules == null || rules.postAggregate() == null) continue;
      ObjectNode o =
          base(
              run,
              step.endpoint(),
              "import",
              run.stepJobs.get(step.index()),
              Contexts.currentExportAt(run));
      ObjectNode d = o.putObject("postAggregateData");
      boolean ok = outcome == io.tributary.adaptors.JobSession.Outcome.COMPLETED && failure == null;
      d.put("success", ok);
      d.set("_json", Json.object());
      if (!ok) {
        d.put("code", failure != null ? failure.code() : outcome.name().toLowerCase());
        d.put(
            "message",
            failure != null
                ? failure.getMessage()
                : "The job " + outcome.name().toLowerCase() + ".");
      }
      d.put("source", "application");
      try {
        call(run, rules.postAggregate(), o);
      } catch (ScriptFailure f) {
        run.fail(HOOK_FAILED, "The hook " + rules.postAggregate() + " failed: " + f.getMessage());
      }
    }
  }

  /** The page's records as an array, for options. */
  static ArrayNode array(List<? extends JsonNode> records) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    records.forEach(a::add);
    return a;
  }
}
