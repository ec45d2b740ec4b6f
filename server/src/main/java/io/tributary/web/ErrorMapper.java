package io.tributary.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.tributary.core.ErrorItem;
import io.tributary.core.Problem;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure to the error envelope and every domain {@link Problem} to its status, in
 * exactly one place.
 */
public final class ErrorMapper {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

  private ErrorMapper() {}

  public static void install(JavalinConfig config) {
    config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
    config.routes.exception(ApiException.class, (e, ctx) -> render(ctx, e.status(), e.errors()));
    config.routes.exception(Problem.class, (e, ctx) -> render(ctx, status(e), e.errors()));
    config.routes.exception(
        HttpResponseException.class,
        (e, ctx) ->
            render(
                ctx,
                e.getStatus(),
                List.of(new ErrorItem(codeFor(e.getStatus()), e.getMessage(), null))));
    config.routes.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
          render(
              ctx,
              500,
              List.of(new ErrorItem("internal_error", "An unexpected error occurred.", null)));
        });
    config.routes.error(
        404, ctx -> renderIfEmpty(ctx, "not_found", "No such resource or endpoint: " + ctx.path()));
    config.routes.error(
        405, ctx -> renderIfEmpty(ctx, "method_not_allowed", "Method not allowed here."));
    config.routes.error(
        413, ctx -> renderIfEmpty(ctx, "payload_too_large", "The request body is too large."));
  }

  public static void render(Context ctx, int status, List<ErrorItem> errors) {
    if (status == 401 && !errors.isEmpty()) {
      // The original answers 401 with a top-level message; clients print it (D28).
      ctx.status(status).json(Map.of("message", errors.get(0).message(), "errors", errors));
      return;
    }
    ctx.status(status).json(Map.of("errors", errors));
  }

  private static void renderIfEmpty(Context ctx, String code, String message) {
    String result = ctx.result();
    if (result == null || result.isEmpty() || !result.startsWith("{")) {
      render(ctx, ctx.statusCode(), List.of(new ErrorItem(code, message, null)));
    }
  }

  /** The one place a domain problem becomes a status. */
  static int status(Problem p) {
    return switch (p) {
      case Problem.Malformed m -> 400;
      case Problem.NotFound n -> 404;
      case Problem.Conflict c -> 409;
      case Problem.TooLarge t -> 413;
      case Problem.Invalid i -> 422;
    };
  }

  static String codeFor(int status) {
    return switch (status) {
      case 400 -> "invalid_request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 413 -> "payload_too_large";
      case 429 -> "rate_limited";
      default -> status >= 500 ? "internal_error" : "invalid_request";
    };
  }
}
