package io.tributary.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.Times;
import io.tributary.jobs.JobStore;
import io.tributary.runs.Dispatcher;
import io.tributary.store.Database;
import io.tributary.store.Dialect;
import io.tributary.web.Json;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process as a node of the cluster (D26). Every node sharing the store registers a row and
 * heartbeats it every few seconds; a node silent for {@link #deadAfter} is dead, and so is a node
 * whose database session ended ({@link NodeLocks}: a killed process is found in seconds, not after
 * the silence). Every node also sweeps: the running jobs of dead nodes go back to the queue (a
 * conditional update under {@code FOR UPDATE SKIP LOCKED}, so two sweeping nodes never both take
 * one), and queued jobs are claimed — the flow row lock of {@link JobStore#claimNext} makes one
 * node win each. There is no leader and no consensus of our own: the database's row locks decide.
 *
 * <p>A job is fenced by its owner column: a node that was found dead while it was merely slow finds
 * at its next checkpoint that it no longer owns the job, and stops without ending it.
 */
public final class Cluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);
  static final Duration HEARTBEAT = Duration.ofSeconds(3);
  private static final Duration FORGET_AFTER = Duration.ofDays(1);
  private final ClusterNodes nodes;
  private final JobStore jobs;
  private final Dispatcher dispatcher;
  private final Clock clock;
  private final Duration deadAfter;
  private final String id;
  private final String host;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("cluster").unstarted(r));
  private final boolean exclusive;
  private final NodeLocks locks; // null on the embedded store: one process, nothing to detect
  private Set<String> unlockedBefore = Set.of(); // the sweep's first look, confirmed by the next
  private final Leases leases;
  private volatile int port;

  /**
   * What a node leases in the store for as long as it lives (connection slots): the leases run out
   * when it stops renewing them, so a dead node's come back.
   */
  public interface Leases {
    /** Extends this node's leases; called on each heartbeat. */
    void renew();

    /** Frees what earlier lives of this node held: they cannot be running any more. */
    void free(List<String> nodes);

    Leases NONE = of(() -> {}, nodes -> {});

    static Leases of(Runnable renew, java.util.function.Consumer<List<String>> free) {
      return new Leases() {
        @Override
        public void renew() {
          renew.run();
        }

        @Override
        public void free(List<String> nodes) {
          free.accept(nodes);
        }
      };
    }
  }

  /**
   * On the embedded H2 store the cluster is this process alone (its file lock), so every job
   * running at start was left by an earlier life. {@code deadAfter}: how long a node may stay
   * silent; {@code leases}: what this node holds in the store besides its jobs.
   */
  public Cluster(
      Database db, JobStore jobs, Dispatcher dispatcher, Duration deadAfter, Leases leases) {
    Jdbi jdbi = db.jdbi();
    this.nodes = new ClusterNodes(jdbi);
    this.jobs = jobs;
    this.dispatcher = dispatcher;
    this.exclusive = db.dialect() == Dialect.H2;
    this.clock = Clock.systemUTC(); // liveness is wall time, whatever clock the app runs on
    this.deadAfter = deadAfter;
    this.leases = leases;
    this.id = dispatcher.node();
    this.host = hostName();
    this.locks = exclusive ? null : new NodeLocks(db::openSession, jdbi, id);
  }

  /**
   * Joins: registers this node, hands back to the queue the jobs of this node's earlier lives (same
   * host and port: a restart after {@code kill -9} resumes them at once) and of dead nodes, then
   * heartbeats and sweeps every {@link #HEARTBEAT}.
   */
  public void start(int boundPort) {
    this.port = boundPort;
    if (locks != null) locks.hold(); // before the row: a registered node without it is dead
    long now = clock.millis();
    nodes.register(new ClusterNodes.Row(id, host, port, now, now));
    List<String> previous = nodes.previous(id, host, port);
    // The embedded store is one process's (its file lock): whatever ran before ran here.
    long deadBefore = exclusive ? Long.MAX_VALUE : now - deadAfter.toMillis();
    List<String> released = dispatcher.recover(deadBefore, previous);
    if (!released.isEmpty())
      LOG.info("node {}: {} job(s) of stopped nodes queued to resume", id, released.size());
    if (!previous.isEmpty()) leases.free(previous);
    nodes.remove(previous);
    long period = HEARTBEAT.toMillis();
    timer.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
  }

  private void beat() {
    try {
      long now = clock.millis();
      if (!nodes.heartbeat(id, now)) {
        LOG.warn("node {}: its row was gone; registering again", id);
        nodes.register(new ClusterNodes.Row(id, host, port, now, now));
      }
      renew();
      if (locks != null) locks.hold();
      List<String> gone = deadByLock();
      if (!gone.isEmpty()) {
        LOG.warn("node(s) {}: their database session ended; taking over their jobs", gone);
        leases.free(gone); // their connection slots too, not only after the leases run out
        nodes.remove(gone); // a node that is alive after all registers again at its heartbeat
      }
      dispatcher.recover(now - deadAfter.toMillis(), gone);
      nodes.forgetBefore(now - FORGET_AFTER.toMillis());
    } catch (RuntimeException e) {
      LOG.warn("node {}: heartbeat or sweep failed: {}", id, e.getMessage());
    }
  }

  /**
   * The other nodes whose liveness lock was free at this sweep and at the one before (3 s apart): a
   * live node that lost its connection for a moment has taken its lock again by then.
   */
  private List<String> deadByLock() {
    if (locks == null) return List.of();
    List<String> others = new ArrayList<>();
    for (ClusterNodes.Row n : nodes.all()) if (!n.id().equals(id)) others.add(n.id());
    Set<String> unlocked = locks.unlocked(others);
    List<String> gone = new ArrayList<>();
    for (String n : unlocked) if (unlockedBefore.contains(n)) gone.add(n);
    unlockedBefore = unlocked;
    return gone;
  }

  /** On its own: a sweep that fails must not let the leases run out, nor the reverse. */
  private void renew() {
    try {
      leases.renew();
    } catch (RuntimeException e) {
      LOG.warn("node {}: could not renew its leases: {}", id, e.getMessage());
    }
  }

  public String id() {
    return id;
  }

  /** The nodes as {@code GET /v1/cluster} answers them. */
  public List<ObjectNode> describe() {
    Map<String, Long> running = jobs.runningByNode();
    long live = clock.millis() - deadAfter.toMillis();
    List<ObjectNode> out = new ArrayList<>();
    for (ClusterNodes.Row n : nodes.all()) {
      out.add(
          Json.object()
              .put("_id", n.id())
              .put("host", n.host() + ":" + n.port())
              .put("startedAt", Times.iso(n.startedAt()))
              .put("lastHeartbeatAt", Times.iso(n.lastHeartbeatAt()))
              .put("live", n.lastHeartbeatAt() >= live)
              .put("runningJobs", running.getOrDefault(n.id(), 0L)));
    }
    return out;
  }

  /**
   * Leaves the cluster after a clean stop: the jobs were handed over already; the row goes so that
   * no one waits for this node.
   */
  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
      nodes.remove(List.of(id));
      if (locks != null) locks.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("node {}: could not leave the cluster table: {}", id, e.getMessage());
    }
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "localhost";
    }
  }
}
