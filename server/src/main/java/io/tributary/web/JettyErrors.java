package io.tributary.web;

import io.tributary.core.ErrorItem;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before any route runs (a path with {@code %00} or bytes that are not
 * UTF-8, a malformed request line): the same error envelope as the API's, instead of an HTML page.
 */
final class JettyErrors extends ErrorHandler {
  /** Jetty writes error bodies for GET, POST and HEAD only; every client of the API expects one. */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    String text = message == null || message.isBlank() ? "The request could not be read." : message;
    String body =
        Json.write(Map.of("errors", List.of(new ErrorItem(ErrorMapper.codeFor(code), text, null))));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
  }
}
