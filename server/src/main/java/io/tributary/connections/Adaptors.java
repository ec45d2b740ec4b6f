package io.tributary.connections;

import static io.tributary.resources.Checks.Kind.STRING;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.resources.Checks;
import io.tributary.resources.ResourceTypes;
import io.tributary.resources.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The adaptor families: which block of an export or import names which {@code adaptorType}, and
 * which connection types it can use. Shared by the export and import validators.
 */
public final class Adaptors {
  /** One family; {@code exportType}/{@code importType} null where the family has no such side. */
  public record Family(String block, String exportType, String importType, Set<String> connectionTypes) {}

  public static final List<Family> FAMILIES = List.of(
      new Family("http", "HTTPExport", "HTTPImport", Set.of("http", "rest")),
      new Family("rest", "RESTExport", "RESTImport", Set.of("rest", "http")),
      new Family("rdbms", "RDBMSExport", "RDBMSImport", Set.of("rdbms")),
      new Family("ftp", "FTPExport", "FTPImport", Set.of("ftp")),
      new Family("s3", "S3Export", "S3Import", Set.of("s3")),
      new Family("netsuite", "NetSuiteExport", "NetSuiteImport", Set.of("netsuite")),
      new Family("salesforce", "SalesforceExport", "SalesforceImport", Set.of("salesforce")),
      new Family("mongodb", "MongodbExport", "MongodbImport", Set.of("mongodb")),
      new Family("dynamodb", "DynamodbExport", "DynamodbImport", Set.of("dynamodb")),
      new Family("jdbc", "JDBCExport", "JDBCImport", Set.of("jdbc")),
      new Family("as2", "AS2Export", "AS2Import", Set.of("as2")),
      new Family("wrapper", "WrapperExport", "WrapperImport", Set.of("wrapper")),
      new Family("filesystem", "FileSystemExport", "FileSystemImport", Set.of("filesystem")),
      new Family("webhook", "WebhookExport", null, Set.of()),
      new Family("simple", "SimpleExport", null, Set.of()));

  /** Export adaptors that listen or take uploads and so have no connection. */
  public static final Set<String> CONNECTIONLESS = Set.of("WebhookExport", "SimpleExport");

  public static final Set<String> CONNECTION_TYPES = Set.of(
      "http", "rest", "rdbms", "ftp", "s3", "netsuite", "salesforce", "mongodb", "dynamodb", "jdbc", "as2", "van",
      "filesystem", "wrapper", "mcp");

  private Adaptors() {}

  /**
   * Derives {@code adaptorType} when absent and checks it when present, then checks
   * {@code _connectionId} against it. {@code exports} picks the export or the import side.
   */
  public static void check(ObjectNode doc, Validation v, boolean exports) {
    Checks.is(v, doc, "adaptorType", "adaptorType", STRING);
    Checks.is(v, doc, "_connectionId", "_connectionId", STRING);
    List<Family> blocks = new ArrayList<>();
    for (Family f : FAMILIES) {
      if (side(f, exports) != null && doc.path(f.block()).isObject()) blocks.add(f);
    }
    Optional<ObjectNode> connection = v.reference("_connectionId", ResourceTypes.CONNECTIONS, doc.get("_connectionId"));
    String connectionType = connection.map(c -> c.path("type").asText(null)).orElse(null);
    String adaptor = doc.path("adaptorType").isTextual() ? doc.get("adaptorType").asText() : null;
    if (adaptor == null) {
      adaptor = derive(doc, blocks, connectionType, exports);
      if (adaptor == null) {
        v.problem("missing_required_field", "adaptorType is required: it cannot be derived (add an adaptor block such as \"http\" or a _connectionId)", "adaptorType");
        return;
      }
      doc.put("adaptorType", adaptor);
    }
    Family family = byAdaptor(adaptor, exports);
    if (family == null) {
      v.invalid("adaptorType", "Unknown adaptorType " + adaptor);
      return;
    }
    for (Family b : blocks) {
      if (b != family && !(family.block().equals("webhook") || b.block().equals("webhook"))) {
        v.invalid("adaptorType", "adaptorType " + adaptor + " does not match the \"" + b.block() + "\" block");
      }
    }
    connectionRules(doc, v, family, adaptor, connectionType, connection.isPresent());
  }

  private static void connectionRules(ObjectNode doc, Validation v, Family family, String adaptor,
      String connectionType, boolean connectionFound) {
    boolean hasConnection = doc.hasNonNull("_connectionId");
    if (exportsWithoutConnection(adaptor)) {
      if (hasConnection) v.invalid("_connectionId", adaptor + " does not take a _connectionId");
      return;
    }
    if (!hasConnection) {
      v.missing("_connectionId");
      return;
    }
    if (connectionFound && connectionType != null && !family.connectionTypes().contains(connectionType)) {
      v.invalid("_connectionId", adaptor + " cannot use a connection of type " + connectionType);
    }
  }

  private static boolean exportsWithoutConnection(String adaptor) {
    return CONNECTIONLESS.contains(adaptor);
  }

  private static String derive(ObjectNode doc, List<Family> blocks, String connectionType, boolean exports) {
    if (blocks.size() == 1) return side(blocks.get(0), exports);
    if (exports && blocks.isEmpty() && "webhook".equals(doc.path("type").asText()) && !doc.hasNonNull("_connectionId")) {
      return "WebhookExport";
    }
    if (connectionType != null) {
      for (Family f : FAMILIES) {
        if (f.block().equals(connectionType) && side(f, exports) != null) return side(f, exports);
      }
    }
    return null;
  }

  private static Family byAdaptor(String adaptor, boolean exports) {
    for (Family f : FAMILIES) if (adaptor.equals(side(f, exports))) return f;
    return null;
  }

  private static String side(Family f, boolean exports) {
    return exports ? f.exportType() : f.importType();
  }

  /** The block holding a connection type's settings, e.g. {@code http} for an http connection. */
  public static JsonNode block(ObjectNode connection) {
    return connection.path(connection.path("type").asText(""));
  }
}
