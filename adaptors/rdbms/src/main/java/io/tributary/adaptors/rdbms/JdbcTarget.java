package io.tributary.adaptors.rdbms;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.adaptors.AdaptorException;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Where an {@code rdbms} connection points, as a JDBC URL plus driver properties. Nothing a user
 * typed is spliced into the URL unchecked: host, database and instance name must be plain names (a
 * database called {@code test?allowLocalInfile=true} would otherwise set a driver property), and
 * {@code options} go to the driver as {@link Properties}, never as URL text. Options that make the
 * driver read local files, load classes or write logs are refused, and local infile is forced off:
 * MariaDB's {@code LOAD DATA LOCAL INFILE} lets the server ask the client for any file of this
 * host.
 */
record JdbcTarget(String url, Properties properties) {
  private static final Pattern HOST =
      Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,252}|\\[?[0-9A-Fa-f:.]+]?");
  private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}_$][\\p{L}\\p{N}_$.-]{0,127}");
  private static final Pattern OPTION = Pattern.compile("[A-Za-z][A-Za-z0-9_.]{0,63}");

  /**
   * Option names containing these (case-insensitive) reach files, classes or sockets of this host.
   */
  private static final List<String> REFUSED_OPTION_PARTS =
      List.of(
          "infile",
          "factory",
          "class",
          "callback",
          "plugin",
          "logger",
          "logfile",
          "file",
          "store",
          "localsocket",
          "pipe",
          "path",
          "sslcert",
          "sslkey",
          "sslrootcert",
          "serversslcert",
          "jaas",
          "kerberos",
          "gss",
          "service");

  static JdbcTarget of(JsonNode r) {
    String type = r.path("type").asText("");
    String host = host(r);
    String db = name(r, "database", true);
    int port =
        port(
            r,
            switch (type) {
              case "mysql", "mariadb" -> 3306;
              case "mssql" -> 1433;
              default -> 5432;
            });
    Properties p = options(r.path("options"));
    return switch (type) {
      case "postgresql" -> {
        // stringtype=unspecified: text parameters (dates from templates) take the column's type.
        p.setProperty("stringtype", "unspecified");
        p.setProperty("reWriteBatchedInserts", "true");
        if (r.path("ssl").asBoolean(false)) p.setProperty("ssl", "true");
        yield new JdbcTarget("jdbc:postgresql://" + host + ":" + port + "/" + db, p);
      }
      case "mysql", "mariadb" -> {
        p.setProperty("allowLocalInfile", "false");
        yield new JdbcTarget("jdbc:mariadb://" + host + ":" + port + "/" + db, p);
      }
      // The driver ships, but no SQL Server runs here: only the URL is tested so far.
      case "mssql" -> {
        String instance = r.hasNonNull("instanceName") ? "\\" + name(r, "instanceName", false) : "";
        p.setProperty("databaseName", db);
        p.setProperty("encrypt", String.valueOf(r.path("ssl").asBoolean(false)));
        if (r.path("disableStrictSSL").asBoolean(false))
          p.setProperty("trustServerCertificate", "true");
        yield new JdbcTarget("jdbc:sqlserver://" + host + instance + ":" + port, p);
      }
      default ->
          throw new AdaptorException(
              AdaptorException.Kind.FATAL,
              "unsupported_database",
              "rdbms.type "
                  + type
                  + " is not supported yet (postgresql, mysql, mariadb and mssql are).");
    };
  }

  /** The host as the guard and the URL see it (IPv6 literals bracketed in the URL). */
  static String host(JsonNode r) {
    String host = r.path("host").asText("127.0.0.1").trim();
    if (!HOST.matcher(host).matches())
      throw invalid("rdbms.host must be a host name or an IP address.");
    if (host.contains(":") && !host.startsWith("[")) return "[" + host + "]";
    return host;
  }

  private static int port(JsonNode r, int dflt) {
    JsonNode p = r.get("port");
    if (p == null || p.isNull()) return dflt;
    int port =
        p.isIntegralNumber()
            ? p.asInt()
            : p.isTextual() && p.asText().matches("\\d{1,5}") ? Integer.parseInt(p.asText()) : -1;
    if (port < 1 || port > 65535) throw invalid("rdbms.port must be a number from 1 to 65535.");
    return port;
  }

  private static String name(JsonNode r, String field, boolean emptyAllowed) {
    String v = r.path(field).asText("");
    if (v.isEmpty() && emptyAllowed) return v;
    if (!NAME.matcher(v).matches()) {
      throw invalid(
          "rdbms."
              + field
              + " may hold letters, digits, _, $, . and - only (it is part of the connection URL).");
    }
    return v;
  }

  private static Properties options(JsonNode options) {
    Properties p = new Properties();
    for (JsonNode o : options) {
      String name = o.path("name").asText("");
      String lower = name.toLowerCase(Locale.ROOT);
      if (!OPTION.matcher(name).matches())
        throw invalid("rdbms.options name '" + name + "' is not a driver property name.");
      if (REFUSED_OPTION_PARTS.stream().anyMatch(lower::contains)) {
        throw invalid(
            "rdbms.options "
                + name
                + " is refused: it would let the driver reach files, classes or sockets of the server.");
      }
      p.setProperty(name, o.path("value").asText());
    }
    return p;
  }

  private static AdaptorException invalid(String message) {
    return new AdaptorException(AdaptorException.Kind.FATAL, "invalid_connection", message);
  }
}
