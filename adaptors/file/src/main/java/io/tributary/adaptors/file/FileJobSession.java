package io.tributary.adaptors.file;

import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.JobSession;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the file adaptor stages for one job: the files its exports read through (deleted or moved to
 * the backup directory only when the job completes, so a failed job reads them again) and the files
 * its imports write (renamed to their final names only when the job completes; left under their
 * temporary names otherwise).
 */
final class FileJobSession implements JobSession {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(FileJobSession.class);
  private final String jobId;
  private final Connector connector;
  private final List<ReadFile> read = new ArrayList<>();
  private final Map<String, ImportFile> writing = new LinkedHashMap<>();
  private final Set<String> names = new HashSet<>();

  /**
   * A file read through, and where it goes when the job completes (deleted without a backup
   * directory).
   */
  record ReadFile(FtpSettings settings, String path, String backupDirectory) {}

  FileJobSession(String jobId, Connector connector) {
    this.jobId = jobId;
    this.connector = connector;
  }

  String jobId() {
    return jobId;
  }

  synchronized void afterRead(FtpSettings settings, String path, String backupDirectory) {
    read.add(new ReadFile(settings, path, backupDirectory));
  }

  /** The job's file for {@code key} (one per import), opened by {@code open} the first time. */
  synchronized ImportFile file(String key, Supplier<ImportFile> open) {
    return writing.computeIfAbsent(key, k -> open.get());
  }

  /**
   * {@code name}, or {@code name} with {@code -2}, {@code -3}... before its extension when this job
   * already wrote a file of that name (one file per page with a template that names them alike).
   */
  synchronized String unique(String directory, String name) {
    String candidate = name;
    int dot = name.lastIndexOf('.');
    for (int n = 2; !names.add(RemoteFiles.join(directory, candidate)); n++) {
      candidate = dot > 0 ? name.substring(0, dot) + "-" + n + name.substring(dot) : name + "-" + n;
    }
    return candidate;
  }

  @Override
  public synchronized void end(Outcome outcome) {
    if (outcome != Outcome.COMPLETED) {
      writing.values().forEach(ImportFile::abandon);
      return;
    }
    AdaptorException first = null;
    for (ImportFile f : writing.values()) {
      try {
        f.commit();
      } catch (AdaptorException e) {
        if (first == null) first = e;
      }
    }
    try {
      removeRead();
    } catch (AdaptorException e) {
      if (first == null) first = e;
    }
    if (first != null) throw first;
  }

  @Override
  public synchronized boolean staged() {
    return !writing.isEmpty();
  }

  /** The files written so far are removed: the run that resumes the job writes them whole. */
  @Override
  public synchronized void handOver() {
    for (ImportFile f : writing.values()) {
      try {
        f.discard();
      } catch (RuntimeException e) {
        LOG.warn(
            "job {}: removing the temporary of {} failed: {}", jobId, f.finalPath(), e.toString());
      }
    }
    writing.clear();
    read.clear(); // left where they are: the resumed run reads them through again
  }

  /**
   * Deletes the files read through, or moves them to their backup directory, one session per
   * server.
   */
  private void removeRead() {
    Map<FtpSettings, List<ReadFile>> byServer = new LinkedHashMap<>();
    for (ReadFile f : read) byServer.computeIfAbsent(f.settings(), s -> new ArrayList<>()).add(f);
    for (var e : byServer.entrySet()) {
      try (RemoteFiles remote = connector.connect(e.getKey())) {
        Set<String> made = new HashSet<>();
        for (ReadFile f : e.getValue()) {
          try {
            if (f.backupDirectory().isEmpty()) {
              remote.delete(f.path());
            } else {
              if (made.add(f.backupDirectory())) remote.mkdirs(f.backupDirectory());
              remote.rename(
                  f.path(),
                  RemoteFiles.join(
                      f.backupDirectory(), f.path().substring(f.path().lastIndexOf('/') + 1)));
            }
          } catch (IOException x) {
            throw Failures.of(
                e.getKey(), (f.backupDirectory().isEmpty() ? "delete " : "back up ") + f.path(), x);
          }
        }
      }
    }
    read.clear();
  }

  @Override
  public synchronized void close() {
    for (ImportFile f : writing.values()) {
      try {
        f.close();
      } catch (RuntimeException e) {
        LOG.warn("job {}: closing {} failed: {}", jobId, f.finalPath(), e.toString());
      }
    }
    writing.clear();
  }
}
