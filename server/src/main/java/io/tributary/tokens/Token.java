package io.tributary.tokens;

/** An API token as the authenticator needs it (never the token text itself). */
public record Token(
    String id,
    String userId,
    String name,
    io.tributary.access.Scope scope,
    Long expiresAt,
    Long revokedAt) {
  public boolean usableAt(long now) {
    return revokedAt == null && (expiresAt == null || expiresAt > now);
  }
}
