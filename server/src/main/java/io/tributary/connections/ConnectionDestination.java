package io.tributary.connections;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Locale;

/**
 * Where a connection sends its credentials: the origin (scheme, host, port) of its {@code http} or
 * {@code rest} base URI, the host and port of its database or FTP server. A path change is not a
 * move; a host or port change is. A templated base URI depends on the connection's settings, so
 * they count too.
 */
final class ConnectionDestination {
  private ConnectionDestination() {}

  static String of(JsonNode doc) {
    StringBuilder b = new StringBuilder(doc.path("type").asText(""));
    for (String block : new String[] {"http", "rest"}) {
      JsonNode base = doc.path(block).path("baseURI");
      if (base.isTextual())
        b.append(' ').append(block).append('=').append(origin(base.asText(), doc));
    }
    JsonNode r = doc.path("rdbms");
    if (r.isObject()) {
      b.append(" rdbms=")
          .append(r.path("type").asText(""))
          .append("://")
          .append(r.path("host").asText("").trim().toLowerCase(Locale.ROOT))
          .append(':')
          .append(r.path("port").asText(""))
          .append('\\')
          .append(r.path("instanceName").asText(""));
    }
    JsonNode f = doc.path("ftp");
    if (f.isObject()) {
      b.append(" ftp=")
          .append(f.path("type").asText(""))
          .append("://")
          .append(f.path("hostURI").asText("").trim().toLowerCase(Locale.ROOT))
          .append(':')
          .append(f.path("port").asText(""));
    }
    return b.toString();
  }

  private static String origin(String baseUri, JsonNode doc) {
    String text = baseUri.trim();
    if (text.contains("{{")) return text + " settings=" + doc.path("settings");
    try {
      URI u = URI.create(text);
      if (u.getScheme() == null || u.getHost() == null) return text;
      String scheme = u.getScheme().toLowerCase(Locale.ROOT);
      int port =
          u.getPort() != -1
              ? u.getPort()
              : scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
      return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
