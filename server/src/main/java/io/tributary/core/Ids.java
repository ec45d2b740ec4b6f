package io.tributary.core;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Makes ObjectId-like ids: 24 lowercase hex characters, 4 bytes of seconds, 5 random bytes and a
 * 3-byte counter, so that ids sort by creation time (lists page by id).
 */
public final class Ids {
  private static final Pattern ID = Pattern.compile("[0-9a-f]{24}");
  private final Clock clock;
  private final byte[] process = new byte[5];
  private final AtomicInteger counter;

  public Ids(Clock clock) {
    this.clock = clock;
    SecureRandom random = new SecureRandom();
    random.nextBytes(process);
    this.counter = new AtomicInteger(random.nextInt(1 << 24));
  }

  public String next() {
    long seconds = clock.millis() / 1000;
    int count = counter.getAndIncrement() & 0xFFFFFF;
    byte[] b = new byte[12];
    b[0] = (byte) (seconds >>> 24);
    b[1] = (byte) (seconds >>> 16);
    b[2] = (byte) (seconds >>> 8);
    b[3] = (byte) seconds;
    System.arraycopy(process, 0, b, 4, 5);
    b[9] = (byte) (count >>> 16);
    b[10] = (byte) (count >>> 8);
    b[11] = (byte) count;
    return HexFormat.of().formatHex(b);
  }

  public static boolean isId(String s) {
    return s != null && ID.matcher(s).matches();
  }
}
