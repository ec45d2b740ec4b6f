package io.tributary.adaptors.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * One logged-in session with a file server (SFTP, FTP or FTPS). Not thread-safe: a page source or
 * an import file keeps its own. Paths are the server's, absolute or relative to the login
 * directory.
 */
interface RemoteFiles extends AutoCloseable {
  /** A regular file in a directory listing. */
  record Entry(String name, long size) {}

  /** The regular files of {@code directory}, in name order. */
  List<Entry> list(String directory) throws IOException;

  /** Reads a file as a stream; closing it ends the transfer. */
  InputStream read(String path) throws IOException;

  /** Creates (or truncates) a file and writes it as a stream; closing it ends the transfer. */
  OutputStream write(String path) throws IOException;

  /** Renames a file, replacing {@code to} if it exists. */
  void rename(String from, String to) throws IOException;

  void delete(String path) throws IOException;

  /** Creates the directory (and its parents) unless it exists. */
  void mkdirs(String directory) throws IOException;

  /** Logs out and disconnects. Never throws. */
  @Override
  void close();

  static String join(String directory, String name) {
    if (directory == null || directory.isEmpty()) return name;
    return directory.endsWith("/") ? directory + name : directory + "/" + name;
  }
}
