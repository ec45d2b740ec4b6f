package io.tributary.store;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Small facts about the installation itself (owner user id, master key fingerprint). */
public final class Meta {
  private final Jdbi jdbi;

  public Meta(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public Optional<String> get(String key) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select v from meta where k = :k")
                .bind("k", key)
                .mapTo(String.class)
                .findOne());
  }

  /**
   * Stores {@code value} unless the key is already set (another node may have won); answers the
   * value in force.
   */
  public String putIfAbsent(String key, String value) {
    return jdbi.inTransaction(
        h -> {
          Optional<String> existing =
              h.createQuery("select v from meta where k = :k for update")
                  .bind("k", key)
                  .mapTo(String.class)
                  .findOne();
          if (existing.isPresent()) return existing.get();
          h.createUpdate("insert into meta (k, v) values (:k, :v)")
              .bind("k", key)
              .bind("v", value)
              .execute();
          return value;
        });
  }
}
