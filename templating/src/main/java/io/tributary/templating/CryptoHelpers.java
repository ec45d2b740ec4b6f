package io.tributary.templating;

import static io.tributary.templating.Helpers.define;

import com.github.jknack.handlebars.Handlebars;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** hash and hmac, for request signatures. Text is hashed as UTF-8. */
final class CryptoHelpers {
  private static final Set<String> OUTPUT_ENCODINGS = Set.of("hex", "base64", "latin1", "binary");

  private CryptoHelpers() {}

  static void register(Handlebars hb) {
    // {{hash algorithm [encoding] value}}: integrator.io puts the encoding before the value;
    // without it, hex.
    define(
        hb,
        "hash",
        a -> {
          String encoding = a.count() >= 3 ? a.text(1) : "hex";
          String value = a.text(a.count() >= 3 ? 2 : 1);
          byte[] digest = digest(a.text(0)).digest(value.getBytes(StandardCharsets.UTF_8));
          return encode(digest, encoding, "hash");
        });
    define(hb, "hmac", CryptoHelpers::hmac);
  }

  /**
   * integrator.io's order is {@code hmac algorithm key encoding value [keyEncoding]}. The order
   * {@code hmac algorithm key value [encoding]} is also accepted, recognised by an encoding name in
   * the last place rather than the third, and with three arguments the output is hex.
   */
  private static Object hmac(Args a) {
    String algorithm = a.text(0);
    String key = a.text(1);
    String encoding;
    String value;
    String keyEncoding = "utf8";
    if (a.count() <= 3) {
      value = a.text(2);
      encoding = "hex";
    } else if (OUTPUT_ENCODINGS.contains(a.text(2).toLowerCase(Locale.ROOT))
        || !OUTPUT_ENCODINGS.contains(a.text(3).toLowerCase(Locale.ROOT))) {
      encoding = a.text(2);
      value = a.text(3);
      keyEncoding = a.text(4, "utf8");
    } else {
      value = a.text(2);
      encoding = a.text(3);
    }
    String javaName = "Hmac" + javaDigestName(algorithm, "hmac").replace("-", "");
    try {
      Mac mac = Mac.getInstance(javaName);
      mac.init(new SecretKeySpec(EncodingHelpers.bytes(key, keyEncoding, "hmac"), javaName));
      return encode(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)), encoding, "hmac");
    } catch (IllegalArgumentException e) {
      throw new TemplateException("hmac: the key is empty or not in " + keyEncoding);
    } catch (GeneralSecurityException e) {
      throw new TemplateException("hmac: unknown algorithm \"" + algorithm + "\"");
    }
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(javaDigestName(algorithm, "hash"));
    } catch (GeneralSecurityException e) {
      throw new TemplateException("hash: unknown algorithm \"" + algorithm + "\"");
    }
  }

  /** Node's names (md5, sha1, sha256, ...) as the JDK's. */
  private static String javaDigestName(String algorithm, String helper) {
    return switch (algorithm.toLowerCase(Locale.ROOT).replace("-", "")) {
      case "md5" -> "MD5";
      case "sha1" -> "SHA-1";
      case "sha224" -> "SHA-224";
      case "sha256" -> "SHA-256";
      case "sha384" -> "SHA-384";
      case "sha512" -> "SHA-512";
      default -> throw new TemplateException(helper + ": unknown algorithm \"" + algorithm + "\"");
    };
  }

  private static String encode(byte[] b, String encoding, String helper) {
    return switch (encoding.toLowerCase(Locale.ROOT)) {
      case "hex" -> HexFormat.of().formatHex(b);
      case "base64" -> Base64.getEncoder().encodeToString(b);
      case "latin1", "binary" -> new String(b, StandardCharsets.ISO_8859_1);
      default ->
          throw new TemplateException(
              helper + ": unknown encoding \"" + encoding + "\" (use hex or base64)");
    };
  }
}
