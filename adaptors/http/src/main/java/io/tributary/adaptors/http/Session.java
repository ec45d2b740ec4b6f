package io.tributary.adaptors.http;

import io.tributary.adaptors.StepContext;

/** What one adaptor call works with: its context, the connection read from it, and how to send. */
record Session(
    StepContext context, HttpConnection connection, RequestBuilder requests, Retrier retrier) {
  static Session open(StepContext context, Retrier retrier) {
    HttpConnection connection = HttpConnection.from(context.connection());
    return new Session(
        context,
        connection,
        new RequestBuilder(connection, context.templates(), context.maxResponseBytes()),
        retrier);
  }

  HttpReply send(HttpCall call) {
    return retrier.send(call, connection, context);
  }
}
