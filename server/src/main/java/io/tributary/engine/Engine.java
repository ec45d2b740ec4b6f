package io.tributary.engine;

import io.tributary.adaptors.AdaptorRegistry;
import io.tributary.adaptors.Templating;
import io.tributary.errors.ErrorActions;
import io.tributary.errors.ErrorStore;
import io.tributary.jobs.CheckpointStore;
import io.tributary.jobs.JobStore;
import io.tributary.resources.ResourceService;
import io.tributary.resources.ResourceType;
import io.tributary.scripting.Scripts;
import io.tributary.web.Actor;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flow engine: runs one claimed flow job, its pages through its steps, to its end. It owns no
 * store and hands out none of its parts; {@code App} builds the stores and the run machinery
 * ({@code runs}) calls {@link #run}.
 */
public final class Engine {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
  public static final long MAX_RESPONSE_BYTES = 50L * 1024 * 1024;

  /** The resource types the engine reads. */
  public record Types(
      ResourceType flows,
      ResourceType exports,
      ResourceType imports,
      ResourceType connections,
      ResourceType integrations) {}

  /**
   * The stores a run writes to: its jobs and their checkpoints, its record errors, error claims,
   * delta marks.
   */
  public record Stores(
      JobStore jobs,
      CheckpointStore checkpoints,
      ErrorStore errors,
      ErrorActions errorActions,
      DeltaStore delta) {}

  private final FlowRunner runner;

  /**
   * {@code chainer} starts the flows a completed one names; {@code abandoned} hears of a job given
   * up on after a cancel left an adaptor call stuck (its flow's next job may start); {@code
   * scripts} runs hooks, script filters and transforms; {@code listeners} feed the exports that
   * have no connection (webhooks); {@code node} is the cluster node that owns the jobs this engine
   * runs; {@code pageCheckpoints} false only in the overhead benchmark's reference (see {@code
   * Settings}).
   */
  public Engine(
      Stores stores,
      ResourceService resources,
      Types types,
      AdaptorRegistry adaptors,
      Templating templating,
      ConnectionThrottles throttles,
      FlowRunner.Chainer chainer,
      FlowRunner.Abandoned abandoned,
      RunObserver observer,
      Scripts scripts,
      Clock clock,
      Listeners listeners,
      String node,
      boolean pageCheckpoints) {
    RunPlanner planner =
        new RunPlanner(
            resources,
            types.flows(),
            types.exports(),
            types.imports(),
            types.connections(),
            types.integrations(),
            adaptors);
    StepContexts contexts = new StepContexts(throttles, templating, clock, MAX_RESPONSE_BYTES);
    PagePipeline pipeline =
        new PagePipeline(
            stores.errors(), contexts, new TraceKeys(templating), observer, new Hooks(scripts));
    FlowRunner.OfflineMarker offline =
        (connectionId, reason) -> {
          try {
            resources.update(
                types.connections(), connectionId, c -> c.put("offline", true), Actor.system());
          } catch (RuntimeException e) {
            LOG.warn("could not mark connection {} offline: {}", connectionId, e.getMessage());
          }
        };
    this.runner =
        new FlowRunner(
            planner,
            stores.jobs(),
            stores.checkpoints(),
            stores.delta(),
            pipeline,
            contexts,
            templating,
            offline,
            chainer,
            stores.errorActions(),
            clock,
            abandoned,
            observer,
            listeners,
            node,
            pageCheckpoints);
  }

  /**
   * The node stops (D26): its flow jobs stop at their next page boundary, are checkpointed and go
   * back to the queue for another node; calls still in flight after {@code graceMillis} are
   * interrupted (their pages run again on the node that resumes the job).
   */
  public void handOverAll(long graceMillis) {
    runner.handOverAll(graceMillis);
  }

  /** Flow jobs running on this node now. */
  public int running() {
    return runner.running();
  }

  /** Runs a claimed flow or retry job to its end on the calling thread. */
  public void run(String flowJobId) {
    runner.run(flowJobId);
  }
}
