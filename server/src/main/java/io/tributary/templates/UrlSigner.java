package io.tributary.templates;

import io.tributary.secrets.SecretCipher;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;

/** Signed, expiring download URLs that need no token (D14): HMAC over what and until when. */
final class UrlSigner {
  static final long VALID_MILLIS = 15 * 60 * 1000;
  private final SecretCipher cipher;
  private final Clock clock;

  UrlSigner(SecretCipher cipher, Clock clock) {
    this.cipher = cipher;
    this.clock = clock;
  }

  String query(String kind, String id) {
    long expires = clock.millis() + VALID_MILLIS;
    return "expires=" + expires + "&signature=" + signature(kind, id, expires);
  }

  boolean valid(String kind, String id, String expires, String signature) {
    if (expires == null || signature == null || !expires.matches("\\d{1,15}")) return false;
    long until = Long.parseLong(expires);
    if (until < clock.millis()) return false;
    return MessageDigest.isEqual(signature(kind, id, until).getBytes(), signature.getBytes());
  }

  private String signature(String kind, String id, long expires) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(cipher.sign("template-download", kind + ":" + id + ":" + expires));
  }
}
