package io.tributary.webhooks;

import static io.tributary.resources.Checks.Kind.INTEGER;
import static io.tributary.resources.Checks.Kind.OBJECT;
import static io.tributary.resources.Checks.Kind.STRING;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.resources.Checks;
import io.tributary.resources.Validation;
import io.tributary.secrets.Secrets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a WebhookExport's {@code webhook} block at save time (D24): each verification mode has the
 * fields it needs, with values the listener understands. A {@code secret_url} export without a
 * token gets a random one: it is the secret part of its URL.
 */
public final class WebhookChecks {
  private static final Set<String> VERIFY =
      Set.of(Listener.TOKEN, Listener.HMAC, Listener.BASIC, Listener.SECRET_URL);
  private static final Set<String> LOCATIONS = Set.of("header", "query", "queryParam", "body");
  private static final Set<String> ALGORITHMS = Set.of("sha1", "sha256", "sha384", "sha512");
  private static final Set<String> ENCODINGS = Set.of("hex", "base64");
  private static final Pattern URL_SECRET = Pattern.compile("[A-Za-z0-9_-]{16,200}");
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,200}");
  private static final Pattern MEDIA_TYPE =
      Pattern.compile("json|xml|plaintext|text|csv|[a-zA-Z0-9.+-]+/[a-zA-Z0-9.+-]+");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final List<String> STRINGS =
      List.of(
          "provider",
          "token",
          "tokenLocation",
          "tokenHeaderName",
          "tokenQueryParamName",
          "path",
          "algorithm",
          "encoding",
          "header",
          "key",
          "username",
          "password",
          "successBody",
          "successMediaType",
          "pathToRecords");

  private WebhookChecks() {}

  /** Validates (and completes) the webhook block of a document whose adaptorType is a webhook. */
  public static void check(ObjectNode doc, Validation v) {
    if (!Checks.required(v, doc, "webhook", "webhook", OBJECT)) return;
    ObjectNode w = (ObjectNode) doc.get("webhook");
    w.remove("url"); // read-only: computed on every answer
    for (String f : STRINGS) Checks.is(v, w, f, "webhook." + f, STRING);
    String verify = Listener.verifyOf(w);
    if (verify == null) {
      Checks.required(v, w, "verify", "webhook.verify", STRING);
      return;
    }
    if (!VERIFY.contains(verify)) {
      v.invalid("webhook.verify", "webhook.verify must be one of token, hmac, basic, secret_url");
      return;
    }
    switch (verify) {
      case Listener.TOKEN -> token(w, v);
      case Listener.HMAC -> hmac(w, v);
      case Listener.BASIC -> {
        Checks.required(v, w, "username", "webhook.username", STRING);
        Checks.required(v, w, "password", "webhook.password", STRING);
      }
      default -> secretUrl(w, v);
    }
    success(w, v);
    if (w.hasNonNull("pathToRecords") && w.get("pathToRecords").asText().isBlank())
      v.invalid("webhook.pathToRecords", "webhook.pathToRecords must not be blank");
  }

  private static void token(ObjectNode w, Validation v) {
    Checks.required(v, w, "token", "webhook.token", STRING);
    String location = w.path("tokenLocation").asText("header");
    if (!LOCATIONS.contains(location)) {
      v.invalid("webhook.tokenLocation", "webhook.tokenLocation must be header, query or body");
      return;
    }
    if (location.equals("body")) Checks.required(v, w, "path", "webhook.path", STRING);
    if (w.path("tokenHeaderName").isTextual()
        && !HEADER_NAME.matcher(w.get("tokenHeaderName").asText()).matches())
      v.invalid("webhook.tokenHeaderName", "webhook.tokenHeaderName must be an HTTP header name");
  }

  private static void hmac(ObjectNode w, Validation v) {
    Checks.required(v, w, "key", "webhook.key", STRING);
    if (Listener.PRESETS.containsKey(w.path("provider").asText()) && !w.has("verify")) return;
    if (Checks.required(v, w, "header", "webhook.header", STRING)
        && !HEADER_NAME.matcher(w.get("header").asText()).matches())
      v.invalid("webhook.header", "webhook.header must be an HTTP header name");
    if (w.path("algorithm").isTextual() && !ALGORITHMS.contains(w.get("algorithm").asText()))
      v.invalid("webhook.algorithm", "webhook.algorithm must be sha1, sha256, sha384 or sha512");
    if (w.path("encoding").isTextual() && !ENCODINGS.contains(w.get("encoding").asText()))
      v.invalid("webhook.encoding", "webhook.encoding must be hex or base64");
  }

  private static void secretUrl(ObjectNode w, Validation v) {
    JsonNode token = w.get("token");
    if (token == null || token.isNull()) {
      byte[] bytes = new byte[24];
      RANDOM.nextBytes(bytes);
      w.put("token", HexFormat.of().formatHex(bytes));
      return;
    }
    if (!token.isTextual()) return; // reported as a wrong kind above
    String t = token.asText();
    if (!t.equals(Secrets.MASK)
        && !io.tributary.secrets.SecretCipher.isCiphertext(t)
        && !URL_SECRET.matcher(t).matches())
      v.invalid(
          "webhook.token",
          "webhook.token of a secret_url listener is part of its URL: 16 to 200 letters, digits,"
              + " '-' or '_' (leave it out to get a random one)");
  }

  private static void success(ObjectNode w, Validation v) {
    if (Checks.is(v, w, "successStatusCode", "webhook.successStatusCode", INTEGER)) {
      int code = w.get("successStatusCode").asInt();
      if (code < 200 || code > 299)
        v.invalid("webhook.successStatusCode", "webhook.successStatusCode must be from 200 to 299");
    }
    if (w.path("successMediaType").isTextual()
        && !MEDIA_TYPE.matcher(w.get("successMediaType").asText()).matches())
      v.invalid(
          "webhook.successMediaType",
          "webhook.successMediaType must be json, xml, plaintext, csv or a media type");
  }
}
