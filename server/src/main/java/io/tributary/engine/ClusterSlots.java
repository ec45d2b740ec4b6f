package io.tributary.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;

/**
 * The SQL of a connection's request slots shared by the nodes of a cluster (D26, PostgreSQL only).
 * A slot is a row of {@code connection_slots}; a node leases a free one for each request with one
 * statement whose {@code FOR UPDATE SKIP LOCKED} lets no two nodes take the same row, and frees it
 * after. A lease lasts {@code leaseFor} (the dead-node threshold) and this node renews the leases
 * it holds on each cluster heartbeat, so the slots of a killed node come back when it counts as
 * dead. The same statement reads the connection's shared 429 pause and takes no slot during it.
 *
 * <p>The statements of each request commit without waiting for the WAL flush ({@link #NO_FLUSH}): a
 * lease is soft state, and the flush was 90% of their cost (0.7-1.1 ms for a take and a give
 * against 0.07-0.11 ms without, pgbench on the local PostgreSQL). What a crash of PostgreSQL can
 * lose is the last few milliseconds of takes and gives: a slot then counts free (its request ends
 * soon) or leased (its lease expires).
 */
public final class ClusterSlots implements AutoCloseable {
  /** What a take found: the slot leased ({@code -1}: none) and the pause in force (0: none). */
  record Taken(int slot, long lease, long pausedUntil) {
    boolean leased() {
      return slot >= 0;
    }
  }

  /** Lets the transaction of the statement commit without waiting for its WAL flush. */
  private static final String NO_FLUSH =
      "no_flush as (select set_config('synchronous_commit', 'off', true))";

  private static final String TAKE =
      """
      with %s, pause as (
        select paused_until from connection_pauses
        where connection_id = :c and paused_until > :now
      ), free as (
        select slot from connection_slots
        where connection_id = :c and slot < :level and expires_at <= :leaseNow
          and not exists (select 1 from pause)
        limit 1
        for update skip locked
      ), taken as (
        update connection_slots s set node_id = :node, lease = :lease, expires_at = :expires
        from free where s.connection_id = :c and s.slot = free.slot
        returning s.slot
      )
      select (select slot from taken), (select paused_until from pause) from no_flush
      """
          .formatted(NO_FLUSH);

  private static final String GIVE =
      """
      with %s, given as (
        update connection_slots set node_id = null, lease = null, expires_at = 0
        where connection_id = :c and slot = :slot and node_id = :node and lease = :lease
        returning slot
      )
      select count(*) from given, no_flush
      """
          .formatted(NO_FLUSH);

  private final Jdbi jdbi;
  private final String node;
  private final Clock leaseClock;
  private final long leaseMillis;
  private final AtomicLong leases = new AtomicLong();
  private final Set<Long> held = ConcurrentHashMap.newKeySet();

  /**
   * {@code node}: this node's id; {@code leaseClock}: wall time, as node liveness is; {@code
   * leaseFor}: how long a lease outlives its node's last renewal.
   */
  public ClusterSlots(Jdbi jdbi, String node, Clock leaseClock, Duration leaseFor) {
    this.jdbi = jdbi;
    this.node = node;
    this.leaseClock = leaseClock;
    this.leaseMillis = leaseFor.toMillis();
  }

  /** Makes sure the rows of slots 0 .. level-1 exist (once per level a node sees). */
  void prepare(String connectionId, int level) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "insert into connection_slots (connection_id, slot, expires_at) "
                        + "select :c, s, 0 from generate_series(0, :level - 1) s "
                        + "on conflict do nothing")
                .bind("c", connectionId)
                .bind("level", level)
                .execute());
  }

  /**
   * Leases a free slot below {@code level} unless the connection is paused at {@code now} (the
   * engine's clock, which the pauses are written in): one round trip.
   */
  Taken take(String connectionId, int level, long now) {
    long lease = leases.incrementAndGet();
    held.add(lease); // before the row can exist: a heartbeat in between renews it
    long leaseNow = leaseClock.millis();
    try {
      Taken taken =
          jdbi.withHandle(
              h ->
                  h.createQuery(TAKE)
                      .bind("c", connectionId)
                      .bind("level", level)
                      .bind("now", now)
                      .bind("leaseNow", leaseNow)
                      .bind("node", node)
                      .bind("lease", lease)
                      .bind("expires", leaseNow + leaseMillis)
                      .map(
                          (rs, ctx) -> {
                            int slot = rs.getInt(1);
                            if (rs.wasNull()) slot = -1;
                            return new Taken(slot, lease, rs.getLong(2));
                          })
                      .one());
      if (!taken.leased()) held.remove(lease);
      return taken;
    } catch (RuntimeException e) {
      held.remove(lease);
      throw e;
    }
  }

  /** Frees a slot this node leased (a no-op if its lease was taken back meanwhile). */
  void give(String connectionId, Taken taken) {
    held.remove(taken.lease());
    jdbi.useHandle(
        h ->
            h.createQuery(GIVE)
                .bind("c", connectionId)
                .bind("slot", taken.slot())
                .bind("node", node)
                .bind("lease", taken.lease())
                .mapTo(Long.class)
                .one());
  }

  /** Pauses the connection on every node until {@code until}, unless a later pause holds. */
  void pause(String connectionId, long until) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "insert into connection_pauses (connection_id, paused_until) "
                        + "values (:c, :until) on conflict (connection_id) do update "
                        + "set paused_until = greatest(connection_pauses.paused_until, "
                        + "excluded.paused_until)")
                .bind("c", connectionId)
                .bind("until", until)
                .execute());
  }

  /**
   * Extends the leases this node holds (on each cluster heartbeat). A lease whose give failed is
   * not held any more: it is not renewed, and expires.
   */
  public void renew() {
    Long[] ids = held.toArray(Long[]::new);
    if (ids.length == 0) return;
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "update connection_slots set expires_at = :expires "
                        + "where node_id = :node and lease = any(:leases)")
                .bind("expires", leaseClock.millis() + leaseMillis)
                .bind("node", node)
                .bindArray("leases", Long.class, (Object[]) ids)
                .execute());
  }

  /** A clean stop frees every slot of this node at once (its requests have ended). */
  @Override
  public void close() {
    held.clear();
    free(List.of(node));
  }

  /** Frees every slot these nodes hold: this one at a clean stop, its earlier lives at start. */
  public void free(List<String> nodes) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "update connection_slots set node_id = null, lease = null, expires_at = 0 "
                        + "where node_id in (<nodes>)")
                .bindList("nodes", nodes)
                .execute());
  }
}
