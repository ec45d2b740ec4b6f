package io.tributary.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * The {@code webhook} block of a WebhookExport as the listener uses it (secrets revealed), with the
 * defaults of D24 applied. Built from a document the validator accepted.
 */
record Listener(
    String verify,
    String token,
    String tokenLocation,
    String tokenHeaderName,
    String tokenQueryParamName,
    String tokenPath,
    String algorithm,
    String encoding,
    String signatureHeader,
    String key,
    String username,
    String password,
    int successStatusCode,
    String successBody,
    String successMediaType,
    String pathToRecords) {

  static final String TOKEN = "token";
  static final String HMAC = "hmac";
  static final String BASIC = "basic";
  static final String SECRET_URL = "secret_url";

  /**
   * Providers whose signature scheme is a plain HMAC of the body: without {@code verify}, their
   * listener checks it as the provider signs (the original's {@code provider} presets).
   */
  static final java.util.Map<String, Listener> PRESETS =
      java.util.Map.of(
          "github", preset("sha256", "hex", "X-Hub-Signature-256"),
          "shopify", preset("sha256", "base64", "X-Shopify-Hmac-Sha256"));

  private static Listener preset(String algorithm, String encoding, String header) {
    return new Listener(
        HMAC,
        null,
        "header",
        null,
        null,
        null,
        algorithm,
        encoding,
        header,
        null,
        null,
        null,
        204,
        null,
        "application/json",
        null);
  }

  /** The verification mode: the block's own, else its provider's preset, else null. */
  static String verifyOf(JsonNode webhook) {
    JsonNode v = webhook.get("verify");
    if (v != null && v.isTextual()) return v.asText();
    if (v == null && PRESETS.containsKey(webhook.path("provider").asText())) return HMAC;
    return null;
  }

  static Listener of(JsonNode webhook) {
    Listener preset = webhook.has("verify") ? null : PRESETS.get(webhook.path("provider").asText());
    if (preset == null) return configured(webhook);
    return new Listener(
        HMAC,
        null,
        "header",
        null,
        null,
        null,
        text(webhook, "algorithm", preset.algorithm()),
        text(webhook, "encoding", preset.encoding()),
        text(webhook, "header", preset.signatureHeader()),
        text(webhook, "key", null),
        null,
        null,
        webhook.path("successStatusCode").isInt() ? webhook.get("successStatusCode").asInt() : 204,
        text(webhook, "successBody", null),
        mediaType(text(webhook, "successMediaType", "json")),
        text(webhook, "pathToRecords", null));
  }

  private static Listener configured(JsonNode webhook) {
    return new Listener(
        text(webhook, "verify", ""),
        text(webhook, "token", null),
        location(text(webhook, "tokenLocation", "header")),
        text(webhook, "tokenHeaderName", "Authorization"),
        text(webhook, "tokenQueryParamName", "token"),
        text(webhook, "path", null),
        text(webhook, "algorithm", "sha256").toLowerCase(Locale.ROOT),
        text(webhook, "encoding", "hex").toLowerCase(Locale.ROOT),
        text(webhook, "header", null),
        text(webhook, "key", null),
        text(webhook, "username", null),
        text(webhook, "password", null),
        webhook.path("successStatusCode").isInt() ? webhook.get("successStatusCode").asInt() : 204,
        text(webhook, "successBody", null),
        mediaType(text(webhook, "successMediaType", "json")),
        text(webhook, "pathToRecords", null));
  }

  /** The original names the query location {@code queryParam}; both are accepted. */
  static String location(String raw) {
    return raw.equals("queryParam") ? "query" : raw;
  }

  /** The original's short names (json, xml, plaintext, csv) or a media type as it is. */
  static String mediaType(String raw) {
    return switch (raw.toLowerCase(Locale.ROOT)) {
      case "json" -> "application/json";
      case "xml" -> "application/xml";
      case "plaintext", "text" -> "text/plain";
      case "csv" -> "text/csv";
      default -> raw;
    };
  }

  private static String text(JsonNode n, String field, String fallback) {
    JsonNode v = n.get(field);
    return v != null && v.isTextual() && !v.asText().isEmpty() ? v.asText() : fallback;
  }
}
