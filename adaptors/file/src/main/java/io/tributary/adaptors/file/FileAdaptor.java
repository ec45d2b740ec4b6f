package io.tributary.adaptors.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.Adaptor;
import io.tributary.adaptors.AdaptorDescriptor;
import io.tributary.adaptors.AdaptorDescriptor.AdaptorTypes;
import io.tributary.adaptors.AdaptorDescriptor.ConnectionKind;
import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.JobSession;
import io.tributary.adaptors.LookupResult;
import io.tributary.adaptors.NetworkGuard;
import io.tributary.adaptors.PageSource;
import io.tributary.adaptors.StepContext;
import io.tributary.adaptors.SubmitResult;
import io.tributary.adaptors.Throttle;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Files on SFTP, FTP and FTPS servers (D25): {@code ftp} connections, {@code FTPExport}s reading
 * CSV, JSON, XML and XLSX files (gzip or zip) as streams, {@code FTPImport}s writing CSV or JSON
 * files under a temporary name until the job completes.
 */
public final class FileAdaptor implements Adaptor {
  private static final AdaptorDescriptor DESCRIPTOR =
      new AdaptorDescriptor(
          // One transfer at a time per connection by default: file servers often limit sessions per
          // user.
          List.of(new ConnectionKind("ftp", "ftp", 1, Set.of("password", "authKey", "passphrase"))),
          List.of(new AdaptorTypes("ftp", "FTPExport", "FTPImport", Set.of("ftp"))));
  private final Connector connector;

  /**
   * Reaching only what {@link NetworkGuard#fromEnvironment()} allows; used by {@link
   * java.util.ServiceLoader}.
   */
  public FileAdaptor() {
    this(NetworkGuard.fromEnvironment());
  }

  public FileAdaptor(NetworkGuard guard) {
    this.connector = new Connector(guard);
  }

  @Override
  public AdaptorDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void close() {
    connector.close();
  }

  @Override
  public JobSession openSession(String jobId) {
    return new FileJobSession(jobId, connector);
  }

  /** Logs in and lists the login directory. */
  @Override
  public void ping(StepContext context) {
    FtpSettings settings = FtpSettings.of(context.connection());
    try (Throttle.Slot slot = context.throttle().acquire();
        RemoteFiles remote = connector.connect(settings)) {
      remote.list("");
    } catch (IOException e) {
      throw Failures.of(settings, "list the login directory", e);
    }
  }

  @Override
  public PageSource export(StepContext context) {
    return new FilePageSource(
        context, connector, context.session() instanceof FileJobSession s ? s : null);
  }

  @Override
  public List<LookupResult> lookup(StepContext context, List<ObjectNode> records) {
    throw new AdaptorException(
        AdaptorException.Kind.FATAL, "not_supported", "A file export cannot be used as a lookup.");
  }

  /**
   * Writes the page into the job's file for this import (opened at the first page), or into a file
   * of its own with {@code skipAggregation} or outside a job (renamed as soon as it is written).
   */
  @Override
  public List<SubmitResult> submit(StepContext context, List<JsonNode> records) {
    FtpSettings settings = FtpSettings.of(context.connection());
    FileTarget target = FileTarget.of(context.resource());
    FileJobSession session = context.session() instanceof FileJobSession s ? s : null;
    try (Throttle.Slot slot = context.throttle().acquire()) {
      if (session != null && !target.perPage()) {
        String key =
            context
                .resource()
                .path("_id")
                .asText(target.directory() + "/" + target.fileNameTemplate());
        ImportFile file =
            session.file(
                key,
                () ->
                    ImportFile.open(
                        connector,
                        settings,
                        target,
                        name(context, target, session),
                        session.jobId()));
        return file.write(records);
      }
      try (ImportFile file =
          ImportFile.open(
              connector,
              settings,
              target,
              name(context, target, session),
              UUID.randomUUID().toString())) {
        List<SubmitResult> results = file.write(records);
        file.commit();
        return results;
      }
    }
  }

  /**
   * The file name template rendered with the call's roots ({@code job}, {@code settings}, helpers
   * such as {@code timestamp}).
   */
  private static String name(StepContext context, FileTarget target, FileJobSession session) {
    String name;
    try {
      name =
          context.templates().render(target.fileNameTemplate(), context.templateContext()).trim();
    } catch (IllegalArgumentException e) {
      throw FileFormat.config("ftp.fileName is not a valid template: " + e.getMessage());
    }
    if (name.isEmpty() || name.contains("/") || name.equals("..") || name.equals(".")) {
      throw FileFormat.config("ftp.fileName rendered \"" + name + "\", which is not a file name.");
    }
    return session == null ? name : session.unique(target.directory(), name);
  }
}
