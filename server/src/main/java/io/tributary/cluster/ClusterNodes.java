package io.tributary.cluster;

import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The SQL of the node table: who is in the cluster and when each was last heard from. */
final class ClusterNodes {
  private final Jdbi jdbi;

  /** One row: a node as it registered, and its last heartbeat (epoch millis). */
  record Row(String id, String host, int port, long startedAt, long lastHeartbeatAt) {}

  ClusterNodes(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  void register(Row node) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "insert into cluster_nodes (id, host, port, started_at, last_heartbeat_at) "
                        + "values (:id, :host, :port, :started, :beat)")
                .bind("id", node.id())
                .bind("host", node.host())
                .bind("port", node.port())
                .bind("started", node.startedAt())
                .bind("beat", node.lastHeartbeatAt())
                .execute());
  }

  /** Answers false when the row is gone (removed as long dead): the node registers again. */
  boolean heartbeat(String id, long now) {
    return jdbi.withHandle(
            h ->
                h.createUpdate("update cluster_nodes set last_heartbeat_at = :now where id = :id")
                    .bind("id", id)
                    .bind("now", now)
                    .execute())
        > 0;
  }

  /** Earlier lives of a node on the same host and port: they cannot be running any more. */
  List<String> previous(String id, String host, int port) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select id from cluster_nodes where host = :host and port = :port and id <> :id")
                .bind("host", host)
                .bind("port", port)
                .bind("id", id)
                .mapTo(String.class)
                .list());
  }

  List<Row> all() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select id, host, port, started_at, last_heartbeat_at from cluster_nodes "
                        + "order by started_at, id")
                .map(
                    (rs, ctx) ->
                        new Row(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getInt(3),
                            rs.getLong(4),
                            rs.getLong(5)))
                .list());
  }

  void remove(List<String> ids) {
    if (ids.isEmpty()) return;
    jdbi.useHandle(
        h ->
            h.createUpdate("delete from cluster_nodes where id in (<ids>)")
                .bindList("ids", ids)
                .execute());
  }

  /** Forgets nodes silent for long (a day): their jobs were taken over long ago. */
  void forgetBefore(long before) {
    jdbi.useHandle(
        h ->
            h.createUpdate("delete from cluster_nodes where last_heartbeat_at < :before")
                .bind("before", before)
                .execute());
  }
}
