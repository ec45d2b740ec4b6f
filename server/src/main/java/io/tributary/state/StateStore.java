package io.tributary.state;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Keys and their JSON values (as text) per owner: {@link #ACCOUNT} or a resource's id. */
public final class StateStore {
  public static final String ACCOUNT = "";
  private final Jdbi jdbi;
  private final Clock clock;

  public StateStore(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  public List<String> keys(String owner) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select k from state_values where owner_id = :o order by k")
                .bind("o", owner)
                .mapTo(String.class)
                .list());
  }

  public Optional<String> get(String owner, String key) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select v from state_values where owner_id = :o and k = :k")
                .bind("o", owner)
                .bind("k", key)
                .mapTo(String.class)
                .findOne());
  }

  /** Stores the value; answers true when the key is new. */
  public boolean put(String owner, String key, String json) {
    long now = clock.millis();
    return jdbi.inTransaction(
        h -> {
          int updated =
              h.createUpdate(
                      "update state_values set v = :v, updated_at = :now where owner_id = :o and k = :k")
                  .bind("o", owner)
                  .bind("k", key)
                  .bind("v", json)
                  .bind("now", now)
                  .execute();
          if (updated > 0) return false;
          h.createUpdate(
                  "insert into state_values (owner_id, k, v, updated_at) values (:o, :k, :v, :now)")
              .bind("o", owner)
              .bind("k", key)
              .bind("v", json)
              .bind("now", now)
              .execute();
          return true;
        });
  }

  public boolean delete(String owner, String key) {
    return jdbi.withHandle(
            h ->
                h.createUpdate("delete from state_values where owner_id = :o and k = :k")
                    .bind("o", owner)
                    .bind("k", key)
                    .execute())
        > 0;
  }

  public void deleteAll(String owner) {
    jdbi.useHandle(h -> deleteAll(h, owner));
  }

  /** Inside a caller's transaction: a deleted resource takes its state with it. */
  public static void deleteAll(Handle h, String owner) {
    h.createUpdate("delete from state_values where owner_id = :o").bind("o", owner).execute();
  }
}
