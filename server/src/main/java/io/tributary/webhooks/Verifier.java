package io.tributary.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.adaptors.json.JsonPaths;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Whether a request comes from whom the listener trusts (D24). Every comparison of a secret is in
 * constant time, and every failure is just {@code false}: the caller learns nothing of why.
 */
final class Verifier {
  private Verifier() {}

  /**
   * @param body the parsed body, for a token carried in it (parsed only then)
   */
  static boolean verified(Listener l, Delivery d, Supplier<JsonNode> body) {
    boolean secretUrl = l.verify().equals(Listener.SECRET_URL);
    if (secretUrl != (d.pathSecret() != null)) return false; // each mode has its own URL
    return switch (l.verify()) {
      case Listener.SECRET_URL -> same(l.token(), d.pathSecret());
      case Listener.TOKEN -> token(l, d, body);
      case Listener.HMAC -> hmac(l, d);
      case Listener.BASIC -> basic(l, d);
      default -> false;
    };
  }

  private static boolean token(Listener l, Delivery d, Supplier<JsonNode> body) {
    return switch (l.tokenLocation()) {
      case "query" -> same(l.token(), d.query().apply(l.tokenQueryParamName()));
      case "body" -> {
        JsonNode n;
        try {
          n = JsonPaths.get(body.get(), l.tokenPath());
        } catch (RuntimeException unreadable) {
          yield false;
        }
        yield n.isValueNode() && same(l.token(), n.asText());
      }
      default -> {
        String v = d.header().apply(l.tokenHeaderName());
        if (v != null && v.regionMatches(true, 0, "Bearer ", 0, 7)) v = v.substring(7).trim();
        yield same(l.token(), v);
      }
    };
  }

  private static boolean hmac(Listener l, Delivery d) {
    String given = d.header().apply(l.signatureHeader());
    if (given == null || l.key() == null) return false;
    given = given.trim();
    byte[] expected = sign(l.algorithm(), l.key(), d.body());
    boolean ok = matches(expected, given, l.encoding());
    // "sha256=<signature>": a prefix naming the algorithm, as GitHub sends. Both readings are
    // tried, since base64 has '=' of its own.
    int eq = given.indexOf('=');
    if (eq > 0 && given.substring(0, eq).matches("[A-Za-z0-9-]{1,20}"))
      ok |= matches(expected, given.substring(eq + 1), l.encoding());
    return ok;
  }

  private static boolean matches(byte[] expected, String given, String encoding) {
    byte[] claimed;
    try {
      claimed =
          encoding.equals("base64")
              ? Base64.getDecoder().decode(given)
              : HexFormat.of().parseHex(given.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException notEncoded) {
      return false;
    }
    return MessageDigest.isEqual(expected, claimed);
  }

  static byte[] sign(String algorithm, String key, byte[] body) {
    String name =
        switch (algorithm) {
          case "sha1" -> "HmacSHA1";
          case "sha384" -> "HmacSHA384";
          case "sha512" -> "HmacSHA512";
          default -> "HmacSHA256";
        };
    try {
      Mac mac = Mac.getInstance(name);
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), name));
      return mac.doFinal(body);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks " + name, e);
    }
  }

  private static boolean basic(Listener l, Delivery d) {
    String h = d.header().apply("Authorization");
    if (h == null || !h.regionMatches(true, 0, "Basic ", 0, 6)) return false;
    String pair;
    try {
      pair = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int colon = pair.indexOf(':');
    if (colon < 0) return false;
    // Both compared whatever the first gives, so timing tells nothing of which was wrong.
    boolean user = same(l.username(), pair.substring(0, colon));
    boolean password = same(l.password(), pair.substring(colon + 1));
    return user & password;
  }

  /** Constant-time equality of two secrets (by their digests, so lengths leak nothing either). */
  static boolean same(String expected, String given) {
    if (expected == null || given == null) return false;
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] a = sha.digest(expected.getBytes(StandardCharsets.UTF_8));
      byte[] b = sha.digest(given.getBytes(StandardCharsets.UTF_8));
      return MessageDigest.isEqual(a, b);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
