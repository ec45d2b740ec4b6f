package io.tributary.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.Adaptor;
import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.AdaptorRegistry;
import io.tributary.adaptors.StepContext;
import io.tributary.adaptors.Templating;
import io.tributary.errors.ErrorActions;
import io.tributary.errors.ErrorStore;
import io.tributary.jobs.JobStore;
import io.tributary.jobs.JobViews;
import io.tributary.resources.Ids;
import io.tributary.resources.ResourceService;
import io.tributary.resources.ResourceType;
import io.tributary.resources.StoredDoc;
import io.tributary.web.ApiException;
import io.tributary.web.Json;
import io.tributary.web.Actor;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The flow engine, wired: job and error stores, the dispatcher, the runner and its pipeline. */
public final class Engine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
  public static final long MAX_RESPONSE_BYTES = 50L * 1024 * 1024;

  /** The resource types the engine reads. */
  public record Types(ResourceType flows, ResourceType exports, ResourceType imports, ResourceType connections,
      ResourceType integrations) {}

  private final JobStore jobs;
  private final JobViews views;
  private final ErrorStore errors;
  private final DeltaStore delta;
  private final Dispatcher dispatcher;
  private final RunService runs;
  private final ResourceService resources;
  private final Types types;
  private final AdaptorRegistry adaptors;
  private final Templating templating;
  private final ConnectionThrottles throttles;
  private final JobSignals signals = new JobSignals();
  private final ErrorActions errorActions;
  private final AutoRetries autoRetries;
  private final RunKeys runKeys;
  private final Clock clock;
  private final Invocations invocations;

  public Engine(Jdbi jdbi, Ids ids, Clock clock, ResourceService resources, Types types, AdaptorRegistry adaptors,
      Templating templating) {
    this(jdbi, ids, clock, resources, types, adaptors, templating, RunObserver.NONE);
  }

  public Engine(Jdbi jdbi, Ids ids, Clock clock, ResourceService resources, Types types, AdaptorRegistry adaptors,
      Templating templating, RunObserver observer) {
    this.jobs = new JobStore(jdbi, ids, clock);
    this.views = new JobViews(jobs);
    this.errors = new ErrorStore(jdbi, ids, clock);
    this.delta = new DeltaStore(jdbi);
    this.dispatcher = new Dispatcher(jobs);
    this.errorActions = new ErrorActions(jdbi, clock);
    this.runs = new RunService(resources, types.flows(), jobs, dispatcher, errorActions, ids);
    this.autoRetries = new AutoRetries(errorActions, runs);
    this.runKeys = new RunKeys(jdbi, ids, clock);
    this.resources = resources;
    this.types = types;
    this.adaptors = adaptors;
    this.templating = templating;
    this.throttles = new ConnectionThrottles(clock, observer);
    this.clock = clock;
    this.invocations = new Invocations(resources, types, adaptors, templating, throttles, clock);
    RunPlanner planner = new RunPlanner(resources, types.flows(), types.exports(), types.imports(), types.connections(),
        types.integrations(), adaptors);
    StepContexts contexts = new StepContexts(throttles, templating, clock, MAX_RESPONSE_BYTES);
    PagePipeline pipeline = new PagePipeline(errors, contexts, new TraceKeys(templating), observer);
    FlowRunner.OfflineMarker offline = (connectionId, reason) -> {
      try {
        resources.update(types.connections(), connectionId, c -> c.put("offline", true), Actor.system());
      } catch (RuntimeException e) {
        LOG.warn("could not mark connection {} offline: {}", connectionId, e.getMessage());
      }
    };
    FlowRunner.Chainer chainer = (flowId, next) -> {
      for (String id : next) {
        try {
          runs.run(id, RunRequest.NONE, Actor.system());
        } catch (RuntimeException e) {
          LOG.warn("flow {} could not start chained flow {}: {}", flowId, id, e.getMessage());
        }
      }
    };
    dispatcher.runner(new FlowRunner(planner, jobs, delta, pipeline, contexts, templating, offline, chainer, signals, errorActions, clock,
        dispatcher::poke, observer));
  }

  /**
   * Pings a connection through its adaptor and keeps its {@code offline} flag in step with the
   * answer. Answers null when it works, else why not.
   */
  public AdaptorException ping(String connectionId) {
    StoredDoc stored = resources.find(types.connections(), connectionId).orElseThrow(() -> ApiException.notFound("Connection"));
    ObjectNode connection = resources.revealed(types.connections(), stored);
    String type = connection.path("type").asText();
    Adaptor adaptor = RedactingAdaptor.of(adaptors.forConnectionType(type).orElseThrow(() ->
        ApiException.invalid("invalid_field", "Connections of type " + type + " cannot be pinged yet.", "type")),
        ConnectionRedactors.of(connection, types.connections().secrets()));
    ObjectNode ctx = Json.object();
    ctx.set("connection", connection);
    ctx.putObject("settings").set("connection", connection.path("settings").isObject() ? connection.get("settings") : Json.object());
    AdaptorException failure = null;
    try {
      adaptor.ping(new StepContext(connection, connection, ctx, templating,
          throttles.forJob(connectionId, connection, adaptor, () -> false), () -> false, clock, MAX_RESPONSE_BYTES));
    } catch (AdaptorException e) {
      failure = e;
    }
    boolean offline = failure != null;
    if (stored.body().path("offline").asBoolean(false) != offline) {
      resources.update(types.connections(), connectionId, c -> c.put("offline", offline), Actor.system());
    }
    return failure;
  }

  /** Fails the jobs a stopped process left running and starts the queued ones. */
  public void start() {
    dispatcher.recover();
  }

  /** Exports and imports invoked alone, outside flows (D30). */
  public Invocations invocations() {
    return invocations;
  }

  public RunService runs() {
    return runs;
  }

  public RunKeys runKeys() {
    return runKeys;
  }

  public AutoRetries autoRetries() {
    return autoRetries;
  }

  public ErrorActions errorActions() {
    return errorActions;
  }

  public JobSignals signals() {
    return signals;
  }

  public JobStore jobs() {
    return jobs;
  }

  public JobViews views() {
    return views;
  }

  public ErrorStore errors() {
    return errors;
  }

  public DeltaStore delta() {
    return delta;
  }

  @Override
  public void close() {
    dispatcher.close();
  }
}
