package io.tributary.tokens;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.Ids;
import io.tributary.core.Problem;
import io.tributary.core.Times;
import io.tributary.secrets.SecretCipher;
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

/**
 * API tokens. A token is found by the SHA-256 hash of its text; the text itself is kept only sealed
 * with the master key, for {@code /display} (D28). Answers show it as {@code "******"}.
 */
public final class TokenStore {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Jdbi jdbi;
  private final Ids ids;
  private final Clock clock;
  private final SecretCipher cipher;

  public TokenStore(Jdbi jdbi, Ids ids, Clock clock, SecretCipher cipher) {
    this.jdbi = jdbi;
    this.ids = ids;
    this.clock = clock;
    this.cipher = cipher;
  }

  public record Created(String id, String token, ObjectNode doc) {}

  /** Stores a token; {@code text} null means generate one. */
  public Created create(Handle h, String text, String userId, ObjectNode doc, Long expiresAt) {
    String token = text != null ? text : newTokenText();
    String id = ids.next();
    long now = clock.millis();
    doc.put("_userId", userId);
    if (!doc.has("fullAccess")) doc.put("fullAccess", true);
    h.createUpdate(
            "insert into access_tokens (id, token_hash, token_sealed, user_id, created_at, last_modified, expires_at, doc) "
                + "values (:id, :hash, :sealed, :user, :now, :now, :exp, :doc)")
        .bind("id", id)
        .bind("hash", hash(token))
        .bind("sealed", cipher.encrypt(token))
        .bind("user", userId)
        .bind("now", now)
        .bind("exp", expiresAt)
        .bind("doc", Json.write(doc))
        .execute();
    return new Created(id, token, doc);
  }

  /** Replaces the client-settable fields; {@code revoked} null leaves revocation as it is. */
  public void update(Handle h, String id, ObjectNode doc, Long expiresAt, Boolean revoked) {
    long now = clock.millis();
    String revocation =
        revoked == null
            ? ""
            : revoked ? ", revoked_at = coalesce(revoked_at, :now)" : ", revoked_at = null";
    h.createUpdate(
            "update access_tokens set doc = :doc, expires_at = :exp, last_modified = :now"
                + revocation
                + " where id = :id")
        .bind("id", id)
        .bind("doc", Json.write(doc))
        .bind("exp", expiresAt)
        .bind("now", now)
        .execute();
  }

  /** Gives the token a new value (the old one stops working at once) and answers it. */
  public String regenerate(Handle h, String id) {
    String token = newTokenText();
    h.createUpdate(
            "update access_tokens set token_hash = :hash, token_sealed = :sealed, last_modified = :now where id = :id")
        .bind("id", id)
        .bind("hash", hash(token))
        .bind("sealed", cipher.encrypt(token))
        .bind("now", clock.millis())
        .execute();
    return token;
  }

  /** The token's value, when it was kept (tokens made before values were kept have none). */
  public Optional<String> reveal(String id) {
    return jdbi.withHandle(
            h ->
                h.createQuery("select token_sealed from access_tokens where id = :id")
                    .bind("id", id)
                    .mapTo(String.class)
                    .findOne())
        .map(cipher::decrypt);
  }

  public void delete(Handle h, String id) {
    h.createUpdate("delete from access_tokens where id = :id").bind("id", id).execute();
  }

  public Optional<Token> authenticate(String text) {
    if (text == null || text.isBlank()) return Optional.empty();
    long now = clock.millis();
    return jdbi.withHandle(
            h ->
                h.createQuery(
                        "select id, user_id, expires_at, revoked_at, doc from access_tokens where token_hash = :hash")
                    .bind("hash", hash(text))
                    .map(TokenStore::token)
                    .findOne())
        .filter(t -> t.usableAt(now));
  }

  public List<ObjectNode> list() {
    return jdbi.withHandle(
        h -> h.createQuery("select * from access_tokens order by id").map(TokenStore::view).list());
  }

  public Optional<ObjectNode> get(String id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select * from access_tokens where id = :id")
                .bind("id", id)
                .map(TokenStore::view)
                .findOne());
  }

  /**
   * Makes {@code text} a usable full-access token: created when the store lacks it, re-activated
   * (not revoked, no expiry, full access) when it was revoked, expired or narrowed. For {@code
   * TRIBUTARY_API_TOKEN}: a server started with it always lets it in.
   */
  public void ensureActive(Handle h, String text, String userId, ObjectNode doc) {
    Optional<Token> existing =
        h.createQuery(
                "select id, user_id, expires_at, revoked_at, doc from access_tokens where token_hash = :hash")
            .bind("hash", hash(text))
            .map(TokenStore::token)
            .findOne();
    if (existing.isEmpty()) {
      create(h, text, userId, doc, null);
      return;
    }
    Token t = existing.get();
    if (t.revokedAt() == null && t.expiresAt() == null && t.scope().isFull()) return;
    ObjectNode stored =
        (ObjectNode)
            Json.read(
                h.createQuery("select doc from access_tokens where id = :id")
                    .bind("id", t.id())
                    .mapTo(String.class)
                    .one());
    stored.put("fullAccess", true);
    stored.remove(List.of("_integrationIds", "_connectionIds", "_exportIds", "_importIds"));
    update(h, t.id(), stored, null, false);
  }

  /**
   * Refuses a change after which token {@code id} would no longer be a usable, non-expiring
   * full-access token ({@code stillFullAccess} false) when it is the configured token ({@code
   * configured_token}) or the last such token ({@code last_full_access_token}): the store always
   * keeps a way in. The usable tokens are locked first, so two concurrent changes cannot each leave
   * the other as the last one.
   */
  public void keepAWayIn(Handle h, String id, boolean stillFullAccess, String configuredText) {
    if (stillFullAccess) return;
    keepConfigured(h, id, configuredText);
    List<Token> usable =
        h.createQuery(
                "select id, user_id, expires_at, revoked_at, doc from access_tokens "
                    + "where revoked_at is null and expires_at is null order by id for update")
            .map(TokenStore::token)
            .list();
    boolean target = usable.stream().anyMatch(t -> t.id().equals(id) && t.scope().isFull());
    boolean othersRemain = usable.stream().anyMatch(t -> !t.id().equals(id) && t.scope().isFull());
    if (target && !othersRemain) {
      throw new Problem.Conflict(
          "last_full_access_token",
          "This is the last full-access token without expiry: create another one before revoking, narrowing or expiring it.");
    }
  }

  /**
   * Refuses any change to the value or standing of the server's TRIBUTARY_API_TOKEN ({@code
   * configured_token}).
   */
  public void keepConfigured(Handle h, String id, String configuredText) {
    if (configuredText == null || configuredText.isBlank()) return;
    boolean configured =
        h.createQuery("select count(*) from access_tokens where id = :id and token_hash = :hash")
                .bind("id", id)
                .bind("hash", hash(configuredText))
                .mapTo(Long.class)
                .one()
            > 0;
    if (configured) {
      throw new Problem.Conflict(
          "configured_token",
          "This token is the server's TRIBUTARY_API_TOKEN: it stays a full-access token while the server is started with it.");
    }
  }

  /** Marks the token revoked; answers false when there is no such token. */
  public boolean revoke(Handle h, String id) {
    long now = clock.millis();
    return h.createUpdate(
                "update access_tokens set revoked_at = coalesce(revoked_at, :now), last_modified = :now where id = :id")
            .bind("id", id)
            .bind("now", now)
            .execute()
        > 0;
  }

  public boolean isEmpty() {
    return jdbi.withHandle(
            h -> h.createQuery("select count(*) from access_tokens").mapTo(Long.class).one())
        == 0;
  }

  static String hash(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** 128 random bits as 32 lowercase hex characters, as the original's tokens. */
  private static String newTokenText() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static Token token(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws SQLException {
    ObjectNode doc = (ObjectNode) Json.read(rs.getString("doc"));
    long exp = rs.getLong("expires_at");
    Long expires = rs.wasNull() ? null : exp;
    long rev = rs.getLong("revoked_at");
    Long revoked = rs.wasNull() ? null : rev;
    return new Token(
        rs.getString("id"),
        rs.getString("user_id"),
        doc.path("name").asText("API token"),
        TokenFields.scopeOf(doc),
        expires,
        revoked);
  }

  private static ObjectNode view(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws SQLException {
    ObjectNode out = Json.object();
    out.put("_id", rs.getString("id"));
    out.setAll((ObjectNode) Json.read(rs.getString("doc")));
    out.put("token", io.tributary.secrets.Secrets.MASK);
    out.remove("scope");
    long rev = rs.getLong("revoked_at");
    out.put("revoked", !rs.wasNull());
    if (out.get("revoked").asBoolean()) out.put("revokedAt", Times.iso(rev));
    out.put("createdAt", Times.iso(rs.getLong("created_at")));
    out.put("lastModified", Times.iso(rs.getLong("last_modified")));
    return out;
  }
}
