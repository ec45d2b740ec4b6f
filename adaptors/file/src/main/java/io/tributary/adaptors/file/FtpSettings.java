package io.tributary.adaptors.file;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.AdaptorException.Kind;
import java.net.URI;

/**
 * A connection's {@code ftp} block (D25): {@code type} sftp|ftp|ftps, {@code hostURI} (a host name,
 * or a URI whose scheme and port are honoured), {@code port}, {@code username}, {@code password},
 * {@code authKey} (a PEM private key, SFTP), {@code passphrase}, {@code usePassiveMode}.
 */
record FtpSettings(
    Protocol protocol,
    String host,
    int port,
    String username,
    String password,
    String authKey,
    String passphrase,
    boolean passive) {

  /** The protocols of an {@code ftp} connection. */
  enum Protocol {
    SFTP(22),
    FTP(21),
    FTPS(21);

    final int defaultPort;

    Protocol(int defaultPort) {
      this.defaultPort = defaultPort;
    }
  }

  static FtpSettings of(JsonNode connection) {
    JsonNode f = connection.path("ftp");
    String raw = f.path("hostURI").asText("").trim();
    if (raw.isEmpty()) throw config("The connection has no ftp.hostURI.");
    String typeName = f.path("type").asText("");
    String host = raw;
    int uriPort = -1;
    if (raw.contains("://")) {
      URI uri = URI.create(raw);
      host = uri.getHost();
      uriPort = uri.getPort();
      if (typeName.isEmpty() && uri.getScheme() != null) typeName = uri.getScheme();
    }
    if (host == null || host.isEmpty()) throw config("ftp.hostURI has no host: " + raw);
    Protocol protocol =
        switch (typeName.isEmpty() ? "ftp" : typeName.toLowerCase(java.util.Locale.ROOT)) {
          case "sftp" -> Protocol.SFTP;
          case "ftp" -> Protocol.FTP;
          case "ftps" -> Protocol.FTPS;
          default -> throw config("ftp.type must be sftp, ftp or ftps, not " + typeName + ".");
        };
    int port = f.path("port").asInt(uriPort > 0 ? uriPort : protocol.defaultPort);
    return new FtpSettings(
        protocol,
        host,
        port,
        f.path("username").asText(""),
        text(f, "password"),
        text(f, "authKey"),
        text(f, "passphrase"),
        f.path("usePassiveMode").asBoolean(true));
  }

  private static String text(JsonNode f, String field) {
    JsonNode v = f.get(field);
    return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
  }

  String describe() {
    return protocol.name().toLowerCase(java.util.Locale.ROOT) + "://" + host + ":" + port;
  }

  private static AdaptorException config(String message) {
    return new AdaptorException(Kind.FATAL, "invalid_connection", message);
  }
}
