package io.tributary.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL's own word on which nodes are alive. Each node holds a session-level advisory lock,
 * keyed by its id, on a connection of its own for as long as it runs. When a node's process dies
 * ({@code kill -9}, a crash, the machine gone), PostgreSQL ends its session and frees the lock at
 * once, instead of after the 30 s of silence the heartbeat rule waits for; so a node whose lock is
 * free is dead, and its jobs can be taken over within seconds. A node that is merely hung keeps its
 * session and is left to the heartbeat rule.
 *
 * <p>The lock is only a hint in one direction: a free lock can also mean that a live node lost its
 * connection for a moment. The sweep therefore waits for a second look, the node takes its lock
 * again at its next heartbeat, and the jobs stay fenced by their owner column in any case (a node
 * that loses a job stops it at its next checkpoint).
 */
final class NodeLocks implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeLocks.class);

  /** The first key of every node lock ("TRIB"), so that they cannot clash with other users'. */
  static final int NAMESPACE = 0x54524942;

  /** Opens a connection outside the pool: a pooled one would keep the lock when given back. */
  interface Sessions {
    Connection open() throws SQLException;
  }

  private final Sessions sessions;
  private final Jdbi jdbi;
  private final String node;
  private Connection held;

  NodeLocks(Sessions sessions, Jdbi jdbi, String node) {
    this.sessions = sessions;
    this.jdbi = jdbi;
    this.node = node;
  }

  /** The second key: ids differ, and a clash only makes a dead node look alive (the safe side). */
  static long key(String nodeId) {
    return nodeId.hashCode() & 0xffffffffL; // pg_locks shows it as an unsigned oid
  }

  /**
   * Takes this node's lock, or checks that it still holds it and takes it again on a new connection
   * when the old one broke. Answers whether the lock is held now.
   */
  synchronized boolean hold() {
    try {
      if (held != null && held.isValid(2)) return true;
      closeQuietly();
      held = sessions.open();
      try (PreparedStatement st = held.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
        st.setInt(1, NAMESPACE);
        st.setInt(2, (int) key(node));
        try (ResultSet rs = st.executeQuery()) {
          if (rs.next() && rs.getBoolean(1)) return true;
        }
      }
      // The old session may still be ending; try again at the next heartbeat.
      LOG.warn("node {}: its liveness lock is held by another session; will try again", node);
      closeQuietly();
      return false;
    } catch (SQLException e) {
      LOG.warn("node {}: could not take its liveness lock: {}", node, e.getMessage());
      closeQuietly();
      return false;
    }
  }

  /** Of the nodes given, those whose lock no session of this database holds. */
  Set<String> unlocked(List<String> nodes) {
    Set<Long> locked =
        new HashSet<>(
            jdbi.withHandle(
                h ->
                    h.createQuery(
                            "select objid::bigint from pg_locks where locktype = 'advisory' "
                                + "and granted and classid::bigint = :ns and objsubid = 2 and database = "
                                + "(select oid from pg_database where datname = current_database())")
                        .bind("ns", (long) NAMESPACE)
                        .mapTo(Long.class)
                        .list()));
    Set<String> out = new HashSet<>();
    for (String n : nodes) if (!locked.contains(key(n))) out.add(n);
    return out;
  }

  /** Gives the lock back (a clean stop): closing the session frees it. */
  @Override
  public synchronized void close() {
    closeQuietly();
  }

  private void closeQuietly() {
    if (held == null) return;
    try {
      held.close();
    } catch (SQLException e) {
      // the session is gone either way
    }
    held = null;
  }
}
