package io.tributary.people;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string form ({@code
 * $argon2id$v=19$m=..,t=..,p=..$salt$hash}), so the cost can be raised later and old hashes still
 * verify with the parameters they carry. The defaults are OWASP's minimum for Argon2id (19 MiB, 2
 * passes, 1 lane).
 */
public final class Passwords {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();
  public static final int MIN_LENGTH = 10;
  public static final int MAX_LENGTH = 1024;
  private final int memoryKiB;
  private final int iterations;
  private final int lanes;

  /** Verified against when the email is unknown, so a miss costs as much as a wrong password. */
  private final String decoy;

  public Passwords() {
    this(19 * 1024, 2, 1);
  }

  public Passwords(int memoryKiB, int iterations, int lanes) {
    this.memoryKiB = memoryKiB;
    this.iterations = iterations;
    this.lanes = lanes;
    this.decoy = hash("decoy password that matches nothing");
  }

  public String hash(String password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    byte[] out = derive(password, salt, memoryKiB, iterations, lanes, 32);
    return "$argon2id$v=19$m="
        + memoryKiB
        + ",t="
        + iterations
        + ",p="
        + lanes
        + "$"
        + B64.encodeToString(salt)
        + "$"
        + B64.encodeToString(out);
  }

  /**
   * Whether {@code password} matches {@code stored}; null {@code stored} costs a hash and answers
   * false.
   */
  public boolean verify(String password, String stored) {
    if (stored == null) {
      verify(password, decoy);
      return false;
    }
    String[] parts = stored.split("\\$");
    if (parts.length != 6 || !parts[1].equals("argon2id")) return false;
    int m = 0, t = 0, p = 0;
    for (String kv : parts[3].split(",")) {
      int v = Integer.parseInt(kv.substring(2));
      switch (kv.charAt(0)) {
        case 'm' -> m = v;
        case 't' -> t = v;
        case 'p' -> p = v;
        default -> {
          return false;
        }
      }
    }
    byte[] expected = B64D.decode(parts[5]);
    byte[] actual = derive(password, B64D.decode(parts[4]), m, t, p, expected.length);
    return MessageDigest.isEqual(expected, actual);
  }

  private static byte[] derive(String password, byte[] salt, int m, int t, int p, int length) {
    Argon2Parameters params =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(m)
            .withIterations(t)
            .withParallelism(p)
            .withSalt(salt)
            .build();
    Argon2BytesGenerator gen = new Argon2BytesGenerator();
    gen.init(params);
    byte[] out = new byte[length];
    gen.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
