package io.tributary.scripting;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * The worker protocol's framing: a 4-byte big-endian length, then that many bytes of UTF-8 JSON.
 * One request frame, then one answer frame.
 */
final class Frames {
  private Frames() {}

  /** The frame's bytes; {@link EOFException} when the stream ended before a frame began. */
  static byte[] read(DataInputStream in, int maxBytes) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > maxBytes) throw new TooLarge(length);
    byte[] b = new byte[length];
    in.readFully(b);
    return b;
  }

  static void write(DataOutputStream out, byte[] frame) throws IOException {
    out.writeInt(frame.length);
    out.write(frame);
    out.flush();
  }

  /** A frame longer than the reader accepts. */
  static final class TooLarge extends IOException {
    TooLarge(int length) {
      super("a frame of " + length + " bytes");
    }
  }
}
