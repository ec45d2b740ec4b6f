package io.tributary.connections;

import static io.tributary.resources.Checks.Kind.STRING;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.AdaptorDescriptor;
import io.tributary.adaptors.AdaptorRegistry;
import io.tributary.resources.Checks;
import io.tributary.resources.ResourceTypes;
import io.tributary.resources.Validation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The adaptor families: which block of an export or import names which {@code adaptorType}, and
 * which connection types it can use. Shared by the export, import and connection validators. The
 * registered adaptors declare the families and connection types they run; integrator.io's other
 * ones ({@link #STORED_ONLY}) are accepted and stored so documents round-trip, but no adaptor runs
 * them yet. An adaptor declaring one of those takes it over.
 */
public final class Adaptors {
  /** One family; {@code exportType}/{@code importType} null where the family has no such side. */
  public record Family(
      String block, String exportType, String importType, Set<String> connectionTypes) {}

  /** integrator.io's families that no built-in adaptor runs (yet). */
  static final List<Family> STORED_ONLY =
      List.of(
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

  /** integrator.io's connection types that no built-in adaptor serves (yet). */
  static final Set<String> STORED_ONLY_CONNECTION_TYPES =
      Set.of(
          "ftp",
          "s3",
          "netsuite",
          "salesforce",
          "mongodb",
          "dynamodb",
          "jdbc",
          "as2",
          "van",
          "filesystem",
          "wrapper",
          "mcp");

  private final List<Family> families = new ArrayList<>();
  private final Set<String> connectionTypes = new LinkedHashSet<>();
  private final List<String> servedBlocks = new ArrayList<>();

  public Adaptors(AdaptorRegistry registry) {
    for (AdaptorDescriptor.AdaptorTypes t : registry.adaptorTypes()) {
      families.add(new Family(t.block(), t.exportType(), t.importType(), t.connectionTypes()));
    }
    for (Family f : STORED_ONLY) {
      if (families.stream().noneMatch(g -> g.block().equals(f.block()))) families.add(f);
    }
    for (AdaptorDescriptor.ConnectionKind c : registry.connectionKinds()) {
      connectionTypes.add(c.type());
      servedBlocks.add(c.block());
    }
    connectionTypes.addAll(STORED_ONLY_CONNECTION_TYPES);
  }

  /**
   * Every connection type a connection may have: those adaptors serve, then integrator.io's others.
   */
  public Set<String> connectionTypes() {
    return connectionTypes;
  }

  /** The settings blocks of the connection types adaptors serve. */
  public List<String> servedBlocks() {
    return servedBlocks;
  }

  /**
   * Derives {@code adaptorType} when absent and checks it when present, then checks {@code
   * _connectionId} against it. {@code exports} picks the export or the import side.
   */
  public void check(ObjectNode doc, Validation v, boolean exports) {
    Checks.is(v, doc, "adaptorType", "adaptorType", STRING);
    Checks.is(v, doc, "_connectionId", "_connectionId", STRING);
    List<Family> blocks = new ArrayList<>();
    for (Family f : families) {
      if (side(f, exports) != null && doc.path(f.block()).isObject()) blocks.add(f);
    }
    Optional<ObjectNode> connection =
        v.reference("_connectionId", ResourceTypes.CONNECTIONS, doc.get("_connectionId"));
    String connectionType = connection.map(c -> c.path("type").asText(null)).orElse(null);
    String adaptor = doc.path("adaptorType").isTextual() ? doc.get("adaptorType").asText() : null;
    if (adaptor == null) {
      adaptor = derive(doc, blocks, connectionType, exports);
      if (adaptor == null) {
        v.problem(
            "missing_required_field",
            "adaptorType is required: it cannot be derived (add an adaptor block such as \"http\" or a _connectionId)",
            "adaptorType");
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
        v.invalid(
            "adaptorType",
            "adaptorType " + adaptor + " does not match the \"" + b.block() + "\" block");
      }
    }
    connectionRules(doc, v, family, adaptor, connectionType, connection.isPresent());
  }

  private static void connectionRules(
      ObjectNode doc,
      Validation v,
      Family family,
      String adaptor,
      String connectionType,
      boolean connectionFound) {
    boolean hasConnection = doc.hasNonNull("_connectionId");
    if (exportsWithoutConnection(adaptor)) {
      if (hasConnection) v.invalid("_connectionId", adaptor + " does not take a _connectionId");
      return;
    }
    if (!hasConnection) {
      v.missing("_connectionId");
      return;
    }
    if (connectionFound
        && connectionType != null
        && !family.connectionTypes().contains(connectionType)) {
      v.invalid("_connectionId", adaptor + " cannot use a connection of type " + connectionType);
    }
  }

  private static boolean exportsWithoutConnection(String adaptor) {
    return CONNECTIONLESS.contains(adaptor);
  }

  private String derive(
      ObjectNode doc, List<Family> blocks, String connectionType, boolean exports) {
    if (blocks.size() == 1) return side(blocks.get(0), exports);
    if (exports
        && blocks.isEmpty()
        && "webhook".equals(doc.path("type").asText())
        && !doc.hasNonNull("_connectionId")) {
      return "WebhookExport";
    }
    if (connectionType != null) {
      for (Family f : families) {
        if (f.block().equals(connectionType) && side(f, exports) != null) return side(f, exports);
      }
    }
    return null;
  }

  private Family byAdaptor(String adaptor, boolean exports) {
    for (Family f : families) if (adaptor.equals(side(f, exports))) return f;
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
