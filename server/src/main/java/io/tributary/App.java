package io.tributary;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.json.JavalinJackson;
import io.tributary.access.AccessPolicy;
import io.tributary.access.Guard;
import io.tributary.access.Visibility;
import io.tributary.adaptors.AdaptorRegistry;
import io.tributary.audit.AuditLog;
import io.tributary.audit.AuditRoutes;
import io.tributary.cluster.Cluster;
import io.tributary.cluster.ClusterRoutes;
import io.tributary.cluster.ClusterSettings;
import io.tributary.connections.Adaptors;
import io.tributary.connections.ConnectionRoutes;
import io.tributary.connections.ConnectionType;
import io.tributary.core.Ids;
import io.tributary.core.Problem;
import io.tributary.engine.ClusterSlots;
import io.tributary.engine.ConnectionPings;
import io.tributary.engine.ConnectionThrottles;
import io.tributary.engine.DeltaStore;
import io.tributary.engine.Engine;
import io.tributary.engine.Invocations;
import io.tributary.engine.RunObserver;
import io.tributary.errors.ErrorActions;
import io.tributary.errors.ErrorQueries;
import io.tributary.errors.ErrorRoutes;
import io.tributary.errors.ErrorStore;
import io.tributary.exports.ExportType;
import io.tributary.flowops.Cloner;
import io.tributary.flowops.FlowOps;
import io.tributary.flowops.FlowOpsRoutes;
import io.tributary.flowops.Kinds;
import io.tributary.flows.FlowRunRoutes;
import io.tributary.flows.FlowType;
import io.tributary.imports.ImportType;
import io.tributary.integrations.IntegrationRoutes;
import io.tributary.integrations.IntegrationType;
import io.tributary.invoke.InvokeRoutes;
import io.tributary.jobs.CheckpointStore;
import io.tributary.jobs.JobRoutes;
import io.tributary.jobs.JobStore;
import io.tributary.jobs.JobViews;
import io.tributary.metrics.Metrics;
import io.tributary.metrics.MetricsRoutes;
import io.tributary.metrics.MetricsSettings;
import io.tributary.openapi.OpenApiRoutes;
import io.tributary.people.Passwords;
import io.tributary.people.PeopleRoutes;
import io.tributary.people.PeopleStore;
import io.tributary.people.SessionCookie;
import io.tributary.people.Sessions;
import io.tributary.people.SignInRoutes;
import io.tributary.resources.DocumentStore;
import io.tributary.resources.ResourceRoutes;
import io.tributary.resources.ResourceService;
import io.tributary.resources.ResourceType;
import io.tributary.runs.AutoRetries;
import io.tributary.runs.Dispatcher;
import io.tributary.runs.JobSignals;
import io.tributary.runs.RunKeys;
import io.tributary.runs.RunRequest;
import io.tributary.runs.RunService;
import io.tributary.schedule.Housekeeping;
import io.tributary.schedule.ScheduleRoutes;
import io.tributary.schedule.ScheduleTicker;
import io.tributary.schedule.Schedules;
import io.tributary.scripting.Scripts;
import io.tributary.scripts.ScriptLogRoutes;
import io.tributary.scripts.ScriptLogStore;
import io.tributary.scripts.ScriptStore;
import io.tributary.scripts.ScriptType;
import io.tributary.secrets.MasterKey;
import io.tributary.secrets.SecretCipher;
import io.tributary.secrets.Secrets;
import io.tributary.state.StateRoutes;
import io.tributary.state.StateStore;
import io.tributary.store.DataDir;
import io.tributary.store.Database;
import io.tributary.store.DocumentFiles;
import io.tributary.store.Meta;
import io.tributary.store.StoreHealth;
import io.tributary.templates.TemplateRoutes;
import io.tributary.templating.HandlebarsTemplating;
import io.tributary.templating.Templates;
import io.tributary.tokens.Authenticator;
import io.tributary.tokens.Bootstrap;
import io.tributary.tokens.RateLimiter;
import io.tributary.tokens.TokenRoutes;
import io.tributary.tokens.TokenStore;
import io.tributary.tracing.Observers;
import io.tributary.tracing.Tracing;
import io.tributary.web.Actor;
import io.tributary.web.BodyGuard;
import io.tributary.web.ErrorMapper;
import io.tributary.web.Json;
import io.tributary.web.PublicOrigin;
import io.tributary.web.WebUi;
import io.tributary.webhooks.WebhookRoutes;
import io.tributary.webhooks.Webhooks;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the whole server, explicitly: store, services, routes. */
public final class App implements AutoCloseable {
  public static final long MAX_BODY_BYTES = 5L * 1024 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(App.class);

  /** The version the API description states. */
  public static final String VERSION = "0.1.0";

  private final Database db;
  private final Dispatcher dispatcher;
  private final Engine engine;
  private final Cluster cluster;
  private final ClusterSlots clusterSlots;
  private final ClusterSettings clusterSettings;
  private final Schedules schedules;
  private final Javalin web;
  private final String generatedAdminToken;
  private final Metrics metrics;
  private final Tracing tracing;
  private final AdaptorRegistry adaptors;
  private final Scripts scripts;
  private final Webhooks webhooks;

  /**
   * The stores and services of running flows, built once and handed to the routes that need each.
   */
  private record Runs(
      JobStore jobs,
      JobViews views,
      ErrorActions errorActions,
      DeltaStore delta,
      JobSignals signals,
      Dispatcher dispatcher,
      Engine engine,
      RunService runs,
      RunKeys runKeys,
      AutoRetries autoRetries,
      ConnectionPings pings,
      Invocations invocations,
      Webhooks webhooks,
      ClusterSlots clusterSlots) {}

  private App(
      Database db,
      Dispatcher dispatcher,
      Engine engine,
      Cluster cluster,
      ClusterSlots clusterSlots,
      ClusterSettings clusterSettings,
      Schedules schedules,
      Javalin web,
      String generatedAdminToken,
      Metrics metrics,
      AdaptorRegistry adaptors,
      Scripts scripts,
      Webhooks webhooks,
      Tracing tracing) {
    this.webhooks = webhooks;
    this.metrics = metrics;
    this.scripts = scripts;
    this.tracing = tracing;
    this.db = db;
    this.adaptors = adaptors;
    this.dispatcher = dispatcher;
    this.engine = engine;
    this.cluster = cluster;
    this.clusterSlots = clusterSlots;
    this.clusterSettings = clusterSettings;
    this.schedules = schedules;
    this.web = web;
    this.generatedAdminToken = generatedAdminToken;
  }

  public static App start(Settings s, Clock clock) {
    return start(
        s, clock, MetricsSettings.fromEnv(System.getenv()), Tracing.fromEnv(System.getenv()));
  }

  public static App start(Settings s, Clock clock, MetricsSettings metricsSettings) {
    return start(s, clock, metricsSettings, null);
  }

  /**
   * A server whose engine also reports to {@code tracing} (null: no traces); closes it at the end.
   */
  public static App start(
      Settings s, Clock clock, MetricsSettings metricsSettings, Tracing tracing) {
    String url = s.dbUrl() != null ? s.dbUrl() : Database.embeddedUrl(s.dataDir());
    if (s.dbUrl() == null || s.masterKey() == null || s.masterKey().isBlank())
      DataDir.prepare(s.dataDir());
    Database db;
    try {
      db = Database.open(url, s.dbUser(), s.dbPassword(), s.dbSchema());
    } catch (RuntimeException e) {
      if (s.dbUrl() == null && Database.inUse(e))
        throw new IllegalStateException(
            "The data directory "
                + s.dataDir().toAbsolutePath()
                + " is in use by another Tributary process. The embedded store serves one"
                + " process only; to run several nodes, point them all at one PostgreSQL database"
                + " (TRIBUTARY_DB_URL).",
            e);
      throw e;
    }
    try {
      App app = start(s, clock, db, metricsSettings, tracing);
      DataDir.restrictFiles(s.dataDir()); // the H2 files and the master key, new or from before
      return app;
    } catch (RuntimeException e) {
      db.close();
      if (tracing != null) tracing.close();
      throw e;
    }
  }

  /**
   * The embedded store keeps documents over 64 KB as files in the data directory (see {@link
   * DocumentFiles} for why); PostgreSQL keeps them itself.
   */
  private static DocumentFiles documentFiles(Settings s) {
    if (s.dbUrl() != null) return DocumentFiles.NONE;
    return DocumentFiles.in(s.dataDir().resolve("documents"), 64 * 1024);
  }

  private static App start(
      Settings s, Clock clock, Database db, MetricsSettings metricsSettings, Tracing tracing) {
    Metrics metrics = metricsSettings.enabled() ? new Metrics() : null;
    Ids ids = new Ids(clock);
    SecretCipher cipher = new SecretCipher(MasterKey.load(s.masterKey(), s.dataDir()));
    Meta meta = new Meta(db.jdbi());
    if (!meta.putIfAbsent("master_key_check", cipher.fingerprint()).equals(cipher.fingerprint())) {
      throw new IllegalStateException(
          "The master key does not match the one this store's secrets were sealed with "
              + "(check TRIBUTARY_MASTER_KEY or "
              + MasterKey.FILE
              + " in the data directory).");
    }
    String owner = Bootstrap.owner(meta, ids);
    TokenStore tokens = new TokenStore(db.jdbi(), ids, clock, cipher);
    String generated = Bootstrap.adminToken(db.jdbi(), tokens, owner, s.apiToken());

    AuditLog audit = new AuditLog(db.jdbi(), ids, clock);
    DocumentStore documents = new DocumentStore(db.jdbi(), documentFiles(s));
    ResourceService service =
        new ResourceService(documents, audit, new Secrets(cipher), ids, clock);
    ResourceRoutes resourceRoutes = new ResourceRoutes(service, audit);
    StateStore state = new StateStore(db.jdbi(), clock);
    service.onDelete(StateStore::deleteAll);
    ResourceType flows = FlowType.type();
    AdaptorRegistry adaptors = AdaptorRegistry.load();
    Adaptors families = new Adaptors(adaptors);
    ResourceType exports = ExportType.type(families);
    ResourceType imports = ImportType.type(families);
    ResourceType connections = ConnectionType.type(families, adaptors);
    ResourceType integrations = IntegrationType.type(ids, flows);
    ResourceType scripts = ScriptType.type();
    service.onChange(connections, adaptors::connectionChanged);
    ScriptLogStore scriptLogs = new ScriptLogStore(db.jdbi(), clock);
    service.onDelete(ScriptLogStore::deleteAll);
    Scripts scriptRunner = ScriptStore.scripts(service, scripts, scriptLogs);
    ClusterSettings clusterSettings = ClusterSettings.fromEnv(System.getenv());
    String node = ids.next(); // this node's id: a new one at every start
    Runs r =
        runs(
            db,
            node,
            // On a shared store a connection's slots and pauses are the cluster's (D26); the
            // embedded store is one node's, which counts them in memory without a round trip.
            db.dialect() == io.tributary.store.Dialect.H2
                ? null
                : new ClusterSlots(db.jdbi(), node, Clock.systemUTC(), clusterSettings.deadAfter()),
            ids,
            clock,
            service,
            new Engine.Types(flows, exports, imports, connections, integrations),
            adaptors,
            Observers.both(
                metrics == null ? RunObserver.NONE : metrics.engine(),
                tracing == null ? RunObserver.NONE : tracing.engine()),
            scriptRunner,
            s.pageCheckpoints());
    Visibility visibility = new Visibility(db.jdbi());
    WebhookRoutes webhookRoutes = new WebhookRoutes(r.webhooks(), visibility);
    resourceRoutes.answering(exports, webhookRoutes::withUrl);
    Cluster cluster =
        new Cluster(
            db,
            r.jobs(),
            r.dispatcher(),
            clusterSettings.deadAfter(),
            r.clusterSlots() == null
                ? Cluster.Leases.NONE
                : Cluster.Leases.of(r.clusterSlots()::renew, r.clusterSlots()::free));
    Schedules schedules =
        new Schedules(
            db.dataSource(),
            db.dialect() == io.tributary.store.Dialect.H2,
            new ScheduleTicker(
                service,
                flows,
                r.runs(),
                r.autoRetries(),
                new Housekeeping(
                    r.errorActions(), s.resolvedErrorRetentionDays(), documents::sweepFiles),
                db.jdbi(),
                clock),
            clock);
    service.decorate(
        flows,
        flow -> {
          // The original's flows always carry disabled (D30); absent means enabled.
          if (!flow.has("disabled")) flow.put("disabled", false);
          return schedules.withNextRunAt(flow);
        });
    PeopleStore people = new PeopleStore(db.jdbi(), ids, clock);
    Sessions sessions = new Sessions(db.jdbi(), people, clock);
    Authenticator auth =
        new Authenticator(
            tokens,
            new RateLimiter(s.rateLimitBurst(), s.rateLimitPerSecond(), System::nanoTime),
            List.of(TemplateRoutes.PUBLIC, OpenApiRoutes.PUBLIC, WebhookRoutes.PUBLIC),
            new SessionCookie(sessions)::authenticate);

    PublicOrigin publicOrigin = PublicOrigin.of(s.publicUrl(), s.trustedProxies());
    AccessPolicy policy = new AccessPolicy();
    if (metricsSettings.publicAccess()) policy.open(MetricsRoutes.ROUTE);
    Guard guard = new Guard(policy, visibility);
    Javalin web =
        Javalin.create(
            c -> {
              configure(c);
              c.router.handlerWrapper(guard);
              if (metrics != null) {
                metrics.install(c);
                metrics.pool(db.dataSource());
                metrics.openErrors(db.jdbi());
                metrics.storeStatements(db.statements());
                new MetricsRoutes(metrics, metricsSettings.publicAccess(), auth::authenticate)
                    .register(c.routes);
              }
              c.routes.before(
                  ctx -> {
                    ctx.attribute(PublicOrigin.ATTRIBUTE, publicOrigin);
                    String length = ctx.header("Content-Length");
                    if (length != null
                        && length.matches("\\d+")
                        && Long.parseLong(length) > MAX_BODY_BYTES) {
                      throw new Problem.TooLarge("The request body is larger than 5 MB.");
                    }
                    auth.check(ctx);
                    BodyGuard.check(ctx);
                  });
              StoreHealth health = new StoreHealth(db);
              c.routes.get(
                  "/health",
                  ctx -> {
                    StoreHealth.Status st = health.check();
                    String status = st.up() ? "ok" : "unavailable";
                    ctx.status(st.up() ? 200 : 503)
                        .json(
                            Map.of(
                                "status",
                                status,
                                "store",
                                Map.of("type", st.type(), "status", status)));
                  });
              new OpenApiRoutes(VERSION).register(c.routes);
              new TokenRoutes(db.jdbi(), tokens, audit, clock, s.apiToken()).register(c.routes);
              new AuditRoutes(audit).register(c.routes);
              new PeopleRoutes(people, audit).register(c.routes);
              new StateRoutes(state, db.jdbi()).register(c.routes);
              new SignInRoutes(people, sessions, new Passwords(), clock).register(c.routes);
              resourceRoutes.register(c.routes, flows, true);
              for (ResourceType t : List.of(exports, imports, connections, integrations, scripts)) {
                resourceRoutes.register(c.routes, t, false);
              }
              new IntegrationRoutes(service, resourceRoutes)
                  .register(c.routes, integrations, flows, exports, imports, connections);
              new FlowRunRoutes(
                      r.runs(),
                      r.runKeys(),
                      r.signals(),
                      r.jobs(),
                      r.views(),
                      r.delta(),
                      service,
                      flows)
                  .register(c.routes);
              new ScheduleRoutes(schedules, service, flows).register(c.routes);
              new JobRoutes(
                      r.jobs(),
                      r.views(),
                      r.runs()::cancel,
                      id -> service.find(integrations, id).isPresent())
                  .register(c.routes);
              new ConnectionRoutes(r.pings()).register(c.routes);
              new ScriptLogRoutes(scriptLogs, service, scripts).register(c.routes);
              new ClusterRoutes(cluster).register(c.routes);
              new InvokeRoutes(r.invocations()).register(c.routes);
              webhookRoutes.register(c.routes);
              Kinds kinds = new Kinds(flows, exports, imports, connections, integrations, scripts);
              new FlowOpsRoutes(
                      new Cloner(service, kinds),
                      new FlowOps(service, kinds),
                      kinds,
                      r.runs()::cancelActive)
                  .register(c.routes);
              new TemplateRoutes(service, kinds, cipher, db.jdbi(), ids, clock).register(c.routes);
              new ErrorRoutes(new ErrorQueries(db.jdbi()), r.errorActions(), r.runs()::retry)
                  .register(c.routes);
            });
    r.webhooks().start(); // records left in the inbox by a stopped node are taken again
    web.start(s.host(), s.port());
    cluster.start(web.port()); // then jobs of stopped nodes resume, queued ones start
    schedules.start();
    return new App(
        db,
        r.dispatcher(),
        r.engine(),
        cluster,
        r.clusterSlots(),
        clusterSettings,
        schedules,
        web,
        generated,
        metrics,
        adaptors,
        scriptRunner,
        r.webhooks(),
        tracing);
  }

  /**
   * The run machinery: stores, dispatcher, run requests and the engine they dispatch to. The engine
   * chains flows through the run service, and the dispatcher runs jobs through the engine.
   */
  private static Runs runs(
      Database db,
      String node,
      ClusterSlots clusterSlots,
      Ids ids,
      Clock clock,
      ResourceService service,
      Engine.Types types,
      AdaptorRegistry adaptors,
      RunObserver observer,
      Scripts scripts,
      boolean pageCheckpoints) {
    JobStore jobs = new JobStore(db.jdbi(), ids, clock);
    ErrorActions errorActions = new ErrorActions(db.jdbi(), clock);
    DeltaStore delta = new DeltaStore(db.jdbi());
    JobSignals signals = new JobSignals();
    Dispatcher dispatcher = new Dispatcher(jobs, signals, node);
    RunService runs = new RunService(service, types.flows(), jobs, dispatcher, errorActions, ids);
    Webhooks webhooks =
        new Webhooks(
            db.jdbi(),
            db.dialect() == io.tributary.store.Dialect.H2,
            clock,
            service,
            types.exports(),
            types.flows(),
            runs,
            jobs);
    HandlebarsTemplating templating = new HandlebarsTemplating(new Templates(clock));
    ConnectionThrottles throttles = new ConnectionThrottles(clock, observer, clusterSlots);
    Engine engine =
        new Engine(
            new Engine.Stores(
                jobs,
                new CheckpointStore(
                    db.jdbi(), ids, clock, db.dialect() == io.tributary.store.Dialect.H2),
                new ErrorStore(db.jdbi(), ids, clock),
                errorActions,
                delta),
            service,
            types,
            adaptors,
            templating,
            throttles,
            (flowId, next) -> chain(runs, flowId, next),
            dispatcher::abandoned,
            observer,
            scripts,
            clock,
            webhooks,
            node,
            pageCheckpoints);
    dispatcher.runner(engine::run);
    return new Runs(
        jobs,
        new JobViews(jobs),
        errorActions,
        delta,
        signals,
        dispatcher,
        engine,
        runs,
        new RunKeys(db.jdbi(), ids, clock),
        new AutoRetries(errorActions, runs),
        new ConnectionPings(service, types.connections(), adaptors, templating, throttles, clock),
        new Invocations(service, types, adaptors, templating, throttles, clock),
        webhooks,
        clusterSlots);
  }

  /**
   * Starts the flows a completed flow names in {@code _runNextFlowIds}; one that cannot start does
   * not stop the others.
   */
  private static void chain(RunService runs, String flowId, List<String> next) {
    for (String id : next) {
      try {
        runs.run(id, RunRequest.NONE, Actor.system());
      } catch (RuntimeException e) {
        LOG.warn("flow {} could not start chained flow {}: {}", flowId, id, e.getMessage());
      }
    }
  }

  private static void configure(JavalinConfig c) {
    c.startup.showJavalinBanner = false;
    c.startup.showOldJavalinVersionWarning = false;
    c.concurrency.useVirtualThreads = true;
    c.http.maxRequestSize = MAX_BODY_BYTES;
    c.jsonMapper(new JavalinJackson(Json.MAPPER, true));
    ErrorMapper.install(c);
    WebUi.install(c);
  }

  /** The store, for operational tools and for tests that check what is at rest. */
  public Database database() {
    return db;
  }

  public Schedules schedules() {
    return schedules;
  }

  /** Every HTTP route registered, as "METHOD path" (the access walk test covers each). */
  public List<String> routes() {
    return web.unsafe.internalRouter.allHttpHandlers().stream()
        .filter(e -> e.endpoint.method.isHttpMethod())
        .map(e -> e.endpoint.method.name() + " " + e.endpoint.path)
        .toList();
  }

  public int port() {
    return web.port();
  }

  /**
   * The admin token generated at this start (first start without TRIBUTARY_API_TOKEN), else null.
   */
  public String generatedAdminToken() {
    return generatedAdminToken;
  }

  /**
   * A clean stop (SIGTERM, D26): the API stops, no new job is claimed here, running jobs finish
   * their pages in flight within the grace period and are handed over at their checkpoint, and the
   * node leaves the cluster table. No job stays running owned by this node.
   */
  @Override
  public void close() {
    web.stop();
    webhooks.close();
    dispatcher.stopAccepting();
    schedules.close();
    engine.handOverAll(clusterSettings.shutdownGrace().toMillis());
    dispatcher.close(); // a job claimed but not started yet stops here
    dispatcher.releaseAll(); // and goes back to the queue with any other this node still owned
    closeClusterSlots(); // no request runs here any more: other nodes may have its slots now
    cluster.close();
    adaptors.close(); // after the dispatcher: no job calls an adaptor any more
    scripts.close(); // after the dispatcher: no job calls a script any more
    db.close();
    if (metrics != null) metrics.close();
    if (tracing != null) tracing.close(); // after the dispatcher: the last spans are sent
  }

  private void closeClusterSlots() {
    if (clusterSlots == null) return;
    try {
      clusterSlots.close();
    } catch (RuntimeException e) { // their leases expire
      LOG.warn("could not free this node's connection slots: {}", e.getMessage());
    }
  }
}
