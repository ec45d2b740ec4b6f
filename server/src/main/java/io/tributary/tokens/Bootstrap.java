package io.tributary.tokens;

import io.tributary.core.Ids;
import io.tributary.store.Meta;
import io.tributary.web.Json;
import org.jdbi.v3.core.Jdbi;

/** First start of a store: the owner user and the admin token. */
public final class Bootstrap {
  static final String OWNER = "owner_user_id";

  private Bootstrap() {}

  /** The owner's user id, created once per store. */
  public static String owner(Meta meta, Ids ids) {
    return meta.putIfAbsent(OWNER, ids.next());
  }

  /**
   * Makes {@code configured} (TRIBUTARY_API_TOKEN) a usable full-access token, or creates a
   * generated admin token when the store has none. Answers the generated text (to print once), or
   * null when nothing was generated.
   */
  public static String adminToken(Jdbi jdbi, TokenStore tokens, String ownerId, String configured) {
    if (configured != null && !configured.isBlank()) {
      // Always a way in: the configured token is created or re-activated at every start.
      var doc = Json.object().put("name", "Admin token").put("description", "TRIBUTARY_API_TOKEN");
      jdbi.useTransaction(h -> tokens.ensureActive(h, configured, ownerId, doc));
      return null;
    }
    if (!tokens.isEmpty()) return null;
    var doc =
        Json.object()
            .put("name", "Admin token")
            .put("description", "Created when the store was first set up");
    TokenStore.Created c =
        jdbi.inTransaction(h -> tokens.create(h, blankToNull(configured), ownerId, doc, null));
    return configured == null || configured.isBlank() ? c.token() : null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
