package io.tributary.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.RecordError;
import io.tributary.core.Times;
import io.tributary.errors.ErrorStore;
import io.tributary.jobs.Counts;
import io.tributary.scripting.ScriptFailure;
import io.tributary.web.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Carries one page's records through a flow's routers (D23). At a router each record takes the
 * first branch that matches it ({@code first_matching_branch}) or every one ({@code
 * all_matching_branches}, each branch its own copy); a record no branch matches is ignored. A
 * branch runs its steps in order (each a step with its child job, exactly as in a linear flow),
 * then its records go on to the next router, or end.
 *
 * <p>Routers run in an order where every router comes after all the routers that lead to it, so
 * records from several branches that join at one router go through its steps together, in one
 * batch, as a page of a linear flow would.
 *
 * <p>How records end, at the flow job: a record that leaves the last step of its path without
 * having failed counts one success there; a record no branch matches counts one ignore; a record
 * that reaches the end of a branch without steps (a discard branch) counts one ignore: it was
 * deliberately not delivered anywhere, as a filtered record is not. A copy counts as a record of
 * its own. A record whose routing failed (a filter that could not be evaluated) is an error of the
 * router, kept under the router's id as step with the record as it entered the router as retry
 * data; retrying it routes it again.
 */
final class RouterWalk {
  private final PagePipeline pipeline;
  private final ErrorStore errors;
  private final TraceKeys traceKeys;

  RouterWalk(PagePipeline pipeline, ErrorStore errors, TraceKeys traceKeys) {
    this.pipeline = pipeline;
    this.errors = errors;
    this.traceKeys = traceKeys;
  }

  /** Where records enter the routed part of a flow: at a router, or at a step inside a branch. */
  record Entry(int router, int step) {
    static Entry router(int index) {
      return new Entry(index, -1);
    }

    static Entry step(int index) {
      return new Entry(-1, index);
    }
  }

  void walk(
      JobRun run,
      Prepared prepared,
      RunPlan.Source source,
      List<Item> items,
      Entry entry,
      long lastExportAt) {
    RunPlan plan = run.plan;
    Map<Integer, List<Item>> waiting = new HashMap<>();
    List<Item[]> copies = new ArrayList<>(); // {copy, original}
    Counts ended = Counts.ZERO;
    if (entry.step() >= 0) {
      RunPlan.Position at = plan.position(entry.step());
      ended =
          ended.plus(
              branch(
                  run, prepared, source, at.branch(), at.offset(), items, waiting, lastExportAt));
    } else {
      waiting.put(entry.router(), new ArrayList<>(items));
    }
    for (int r : order(plan)) {
      List<Item> arriving = waiting.remove(r);
      if (arriving == null) continue;
      if (run.stopping() && run.failure() != null) break;
      RunPlan.Router router = plan.routers().get(r);
      Map<Integer, List<Item>> routed = route(run, source, router, arriving, copies);
      for (RunPlan.Branch b : router.branches()) {
        List<Item> taken = routed.get(b.index());
        if (taken == null) continue;
        ended = ended.plus(branch(run, prepared, source, b, 0, taken, waiting, lastExportAt));
      }
    }
    for (Item[] pair : copies) if (pair[0].failed) pair[1].failed = true;
    run.countFlow(ended.plus(new Counts(0, 0, 0, 0, 0, 1)));
  }

  /**
   * Runs a branch's steps from {@code offset} on the records taken; survivors wait at the next
   * router. Answers what the records that ended here count at the flow job.
   */
  private Counts branch(
      JobRun run,
      Prepared prepared,
      RunPlan.Source source,
      RunPlan.Branch branch,
      int offset,
      List<Item> taken,
      Map<Integer, List<Item>> waiting,
      long lastExportAt) {
    for (int s : branch.steps().subList(offset, branch.steps().size())) {
      if (run.stopping() && run.failure() != null) return Counts.ZERO;
      List<Item> reaching = taken.stream().filter(i -> !i.halted).toList();
      if (reaching.isEmpty()) return Counts.ZERO;
      pipeline.step(run, prepared, source, run.plan.steps().get(s), reaching, lastExportAt);
    }
    List<Item> going = taken.stream().filter(i -> !i.halted).toList();
    if (branch.next() != RunPlan.END) {
      waiting.computeIfAbsent(branch.next(), k -> new ArrayList<>()).addAll(going);
      return Counts.ZERO;
    }
    long clean = going.stream().filter(i -> !i.failed).count();
    return branch.steps().isEmpty() ? new Counts(0, 0, clean, 0, 0, 0) : Counts.success(clean);
  }

  /**
   * The records each branch takes, by branch index. Records that match no branch are counted
   * ignored and records whose routing failed are kept as errors of the router, here.
   */
  private Map<Integer, List<Item>> route(
      JobRun run,
      RunPlan.Source source,
      RunPlan.Router router,
      List<Item> arriving,
      List<Item[]> copies) {
    StepOutcome outcome = new StepOutcome(run, router.id(), null, false, !run.skipRetries(source));
    JsonNode settings = settings(run);
    String traceKeyTemplate = source == null ? "" : source.endpoint().traceKeyTemplate();
    Map<Integer, List<Item>> routed = new HashMap<>();
    for (Item item : arriving) {
      List<Integer> chosen;
      ObjectNode entered = item.record;
      try {
        chosen = branches(run, router, item, settings);
      } catch (RoutingFailure e) {
        outcome.fail(item, entered, traceKeys.lazy(traceKeyTemplate, entered), e.error);
        continue;
      }
      if (chosen.isEmpty()) {
        outcome.ignore++;
        continue;
      }
      for (int k = 0; k < chosen.size(); k++) {
        Item taking = item;
        if (k > 0) { // every further branch gets its own copy of the record
          taking = new Item(item.index, item.record.deepCopy());
          copies.add(new Item[] {taking, item});
        }
        routed.computeIfAbsent(chosen.get(k), b -> new ArrayList<>()).add(taking);
      }
    }
    errors.save(outcome.failures);
    run.countFlow(new Counts(0, outcome.failures.size(), outcome.ignore, 0, 0, 0));
    return routed;
  }

  /** The indexes of the branches a record takes, in branch order. */
  private List<Integer> branches(JobRun run, RunPlan.Router router, Item item, JsonNode settings)
      throws RoutingFailure {
    if (router.script() != null) return scripted(run, router, item, settings);
    List<Integer> chosen = new ArrayList<>();
    for (RunPlan.Branch b : router.branches()) {
      boolean matches;
      try {
        matches = b.inputFilter() == null || b.inputFilter().test(item.record, settings);
      } catch (Throwable e) { // a record that cannot be judged fails alone
        throw new RoutingFailure(
            RecordError.of(
                "filter_failed",
                "Branch " + b.index() + " of router " + router.id() + ": " + Throwables.describe(e),
                "router"));
      }
      if (!matches) continue;
      chosen.add(b.index());
      if (!router.allMatching()) break;
    }
    return chosen;
  }

  /**
   * Asks the router's {@code branching} function, {@code ({record, settings, job, params})}, for
   * the 0-based indexes of the branches the record takes. With {@code first_matching_branch} only
   * the first index counts; an index twice counts once. A throw, or an answer that is not an array
   * of branch indexes, fails the record at the router.
   */
  private List<Integer> scripted(JobRun run, RunPlan.Router router, Item item, JsonNode settings)
      throws RoutingFailure {
    RunPlan.ScriptRef script = router.script();
    ObjectNode options = Json.object();
    options.set("record", item.record);
    options.set("settings", settings);
    ObjectNode job = options.putObject("job");
    job.put("_id", run.job.id());
    job.put("type", run.job.type().wire());
    job.put("startedAt", Times.iso(run.startedAt));
    job.put("_flowJobId", run.job.id());
    options.set("params", run.request.params());
    options.put("_flowId", run.job.flowId());
    if (run.job.integrationId() != null) options.put("_integrationId", run.job.integrationId());
    options.put("testMode", false);
    JsonNode answer;
    try {
      answer =
          pipeline.hooks().call(run, new Hooks.Ref(script.scriptId(), script.function()), options);
    } catch (ScriptFailure e) { // past its time or memory budget says so, as hooks do
      boolean plain =
          e.code().equals(ScriptFailure.ERROR) || e.code().equals(ScriptFailure.MISSING);
      throw new RoutingFailure(
          RecordError.of(
              plain ? Hooks.HOOK_FAILED : e.code(),
              "The branching function "
                  + script.function()
                  + " of router "
                  + router.id()
                  + " failed ("
                  + e.code()
                  + "): "
                  + e.getMessage(),
              "router"));
    }
    List<Integer> chosen = new ArrayList<>();
    String bad = answer.isArray() ? null : "is not an array";
    for (JsonNode n : answer) {
      if (bad != null) break;
      if (!n.canConvertToInt()
          || !n.isIntegralNumber()
          || n.asInt() < 0
          || n.asInt() >= router.branches().size()) bad = "holds " + n + ", not a branch index";
      else if (!chosen.contains(n.asInt())) chosen.add(n.asInt());
    }
    if (bad != null)
      throw new RoutingFailure(
          RecordError.of(
              Hooks.INVALID_RETURN,
              "The branching function "
                  + script.function()
                  + " of router "
                  + router.id()
                  + " must return an array of branch indexes (0 to "
                  + (router.branches().size() - 1)
                  + "); its answer "
                  + bad
                  + ".",
              "router"));
    if (!router.allMatching() && chosen.size() > 1) return List.of(chosen.get(0));
    chosen.sort(null);
    return chosen;
  }

  /** Why a record could not be routed: it fails at the router with this error. */
  private static final class RoutingFailure extends Exception {
    final RecordError error;

    RoutingFailure(RecordError error) {
      super(error.message(), null, false, false);
      this.error = error;
    }
  }

  /** The settings a branch filter reads: {@code settings.flow}, {@code settings.integration}. */
  private static JsonNode settings(JobRun run) {
    ObjectNode s = Json.object();
    s.set("flow", run.flow().settings());
    s.set("integration", run.flow().integrationSettings());
    return s;
  }

  /**
   * The run-start check of the routers that route by script: their branching functions must exist.
   *
   * @throws RunPlanner.PlanException naming the router and the function
   */
  static void check(RunPlan plan, Hooks hooks) {
    for (RunPlan.Router r : plan.routers()) {
      if (r.script() == null) continue;
      String why =
          hooks.missing(
              new Hooks.Ref(r.script().scriptId(), r.script().function()),
              "branching script of router " + r.id());
      if (why != null) throw new RunPlanner.PlanException(why);
    }
  }

  /**
   * The routers in an order where each comes after every router that leads to it (the planner
   * refused cycles), from the first one.
   */
  static List<Integer> order(RunPlan plan) {
    int n = plan.routers().size();
    int[] into = new int[n];
    List<Set<Integer>> next = new ArrayList<>();
    for (RunPlan.Router r : plan.routers()) {
      Set<Integer> to = new LinkedHashSet<>();
      for (RunPlan.Branch b : r.branches()) if (b.next() != RunPlan.END) to.add(b.next());
      to.forEach(t -> into[t]++);
      next.add(to);
    }
    List<Integer> order = new ArrayList<>(n);
    for (int r = 0; r < n; r++) if (into[r] == 0) order.add(r);
    for (int i = 0; i < order.size(); i++)
      for (int t : next.get(order.get(i))) if (--into[t] == 0) order.add(t);
    return order;
  }

  /**
   * The steps records entering at {@code entry} may reach: a retry creates child jobs for these
   * only.
   */
  static List<RunPlan.Step> reachable(RunPlan plan, Entry entry) {
    Set<Integer> steps = new LinkedHashSet<>();
    List<Integer> todo = new ArrayList<>();
    Set<Integer> seenRouters = new HashSet<>();
    if (entry.step() >= 0) {
      RunPlan.Position at = plan.position(entry.step());
      steps.addAll(at.branch().steps().subList(at.offset(), at.branch().steps().size()));
      if (at.branch().next() != RunPlan.END) todo.add(at.branch().next());
    } else {
      todo.add(entry.router());
    }
    while (!todo.isEmpty()) {
      int r = todo.remove(todo.size() - 1);
      if (!seenRouters.add(r)) continue;
      for (RunPlan.Branch b : plan.routers().get(r).branches()) {
        steps.addAll(b.steps());
        if (b.next() != RunPlan.END) todo.add(b.next());
      }
    }
    return steps.stream().sorted().map(plan.steps()::get).toList();
  }
}
