package io.tributary.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Loads the master key: from the environment, else from (or generated once into) the data
 * directory.
 */
public final class MasterKey {
  public static final String FILE = "master.key";

  private MasterKey() {}

  public static byte[] load(String configured, Path dataDir) {
    if (configured != null && !configured.isBlank()) return SecretCipher.keyFrom(configured);
    Path file = dataDir.resolve(FILE);
    try {
      if (Files.exists(file))
        return SecretCipher.keyFrom(Files.readString(file, StandardCharsets.UTF_8));
      Files.createDirectories(dataDir);
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      Files.writeString(
          file,
          Base64.getEncoder().encodeToString(key) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE_NEW);
      restrict(file);
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the master key at " + file, e);
    }
  }

  private static void restrict(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // Not a POSIX file system: nothing finer to set.
    }
  }
}
