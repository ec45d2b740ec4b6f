package io.tributary.tokens;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.resources.Ids;
import io.tributary.resources.Times;
import io.tributary.web.ApiException;
import io.tributary.web.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** API tokens, stored as SHA-256 hashes: the text of a token is shown once, at creation. */
public final class TokenStore {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Jdbi jdbi;
  private final Ids ids;
  private final Clock clock;

  public TokenStore(Jdbi jdbi, Ids ids, Clock clock) {
    this.jdbi = jdbi;
    this.ids = ids;
    this.clock = clock;
  }

  public record Created(String id, String token, ObjectNode doc) {}

  /** Stores a token; {@code text} null means generate one. */
  public Created create(Handle h, String text, String userId, ObjectNode doc, Long expiresAt) {
    String token = text != null ? text : newTokenText();
    String id = ids.next();
    long now = clock.millis();
    doc.put("_userId", userId);
    doc.put("scope", "*");
    h.createUpdate("insert into access_tokens (id, token_hash, user_id, created_at, last_modified, expires_at, doc) "
            + "values (:id, :hash, :user, :now, :now, :exp, :doc)")
        .bind("id", id).bind("hash", hash(token)).bind("user", userId).bind("now", now)
        .bind("exp", expiresAt).bind("doc", Json.write(doc))
        .execute();
    return new Created(id, token, doc);
  }

  public Optional<Token> authenticate(String text) {
    if (text == null || text.isBlank()) return Optional.empty();
    long now = clock.millis();
    return jdbi.withHandle(h -> h.createQuery(
                "select id, user_id, expires_at, revoked_at, doc from access_tokens where token_hash = :hash")
            .bind("hash", hash(text))
            .map(TokenStore::token)
            .findOne())
        .filter(t -> t.usableAt(now));
  }

  public List<ObjectNode> list() {
    return jdbi.withHandle(h -> h.createQuery("select * from access_tokens order by id").map(TokenStore::view).list());
  }

  public Optional<ObjectNode> get(String id) {
    return jdbi.withHandle(h -> h.createQuery("select * from access_tokens where id = :id")
        .bind("id", id).map(TokenStore::view).findOne());
  }

  /**
   * Makes {@code text} a usable full-access token: created when the store lacks it, re-activated
   * (not revoked, no expiry) when it was revoked or expired. For {@code TRIBUTARY_API_TOKEN}.
   */
  public void ensureActive(Handle h, String text, String userId, ObjectNode doc) {
    Optional<Token> existing = h.createQuery("select id, user_id, expires_at, revoked_at, doc from access_tokens where token_hash = :hash")
        .bind("hash", hash(text)).map(TokenStore::token).findOne();
    if (existing.isEmpty()) {
      create(h, text, userId, doc, null);
      return;
    }
    Token t = existing.get();
    if (t.revokedAt() == null && t.expiresAt() == null && "*".equals(t.scope())) return;
    ObjectNode stored = (ObjectNode) Json.read(h.createQuery("select doc from access_tokens where id = :id").bind("id", t.id())
        .mapTo(String.class).one());
    stored.put("scope", "*");
    h.createUpdate("update access_tokens set revoked_at = null, expires_at = null, doc = :doc, last_modified = :now where id = :id")
        .bind("id", t.id()).bind("doc", Json.write(stored)).bind("now", clock.millis()).execute();
  }

  /**
   * Revokes a token unless that would leave no usable full-access token ({@code
   * last_full_access_token}) or it is the one the server was started with ({@code
   * configured_token}, null when none): the store must always keep a way in. The usable tokens are
   * locked first, so two concurrent revocations cannot each leave the other as the last one.
   */
  public void revokeGuarded(Handle h, String id, String configuredText) {
    long now = clock.millis();
    List<Token> usable = h.createQuery("select id, user_id, expires_at, revoked_at, doc from access_tokens "
            + "where revoked_at is null and (expires_at is null or expires_at > :now) order by id for update")
        .bind("now", now).map(TokenStore::token).list();
    if (configuredText != null && !configuredText.isBlank()) {
      String configuredHash = hash(configuredText);
      boolean configured = h.createQuery("select count(*) from access_tokens where id = :id and token_hash = :hash")
          .bind("id", id).bind("hash", configuredHash).mapTo(Long.class).one() > 0;
      if (configured) {
        throw new ApiException(409, "configured_token",
            "This token is the server's TRIBUTARY_API_TOKEN: it stays valid while the server is started with it.");
      }
    }
    boolean target = usable.stream().anyMatch(t -> t.id().equals(id));
    boolean othersRemain = usable.stream().anyMatch(t -> !t.id().equals(id) && "*".equals(t.scope()));
    if (target && !othersRemain) {
      throw new ApiException(409, "last_full_access_token",
          "This is the last usable full-access token: create another one before revoking it.");
    }
    revoke(h, id);
  }

  /** Marks the token revoked; answers false when there is no such token. */
  public boolean revoke(Handle h, String id) {
    long now = clock.millis();
    return h.createUpdate("update access_tokens set revoked_at = coalesce(revoked_at, :now), last_modified = :now where id = :id")
        .bind("id", id).bind("now", now).execute() > 0;
  }

  public boolean isEmpty() {
    return jdbi.withHandle(h -> h.createQuery("select count(*) from access_tokens").mapTo(Long.class).one()) == 0;
  }

  static String hash(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String newTokenText() {
    byte[] b = new byte[24];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static Token token(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws SQLException {
    ObjectNode doc = (ObjectNode) Json.read(rs.getString("doc"));
    long exp = rs.getLong("expires_at");
    Long expires = rs.wasNull() ? null : exp;
    long rev = rs.getLong("revoked_at");
    Long revoked = rs.wasNull() ? null : rev;
    return new Token(rs.getString("id"), rs.getString("user_id"), doc.path("name").asText("API token"),
        doc.path("scope").asText("*"), expires, revoked);
  }

  private static ObjectNode view(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws SQLException {
    ObjectNode out = Json.object();
    out.put("_id", rs.getString("id"));
    out.setAll((ObjectNode) Json.read(rs.getString("doc")));
    out.put("token", io.tributary.secrets.Secrets.MASK);
    long exp = rs.getLong("expires_at");
    if (!rs.wasNull()) out.put("expiresAt", Times.iso(exp));
    long rev = rs.getLong("revoked_at");
    out.put("revoked", !rs.wasNull());
    if (out.get("revoked").asBoolean()) out.put("revokedAt", Times.iso(rev));
    out.put("createdAt", Times.iso(rs.getLong("created_at")));
    out.put("lastModified", Times.iso(rs.getLong("last_modified")));
    return out;
  }
}
