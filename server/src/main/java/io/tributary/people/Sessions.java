package io.tributary.people;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Server-side sessions of signed-in people. The cookie carries 256 random bits; only their SHA-256
 * is stored, so a copy of the database signs no one in. A session ends after {@link #IDLE} without
 * a request, and after {@link #ABSOLUTE} however busy it is.
 */
public final class Sessions {
  public static final Duration IDLE = Duration.ofMinutes(30);
  public static final Duration ABSOLUTE = Duration.ofHours(12);
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Jdbi jdbi;
  private final PeopleStore people;
  private final Clock clock;

  public Sessions(Jdbi jdbi, PeopleStore people, Clock clock) {
    this.jdbi = jdbi;
    this.people = people;
    this.clock = clock;
  }

  /** A new session: the cookie value (secret) and its CSRF token (shown to the page). */
  public record Opened(String cookie, String csrfToken) {}

  /** A live session: who, and the CSRF token state-changing requests must echo. */
  public record Live(Person person, String csrfToken, long createdAt) {}

  public Opened open(String personId) {
    long now = clock.millis();
    String cookie = random();
    String csrf = random();
    jdbi.useTransaction(
        h -> {
          // Expired sessions of anyone are swept here, so the table does not grow with abandoned
          // ones.
          h.createUpdate("delete from sessions where last_seen_at <= :idle or created_at <= :abs")
              .bind("idle", now - IDLE.toMillis())
              .bind("abs", now - ABSOLUTE.toMillis())
              .execute();
          h.createUpdate(
                  "insert into sessions (id_hash, person_id, csrf_token, created_at, last_seen_at) values (:id, :p, :csrf, :now, :now)")
              .bind("id", PeopleStore.sha256(cookie))
              .bind("p", personId)
              .bind("csrf", csrf)
              .bind("now", now)
              .execute();
        });
    return new Opened(cookie, csrf);
  }

  /**
   * The session of this cookie value if it is live and its person not disabled; a use keeps it from
   * idling out.
   */
  public Optional<Live> use(String cookie) {
    if (cookie == null || cookie.isBlank()) return Optional.empty();
    String id = PeopleStore.sha256(cookie);
    long now = clock.millis();
    return jdbi.inTransaction(
        h -> {
          Optional<Row> row =
              h.createQuery(
                      "select person_id, csrf_token, created_at, last_seen_at from sessions where id_hash = :id")
                  .bind("id", id)
                  .map(
                      (rs, ctx) ->
                          new Row(
                              rs.getString("person_id"),
                              rs.getString("csrf_token"),
                              rs.getLong("created_at"),
                              rs.getLong("last_seen_at")))
                  .findOne();
          if (row.isEmpty()) return Optional.<Live>empty();
          Row r = row.get();
          if (r.lastSeenAt() + IDLE.toMillis() <= now
              || r.createdAt() + ABSOLUTE.toMillis() <= now) {
            h.createUpdate("delete from sessions where id_hash = :id").bind("id", id).execute();
            return Optional.<Live>empty();
          }
          Optional<Person> person = people.get(h, r.personId()).filter(p -> !p.disabled());
          if (person.isPresent()) {
            h.createUpdate("update sessions set last_seen_at = :now where id_hash = :id")
                .bind("id", id)
                .bind("now", now)
                .execute();
          }
          return person.map(p -> new Live(p, r.csrfToken(), r.createdAt()));
        });
  }

  /** Signs out: the session stops working at once. */
  public void close(String cookie) {
    if (cookie == null || cookie.isBlank()) return;
    jdbi.useHandle(
        h ->
            h.createUpdate("delete from sessions where id_hash = :id")
                .bind("id", PeopleStore.sha256(cookie))
                .execute());
  }

  private record Row(String personId, String csrfToken, long createdAt, long lastSeenAt) {}

  private static String random() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
