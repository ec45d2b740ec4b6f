package io.tributary.adaptors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.function.BooleanSupplier;

/**
 * Everything an adaptor call may use.
 *
 * @param connection the connection document with its secrets decrypted (never log it)
 * @param resource the export or import document (secrets decrypted)
 * @param templateContext the Handlebars roots shared by every record of the call: {@code settings},
 *     {@code params}, {@code job}, {@code connection}, {@code lastExportDateTime}, {@code
 *     currentExportDateTime}; adaptors add {@code record}/{@code data} per record
 * @param canceled true once the job was canceled: stop at the next request boundary
 * @param maxResponseBytes responses larger than this are refused (FATAL or record error)
 * @param session what this adaptor keeps for the job ({@link JobSession#NONE} outside a job)
 */
public record StepContext(
    ObjectNode connection,
    ObjectNode resource,
    ObjectNode templateContext,
    Templating templates,
    Throttle throttle,
    BooleanSupplier canceled,
    Clock clock,
    long maxResponseBytes,
    JobSession session) {
  public StepContext {
    if (session == null) session = JobSession.NONE;
  }

  /** A context with no job session (ping, tests). */
  public StepContext(
      ObjectNode connection,
      ObjectNode resource,
      ObjectNode templateContext,
      Templating templates,
      Throttle throttle,
      BooleanSupplier canceled,
      Clock clock,
      long maxResponseBytes) {
    this(
        connection,
        resource,
        templateContext,
        templates,
        throttle,
        canceled,
        clock,
        maxResponseBytes,
        JobSession.NONE);
  }
}
