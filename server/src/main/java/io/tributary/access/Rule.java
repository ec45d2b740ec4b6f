package io.tributary.access;

/**
 * What a route needs from its caller; every route of the API has one (see {@link AccessPolicy}).
 */
public sealed interface Rule {
  /** No token: health, signed download links (they carry their own proof). */
  record Open() implements Rule {}

  /** Any valid caller, whatever its scope (token info). */
  record AnyCaller() implements Rule {}

  /** Full-access callers only: tokens, people, audit across the account, templates, the cluster. */
  record FullAccess() implements Rule {}

  /** The resource named by path parameter {@code param} must be within reach at {@code level}. */
  record OnResource(Kind kind, String param, Level level) implements Rule {}

  /** A list: any caller, the route answers only what the caller's scope reaches. */
  record Listing(Kind kind) implements Rule {}

  /**
   * Creating a resource: managing callers; a scoped one only inside an integration it manages
   * ({@code _integrationId} of the body), and only flows, exports and imports.
   */
  record Creating(Kind kind) implements Rule {}
}
