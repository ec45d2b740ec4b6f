package io.tributary.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/**
 * The data directory holds the master key and the H2 files, hence every secret: it is 700 and its
 * files 600, set when they are created and set again at every start (a copy or a restore from
 * backup may have loosened them). On a file system without POSIX modes there is nothing to set.
 */
public final class DataDir {
  private DataDir() {}

  /** Creates the directory owner-only (or makes it so) before anything is written into it. */
  public static void prepare(Path dir) {
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir);
      }
      chmod(dir, "rwx------");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + dir, e);
    }
  }

  /** Makes every file directly in the directory owner read/write only. */
  public static void restrictFiles(Path dir) {
    if (!Files.isDirectory(dir)) return;
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the data directory " + dir, e);
    }
    for (Path f : files) {
      try {
        chmod(f, "rw-------");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot restrict " + f + " to its owner", e);
      }
    }
  }

  private static void chmod(Path p, String mode) throws IOException {
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    } catch (UnsupportedOperationException notPosix) {
      // Not a POSIX file system: nothing finer to set.
    }
  }
}
