package io.tributary.adaptors.file;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.PageSource;
import io.tributary.adaptors.RecordError;
import io.tributary.adaptors.StepContext;
import io.tributary.adaptors.Throttle;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The records of the matching files of a directory, in pages of {@code pageSize}: files in name
 * order, each read as a stream. A file that cannot be parsed becomes an error naming it and the
 * line (see {@link #takeErrors()}) and stays where it is; the other files go on. Files read through
 * are deleted or moved to the backup directory when the job completes (see {@link FileJobSession}).
 */
final class FilePageSource implements PageSource {
  private final StepContext context;
  private final Connector connector;
  private final FileJobSession session;
  private final FtpSettings settings;
  private final FileSource source;
  private final FileFormat format;
  private final int pageSize;
  private final List<RecordError> errors = new ArrayList<>();
  private RemoteFiles remote;
  private Deque<RemoteFiles.Entry> files;
  private FileParts current;

  FilePageSource(StepContext context, Connector connector, FileJobSession session) {
    this.context = context;
    this.connector = connector;
    this.session = session;
    this.settings = FtpSettings.of(context.connection());
    this.source = FileSource.of(context.resource());
    this.format = FileFormat.of(context.resource());
    this.pageSize = Math.max(1, context.resource().path("pageSize").asInt(20));
  }

  @Override
  public Optional<List<ObjectNode>> next() {
    List<ObjectNode> page = new ArrayList<>(Math.min(pageSize, 1000));
    try (Throttle.Slot slot = context.throttle().acquire()) {
      if (files == null) list();
      while (page.size() < pageSize) {
        if (context.canceled().getAsBoolean())
          throw new AdaptorException(
              AdaptorException.Kind.TRANSIENT, "canceled", "The job was canceled.");
        if (current == null && !openNext()) break;
        ObjectNode record = read();
        if (record != null) page.add(record);
      }
    }
    return page.isEmpty() ? Optional.empty() : Optional.of(page);
  }

  private void list() {
    remote = connector.connect(settings);
    try {
      files = new ArrayDeque<>();
      for (RemoteFiles.Entry e : remote.list(source.directory()))
        if (source.matches(e.name())) files.add(e);
    } catch (IOException e) {
      throw Failures.of(settings, "list " + source.directory(), e);
    }
  }

  private boolean openNext() {
    RemoteFiles.Entry next = files.poll();
    if (next == null) return false;
    String path = RemoteFiles.join(source.directory(), next.name());
    try {
      current = new FileParts(path, remote.read(path), format);
    } catch (IOException e) {
      throw Failures.of(settings, "read " + path, e);
    }
    return true;
  }

  /** The current file's next record; null when it ended or failed (then it is closed). */
  private ObjectNode read() {
    FileParts file = current;
    try {
      ObjectNode record = file.next();
      if (record != null) return record;
      current = null;
      file.close();
      if (session != null && !format.skipDelete())
        session.afterRead(settings, file.path(), source.backupDirectory());
      return null;
    } catch (RecordReader.Malformed e) {
      current = null;
      file.closeQuietly();
      errors.add(
          RecordError.of(
              "malformed_file",
              "File "
                  + file.path()
                  + file.where()
                  + " could not be parsed at "
                  + e.getMessage()
                  + "; it was left in place.",
              "application"));
      return null;
    } catch (IOException e) {
      throw Failures.of(settings, "read " + file.path(), e);
    }
  }

  @Override
  public List<RecordError> takeErrors() {
    if (errors.isEmpty()) return List.of();
    List<RecordError> taken = List.copyOf(errors);
    errors.clear();
    return taken;
  }

  @Override
  public void close() {
    if (current != null) current.closeQuietly();
    current = null;
    if (remote != null) remote.close();
    remote = null;
  }
}
