package io.tributary.people;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.Ids;
import io.tributary.web.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** People and their one-time password links; the SQL is here. */
public final class PeopleStore {
  /** How long a link to set a password works. */
  public static final Duration LINK_LIFETIME = Duration.ofHours(72);

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String COLUMNS =
      "id, user_id, email, password_hash is not null as accepted, last_sign_in, created_at, last_modified, doc";
  private final Jdbi jdbi;
  private final Ids ids;
  private final Clock clock;

  public PeopleStore(Jdbi jdbi, Ids ids, Clock clock) {
    this.jdbi = jdbi;
    this.ids = ids;
    this.clock = clock;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public Person insert(Handle h, String email, ObjectNode doc) {
    String id = ids.next();
    long now = clock.millis();
    h.createUpdate(
            "insert into people (id, user_id, email, created_at, last_modified, doc) values (:id, :user, :email, :now, :now, :doc)")
        .bind("id", id)
        .bind("user", ids.next())
        .bind("email", email)
        .bind("now", now)
        .bind("doc", Json.write(doc))
        .execute();
    return get(h, id).orElseThrow();
  }

  public void update(Handle h, String id, ObjectNode doc) {
    h.createUpdate("update people set doc = :doc, last_modified = :now where id = :id")
        .bind("id", id)
        .bind("doc", Json.write(doc))
        .bind("now", clock.millis())
        .execute();
  }

  /** Removes the person with their links and sessions. */
  public void delete(Handle h, String id) {
    h.createUpdate("delete from sessions where person_id = :id").bind("id", id).execute();
    h.createUpdate("delete from password_links where person_id = :id").bind("id", id).execute();
    h.createUpdate("delete from people where id = :id").bind("id", id).execute();
  }

  public List<Person> list() {
    return jdbi.withHandle(
        h ->
            h.createQuery("select " + COLUMNS + " from people order by id")
                .map(PeopleStore::person)
                .list());
  }

  public Optional<Person> get(String id) {
    return jdbi.withHandle(h -> get(h, id));
  }

  Optional<Person> get(Handle h, String id) {
    if (!Ids.isId(id)) return Optional.empty();
    return h.createQuery("select " + COLUMNS + " from people where id = :id")
        .bind("id", id)
        .map(PeopleStore::person)
        .findOne();
  }

  public boolean emailTaken(Handle h, String email) {
    return h.createQuery("select count(*) from people where email = :e")
            .bind("e", email)
            .mapTo(Long.class)
            .one()
        > 0;
  }

  /** The person with this email and their password hash (null until they set one). */
  public Optional<Credentials> credentials(String email) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select " + COLUMNS + ", password_hash from people where email = :e")
                .bind("e", email)
                .map((rs, ctx) -> new Credentials(person(rs, ctx), rs.getString("password_hash")))
                .findOne());
  }

  public record Credentials(Person person, String passwordHash) {}

  public void signedIn(String id) {
    jdbi.useHandle(
        h ->
            h.createUpdate("update people set last_sign_in = :now where id = :id")
                .bind("id", id)
                .bind("now", clock.millis())
                .execute());
  }

  public record Link(String token, long expiresAt) {}

  /** A new one-time link for the person; earlier unused links stop working. */
  public Link newLink(Handle h, String personId) {
    long now = clock.millis();
    h.createUpdate("delete from password_links where person_id = :p").bind("p", personId).execute();
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    long expires = now + LINK_LIFETIME.toMillis();
    h.createUpdate(
            "insert into password_links (token_hash, person_id, expires_at) values (:hash, :p, :exp)")
        .bind("hash", sha256(token))
        .bind("p", personId)
        .bind("exp", expires)
        .execute();
    return new Link(token, expires);
  }

  /**
   * Uses a link once: marks it used and answers its person, or empty when it is unknown, used or
   * expired. The conditional update makes two concurrent uses of one link succeed once.
   */
  public Optional<String> useLink(Handle h, String token) {
    if (token == null || token.isBlank()) return Optional.empty();
    String hash = sha256(token);
    long now = clock.millis();
    int claimed =
        h.createUpdate(
                "update password_links set used_at = :now where token_hash = :hash and used_at is null and expires_at > :now")
            .bind("hash", hash)
            .bind("now", now)
            .execute();
    if (claimed == 0) return Optional.empty();
    return h.createQuery("select person_id from password_links where token_hash = :hash")
        .bind("hash", hash)
        .mapTo(String.class)
        .findOne();
  }

  /** Sets the password; sessions opened with the old one end (a reset locks out whoever had it). */
  public void setPassword(Handle h, String personId, String hash) {
    h.createUpdate("delete from sessions where person_id = :id").bind("id", personId).execute();
    h.createUpdate("update people set password_hash = :hash, last_modified = :now where id = :id")
        .bind("hash", hash)
        .bind("id", personId)
        .bind("now", clock.millis())
        .execute();
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Person person(ResultSet rs, StatementContext ctx) throws SQLException {
    long signIn = rs.getLong("last_sign_in");
    Long lastSignIn = rs.wasNull() ? null : signIn;
    return new Person(
        rs.getString("id"),
        rs.getString("user_id"),
        rs.getString("email"),
        rs.getBoolean("accepted"),
        lastSignIn,
        rs.getLong("created_at"),
        rs.getLong("last_modified"),
        (ObjectNode) Json.read(rs.getString("doc")));
  }
}
