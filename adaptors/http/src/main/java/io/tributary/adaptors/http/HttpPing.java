package io.tributary.adaptors.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Checks a connection with its {@code http.ping} request; without one, a GET of the base URI. A 2xx
 * answer that passes the ping's success/fail rules means the connection works.
 */
final class HttpPing {
  private HttpPing() {}

  static void ping(Session session) {
    JsonNode ping = session.connection().ping();
    Endpoint endpoint =
        ping.isObject() ? Endpoint.of(ping, "GET") : new Endpoint("GET", "", null, List.of(), null);
    HttpCall call = session.requests().build(endpoint, session.context().templateContext());
    HttpReply reply = session.send(call);
    if (!reply.ok()) throw Failures.unexpectedStatus(reply);
    ResponseCheck check = ResponseCheck.from(ping);
    if (!check.isEmpty()) ResponseReader.check(check, ResponseReader.json(reply), call);
  }
}
