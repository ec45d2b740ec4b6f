package io.tributary.adaptors.file;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.adaptors.RecordError;
import io.tributary.adaptors.SubmitResult;
import io.tributary.adaptors.json.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * One file an import writes, under a temporary name ({@code <name>.<id>.tmp}) until {@link
 * #commit()} renames it: nothing half-written ever carries the final name. Pages of a job may be
 * written from several threads: each page is written whole under the file's lock.
 */
final class ImportFile implements AutoCloseable {
  static final String TEMPORARY_SUFFIX = ".tmp";
  private final FtpSettings settings;
  private final RemoteFiles remote;
  private final RecordWriter records;
  private final String finalPath;
  private final String temporaryPath;
  private final Writer out;
  private boolean ended;

  private ImportFile(
      FtpSettings settings,
      RemoteFiles remote,
      RecordWriter records,
      String finalPath,
      String temporaryPath,
      Writer out) {
    this.settings = settings;
    this.remote = remote;
    this.records = records;
    this.finalPath = finalPath;
    this.temporaryPath = temporaryPath;
    this.out = out;
  }

  /**
   * Connects and starts writing {@code name} in the target's directory under its temporary name.
   */
  static ImportFile open(
      Connector connector, FtpSettings settings, FileTarget target, String name, String uniqueId) {
    RemoteFiles remote = connector.connect(settings);
    String finalPath = RemoteFiles.join(target.directory(), name);
    String temporaryPath = finalPath + "." + uniqueId + TEMPORARY_SUFFIX;
    try {
      Writer out =
          new BufferedWriter(
              new OutputStreamWriter(remote.write(temporaryPath), target.encoding()), 256 * 1024);
      return new ImportFile(
          settings, remote, RecordWriter.of(target), finalPath, temporaryPath, out);
    } catch (IOException e) {
      remote.close();
      throw Failures.of(settings, "write " + temporaryPath, e);
    }
  }

  String finalPath() {
    return finalPath;
  }

  /** Writes a page: one result per record, in order. A failure to transfer fails the whole call. */
  synchronized List<SubmitResult> write(List<JsonNode> page) {
    List<SubmitResult> results = new ArrayList<>(page.size());
    JsonNode written = Json.object().put("fileName", finalPath);
    try {
      for (JsonNode record : page) {
        RecordError error = records.write(record, out);
        results.add(
            error == null
                ? SubmitResult.success(null, written)
                : SubmitResult.failure(422, error, null));
      }
      out.flush(); // the page is on the server (under the temporary name) before its records count
      // as written
    } catch (IOException e) {
      throw Failures.of(settings, "write " + temporaryPath, e);
    }
    return results;
  }

  /** Ends the file and gives it its final name. */
  synchronized void commit() {
    try {
      end();
      remote.rename(temporaryPath, finalPath);
    } catch (IOException e) {
      throw Failures.of(settings, "rename " + temporaryPath + " to " + finalPath, e);
    }
  }

  /**
   * Ends the file and leaves it under its temporary name (the job did not complete: nothing is
   * lost, nothing looks final).
   */
  synchronized void abandon() {
    try {
      end();
    } catch (IOException e) {
      // the transfer broke; what reached the server keeps its temporary name
    }
  }

  /** Stops writing and removes the temporary file (the job is handed over), then disconnects. */
  synchronized void discard() {
    abandon();
    try {
      remote.delete(temporaryPath);
    } catch (IOException e) {
      throw Failures.of(settings, "delete " + temporaryPath, e);
    } finally {
      remote.close();
    }
  }

  private void end() throws IOException {
    if (ended) return;
    ended = true;
    records.finish(out);
    out.close();
  }

  @Override
  public synchronized void close() {
    if (!ended) abandon();
    remote.close();
  }
}
