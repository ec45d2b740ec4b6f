package io.tributary.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-256-GCM with the operator's master key; ciphertexts are self-describing strings. */
public final class SecretCipher {
  static final String PREFIX = "enc:v1:";
  private static final int IV_BYTES = 12;
  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  public SecretCipher(byte[] keyBytes) {
    if (keyBytes.length != 32)
      throw new IllegalArgumentException("the master key must be 32 bytes");
    this.key = new SecretKeySpec(keyBytes, "AES");
  }

  public String encrypt(String plain) {
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
      byte[] ct = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[iv.length + ct.length];
      System.arraycopy(iv, 0, out, 0, iv.length);
      System.arraycopy(ct, 0, out, iv.length, ct.length);
      return PREFIX + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("encryption failed", e);
    }
  }

  public String decrypt(String stored) {
    if (!isCiphertext(stored)) throw new IllegalArgumentException("not an encrypted value");
    try {
      byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, IV_BYTES));
      return new String(c.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "a stored secret cannot be decrypted with this master key", e);
    }
  }

  public static boolean isCiphertext(String s) {
    return s != null && s.startsWith(PREFIX);
  }

  /** A fingerprint of the key, stored beside the data so that a wrong key is caught at start. */
  public String fingerprint() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return Base64.getEncoder()
          .encodeToString(
              mac.doFinal("tributary-master-key-check".getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * An HMAC-SHA256 of {@code message} under a key derived from the master key for one purpose
   * (signed URLs), so a signature never doubles as anything else.
   */
  public byte[] sign(String purpose, String message) {
    try {
      Mac derive = Mac.getInstance("HmacSHA256");
      derive.init(key);
      byte[] subKey = derive.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(subKey, "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The key from TRIBUTARY_MASTER_KEY: 32 bytes in base64, or any passphrase (hashed to 32 bytes).
   */
  public static byte[] keyFrom(String configured) {
    try {
      byte[] decoded = Base64.getDecoder().decode(configured.trim());
      if (decoded.length == 32) return decoded;
    } catch (IllegalArgumentException notBase64) {
      // fall through: a passphrase
    }
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(configured.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
