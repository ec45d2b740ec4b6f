package io.tributary.runs;

import io.tributary.core.Ids;
import io.tributary.core.Problem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The {@code Idempotency-Key}s of run requests: a client that timed out and retried a {@code POST
 * /run} must not start a second run (it once doubled a table). A key belongs to one token and one
 * flow and lasts 24 hours; the same key with another request body is a 422.
 */
public final class RunKeys {
  public static final Duration TTL = Duration.ofHours(24);
  public static final int MAX_KEY_LENGTH = 255;
  private final Jdbi jdbi;
  private final Ids ids;
  private final Clock clock;

  /** The job a key stands for, and whether this request created it (false: a retried request). */
  public record Claim(String jobId, boolean created) {}

  public RunKeys(Jdbi jdbi, Ids ids, Clock clock) {
    this.jdbi = jdbi;
    this.ids = ids;
    this.clock = clock;
  }

  /**
   * The job of an earlier request with this key, or a new one queued by {@code run} (given the id
   * the job must have). The key is held before the job is created, so two concurrent requests with
   * one key start one run; when {@code run} refuses (a 4xx), the key is let go.
   */
  public Claim claim(
      String tokenId, String flowId, String key, String body, Function<String, String> run) {
    if (key.isBlank()
        || key.length() > MAX_KEY_LENGTH
        || !key.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      throw Problem.badRequest(
          "invalid_header", "Idempotency-Key must be 1 to 255 visible ASCII characters.");
    }
    String token = tokenId == null ? "" : tokenId;
    String hash = sha256(body == null ? "" : body.strip());
    long now = clock.millis();
    purge(now);
    Optional<Claim> earlier = earlier(token, flowId, key, hash);
    if (earlier.isPresent()) return earlier.get();
    String jobId = ids.next();
    try {
      jdbi.useHandle(
          h ->
              h.createUpdate(
                      "insert into run_idempotency_keys (token_id, flow_id, idem_key, request_hash, job_id, "
                          + "created_at) values (:token, :flow, :key, :hash, :job, :now)")
                  .bind("token", token)
                  .bind("flow", flowId)
                  .bind("key", key)
                  .bind("hash", hash)
                  .bind("job", jobId)
                  .bind("now", now)
                  .execute());
    } catch (UnableToExecuteStatementException raced) { // another request with the key got in first
      return earlier(token, flowId, key, hash).orElseThrow(() -> raced);
    }
    try {
      return new Claim(run.apply(jobId), true);
    } catch (RuntimeException e) {
      jdbi.useHandle(
          h ->
              h.createUpdate("delete from run_idempotency_keys where job_id = :job")
                  .bind("job", jobId)
                  .execute());
      throw e;
    }
  }

  private Optional<Claim> earlier(String token, String flowId, String key, String hash) {
    record Row(String jobId, String hash) {}
    Optional<Row> row =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "select job_id, request_hash from run_idempotency_keys "
                            + "where token_id = :token and flow_id = :flow and idem_key = :key and created_at >= :since")
                    .bind("token", token)
                    .bind("flow", flowId)
                    .bind("key", key)
                    .bind("since", clock.millis() - TTL.toMillis())
                    .map((rs, ctx) -> new Row(rs.getString(1), rs.getString(2)))
                    .findOne());
    if (row.isEmpty()) return Optional.empty();
    if (!row.get().hash().equals(hash)) {
      throw Problem.invalid(
          "idempotency_key_reused",
          "This Idempotency-Key was used with another request body.",
          null);
    }
    return Optional.of(new Claim(row.get().jobId(), false));
  }

  /** Keys older than a day are forgotten (an index on created_at keeps this cheap). */
  private void purge(long now) {
    jdbi.useHandle(
        h ->
            h.createUpdate("delete from run_idempotency_keys where created_at < :cutoff")
                .bind("cutoff", now - TTL.toMillis())
                .execute());
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
