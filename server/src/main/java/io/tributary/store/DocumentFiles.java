package io.tributary.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Large document texts kept as files beside the embedded database instead of in it.
 *
 * <p>Why: H2's MVStore keeps every text over 256 bytes in its LOB storage, and four clients
 * replacing 1–5 MB documents for a minute broke it (issue 11, item 5: "File corrupted in chunk",
 * {@code MVStoreException: AssertionError}, then "database closed"; 2.4.240 and 2.5.252 alike,
 * failures that depend on timing and showed on an idle machine). Past {@link #threshold} the
 * database holds only a short reference ({@code doc-file:<sha-256>}) and the text is a file named
 * by its hash, so MVStore never sees multi-megabyte values.
 *
 * <p>A file is written (temporary name, fsync, atomic rename, directory fsync) before the row that
 * names it is committed, and is immutable after: readers never see a partial file, and a row's
 * reference is valid from its commit on. Files no row names are removed by {@link #sweep} only once
 * they are older than {@link #GRACE}, so a file written (or, for equal content, touched) by a
 * transaction that has not committed yet is never removed under it, nor one a reader found in a row
 * it read just before the row was replaced. PostgreSQL keeps large values well (TOAST): there the
 * store uses {@link #NONE}.
 */
public final class DocumentFiles {
  static final String PREFIX = "doc-file:";
  // Far longer than a transaction that writes a document or a read that follows a row to its file.
  static final Duration GRACE = Duration.ofMinutes(2);

  /** Keeps every text in the database. */
  public static final DocumentFiles NONE = new DocumentFiles(null, Integer.MAX_VALUE);

  private final Path dir;
  private final int threshold;
  // Renewing a file and sweeping it exclude each other: otherwise a sweep could remove a file
  // between a writer's check that it is there and the commit of the row that names it.
  private final Object renewOrSweep = new Object();

  private DocumentFiles(Path dir, int threshold) {
    this.dir = dir;
    this.threshold = threshold;
  }

  /** Texts of more than {@code threshold} characters go to files in {@code dir}. */
  public static DocumentFiles in(Path dir, int threshold) {
    DataDir.prepare(dir);
    return new DocumentFiles(dir, threshold);
  }

  /** The SQL {@code like} pattern matching the columns that name a file. */
  public static String likePattern() {
    return PREFIX + "%";
  }

  /** What to store in the column for {@code text}: the text itself or a file's reference. */
  public String toColumn(String text) {
    if (dir == null || text.length() <= threshold) return text;
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    String name = sha256(bytes);
    Path file = dir.resolve(name);
    try {
      synchronized (renewOrSweep) {
        if (Files.exists(file) && Files.size(file) == bytes.length) {
          // Same content as a file already there, maybe unreferenced and near its sweep: renew it.
          Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
          return PREFIX + name;
        }
      }
      write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a document file in " + dir, e);
    }
    return PREFIX + name;
  }

  /** The text a column holds, read from its file when it names one. */
  public String fromColumn(String column) {
    if (column == null || !column.startsWith(PREFIX)) return column;
    if (dir == null)
      throw new IllegalStateException("a document names a file but this store keeps none");
    Path file = dir.resolve(name(column));
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalStateException("the document file " + file + " is missing", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the document file " + file, e);
    }
  }

  /**
   * Removes the files (and abandoned temporary files) older than {@link #GRACE} that no column in
   * {@code referenced} names; answers how many it removed.
   */
  public int sweep(Set<String> referenced, Instant now) {
    if (dir == null) return 0;
    Set<String> names =
        referenced.stream()
            .filter(c -> c.startsWith(PREFIX))
            .map(DocumentFiles::name)
            .collect(java.util.stream.Collectors.toSet());
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    int removed = 0;
    for (Path f : files) {
      String n = f.getFileName().toString();
      if (names.contains(n)) continue;
      try {
        synchronized (renewOrSweep) {
          if (Files.getLastModifiedTime(f).toInstant().isAfter(now.minus(GRACE))) continue;
          if (Files.deleteIfExists(f)) removed++;
        }
      } catch (NoSuchFileException gone) {
        // removed meanwhile
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove " + f, e);
      }
    }
    return removed;
  }

  private void write(Path file, byte[] bytes) throws IOException {
    Path tmp = Files.createTempFile(dir, ".tmp-", "");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.write(java.nio.ByteBuffer.wrap(bytes));
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      syncDirectory();
    } finally {
      Files.deleteIfExists(tmp);
    }
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // nothing finer to set
    }
  }

  /** The rename is durable only once the directory entry is on disk. */
  private void syncDirectory() throws IOException {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException notSupported) {
      // Some file systems refuse to open a directory; the rename is then as durable as they make
      // it.
    }
  }

  private static String name(String column) {
    String n = column.substring(PREFIX.length());
    if (!n.matches("[0-9a-f]{64}")) throw new IllegalStateException("bad document file reference");
    return n;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
