package io.tributary.adaptors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.JobSession;
import io.tributary.adaptors.PageSource;
import io.tributary.adaptors.RecordError;
import io.tributary.adaptors.StepContext;
import io.tributary.adaptors.SubmitResult;
import io.tributary.adaptors.Throttle;
import io.tributary.adaptors.file.testing.LocalFileServers;
import io.tributary.adaptors.json.Json;
import io.tributary.templating.HandlebarsTemplating;
import io.tributary.templating.Templates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The file adaptor against a real server of one protocol: every file type and option of D25 on the
 * export side, the temporary-name rule on the import side, refused logins and unreachable servers.
 * Subclasses start the server.
 */
abstract class FileAdaptorContract {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T10:15:30Z"), ZoneOffset.UTC);
  static LocalFileServers servers;
  final FileAdaptor adaptor = new FileAdaptor();
  Path in;
  Path out;
  String dir;

  /** The connection's {@code ftp} block for the server under test. */
  abstract ObjectNode ftp();

  @BeforeEach
  void directories() throws IOException {
    dir = "t" + Long.toHexString(System.nanoTime());
    in = servers.directory(dir + "/in");
    out = servers.directory(dir + "/out");
  }

  @AfterEach
  void closeAdaptor() {
    adaptor.close();
  }

  @AfterAll
  static void stopServers() {
    if (servers != null) servers.close();
    servers = null;
  }

  ObjectNode connection() {
    ObjectNode c = Json.object().put("type", "ftp");
    c.set("ftp", ftp());
    return c;
  }

  StepContext context(ObjectNode connection, ObjectNode resource, JobSession session) {
    ObjectNode roots = Json.object();
    roots.putObject("job").put("_id", "job1");
    return new StepContext(
        connection,
        resource,
        roots,
        new HandlebarsTemplating(new Templates(CLOCK)),
        Throttle.NONE,
        () -> false,
        CLOCK,
        5_000_000,
        session);
  }

  ObjectNode export(String file, String type) {
    ObjectNode e = Json.object().put("pageSize", 2);
    e.putObject("ftp").put("directoryPath", "/" + dir + "/in");
    e.putObject("file").put("type", type);
    return e;
  }

  /** Every page the export yields, and the errors its source reported. */
  record Read(List<List<ObjectNode>> pages, List<RecordError> errors) {
    List<ObjectNode> records() {
      return pages.stream().flatMap(List::stream).toList();
    }
  }

  Read read(ObjectNode export, JobSession session) {
    List<List<ObjectNode>> pages = new ArrayList<>();
    List<RecordError> errors = new ArrayList<>();
    try (PageSource source = adaptor.export(context(connection(), export, session))) {
      for (Optional<List<ObjectNode>> p = source.next(); ; p = source.next()) {
        errors.addAll(source.takeErrors());
        if (p.isEmpty()) break;
        pages.add(p.get());
      }
    }
    return new Read(pages, errors);
  }

  Read readAndComplete(ObjectNode export) {
    JobSession session = adaptor.openSession("job1");
    Read r = read(export, session);
    session.end(JobSession.Outcome.COMPLETED);
    session.close();
    return r;
  }

  void put(String name, String content) throws IOException {
    put(name, content.getBytes(StandardCharsets.UTF_8));
  }

  void put(String name, byte[] content) throws IOException {
    Files.write(in.resolve(name), content);
  }

  static List<String> names(Path d) throws IOException {
    try (var s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void csvWithAHeaderIsReadInPagesAndDeletedWhenTheJobCompletes() throws IOException {
    put("a.csv", "id,name\n1,Ada\n2,Bob\n3,\"Cy, Jr.\"\n");
    Read r = readAndComplete(export("a.csv", "csv"));
    assertThat(r.errors()).isEmpty();
    assertThat(r.pages()).hasSize(2);
    assertThat(r.records())
        .extracting(o -> o.get("name").asText())
        .containsExactly("Ada", "Bob", "Cy, Jr.");
    assertThat(r.records().get(0).get("id").asText()).isEqualTo("1");
    assertThat(names(in)).as("deleted after the job completed").isEmpty();
  }

  @Test
  void filesStayWhenTheJobFailsOrWithSkipDeleteAndMoveToTheBackupDirectory() throws IOException {
    put("a.csv", "id\n1\n");
    JobSession failed = adaptor.openSession("job1");
    assertThat(read(export("a.csv", "csv"), failed).records()).hasSize(1);
    failed.end(JobSession.Outcome.FAILED);
    failed.close();
    assertThat(names(in)).containsExactly("a.csv");

    ObjectNode skip = export("a.csv", "csv");
    ((ObjectNode) skip.get("file")).put("skipDelete", true);
    assertThat(readAndComplete(skip).records()).hasSize(1);
    assertThat(names(in)).containsExactly("a.csv");

    ObjectNode backup = export("a.csv", "csv");
    ((ObjectNode) backup.get("ftp")).put("backupDirectoryPath", "/" + dir + "/out/backup/2026");
    assertThat(readAndComplete(backup).records()).hasSize(1);
    assertThat(names(in)).isEmpty();
    assertThat(names(out.resolve("backup/2026"))).containsExactly("a.csv");
  }

  @Test
  void onlyFilesMatchingTheNameFiltersAreRead() throws IOException {
    put("orders-1.csv", "id\n1\n");
    put("orders-2.txt", "id\n2\n");
    put("refunds-3.csv", "id\n3\n");
    ObjectNode e = export("", "csv");
    ((ObjectNode) e.get("ftp"))
        .put("fileNameStartsWith", "orders-")
        .put("fileNameEndsWith", ".csv");
    assertThat(readAndComplete(e).records())
        .extracting(o -> o.get("id").asText())
        .containsExactly("1");
    assertThat(names(in)).containsExactly("orders-2.txt", "refunds-3.csv");
  }

  @Test
  void aMalformedFileIsAnErrorNamingTheFileAndLineWhileTheOtherFilesGoOn() throws IOException {
    put("1-good.csv", "id,v\n1,a\n");
    put("2-bad.csv", "id,v\n2,b\n3,c,extra\n4,d\n");
    put("3-good.csv", "id,v\n5,e\n");
    Read r = readAndComplete(export("", "csv"));
    assertThat(r.records()).extracting(o -> o.get("id").asText()).containsExactly("1", "2", "5");
    assertThat(r.errors()).hasSize(1);
    assertThat(r.errors().get(0).code()).isEqualTo("malformed_file");
    assertThat(r.errors().get(0).message())
        .contains("/" + dir + "/in/2-bad.csv")
        .contains("line 3");
    assertThat(names(in)).as("the bad file stays to be fixed").containsExactly("2-bad.csv");
  }

  @Test
  void csvOptionsDelimiterNoHeaderRowsToSkipAndTrimming() throws IOException {
    put("a.csv", "exported by ERP\n\n x ; y \n z ;\"w;1\"\n");
    ObjectNode e = export("a.csv", "csv");
    ((ObjectNode) e.get("file"))
        .putObject("csv")
        .put("columnDelimiter", ";")
        .put("hasHeaderRow", false)
        .put("rowsToSkip", 2)
        .put("trimSpaces", true);
    List<ObjectNode> records = readAndComplete(e).records();
    assertThat(records).hasSize(2);
    assertThat(records.get(0).toString()).isEqualTo("{\"Column0\":\"x\",\"Column1\":\"y\"}");
    assertThat(records.get(1).toString()).isEqualTo("{\"Column0\":\"z\",\"Column1\":\"w;1\"}");
  }

  @Test
  void keyColumnsGroupConsecutiveRowsIntoOneRecord() throws IOException {
    put("a.csv", "order,sku\nA,1\nA,2\nB,3\nA,4\n");
    ObjectNode e = export("a.csv", "csv");
    ((ObjectNode) e.get("file")).putObject("csv").putArray("keyColumns").add("order");
    List<ObjectNode> records = readAndComplete(e).records();
    assertThat(records)
        .extracting(o -> o.get("order").asText() + ":" + o.get("rows").size())
        .containsExactly("A:2", "B:1", "A:1");
    assertThat(records.get(0).at("/rows/1/sku").asText()).isEqualTo("2");
  }

  @Test
  void jsonRecordsAtTheResourcePath() throws IOException {
    put(
        "a.json",
        "{\"meta\":{\"n\":2},\"data\":{\"orders\":[{\"id\":1,\"lines\":[{\"q\":2}]},{\"id\":2}]}}");
    ObjectNode e = export("a.json", "json");
    ((ObjectNode) e.get("file")).putObject("json").put("resourcePath", "data.orders");
    List<ObjectNode> records = readAndComplete(e).records();
    assertThat(records)
        .extracting(Object::toString)
        .containsExactly("{\"id\":1,\"lines\":[{\"q\":2}]}", "{\"id\":2}");
  }

  @Test
  void jsonWithoutAResourcePathAndABrokenJsonFile() throws IOException {
    put("1.json", "[{\"id\":1},{\"id\":2},{\"id\":3}]");
    put("2.json", "[{\"id\":4},\n{\"id\":5,,}]");
    Read r = readAndComplete(export("", "json"));
    assertThat(r.records()).extracting(o -> o.get("id").asInt()).containsExactly(1, 2, 3, 4);
    assertThat(r.errors())
        .singleElement()
        .satisfies(err -> assertThat(err.message()).contains("2.json").contains("line 2"));
  }

  @Test
  void xmlElementsAtTheResourcePath() throws IOException {
    put(
        "a.xml",
        "<?xml version=\"1.0\"?>\n<Feed><Orders><Order id=\"1\"><Sku>A</Sku><Sku>B</Sku><Note>hi</Note></Order>"
            + "<Order id=\"2\"><Sku>C</Sku></Order></Orders><Other/></Feed>");
    ObjectNode e = export("a.xml", "xml");
    ((ObjectNode) e.get("file")).putObject("xml").put("resourcePath", "/Feed/Orders/Order");
    List<ObjectNode> records = readAndComplete(e).records();
    assertThat(records)
        .extracting(Object::toString)
        .containsExactly(
            "{\"@id\":\"1\",\"Sku\":[\"A\",\"B\"],\"Note\":\"hi\"}",
            "{\"@id\":\"2\",\"Sku\":\"C\"}");
  }

  @Test
  void aBrokenXmlFileNamesTheLine() throws IOException {
    put("a.xml", "<Feed>\n<Order><Sku>A</Sku></Order>\n<Order><Sku>B</Order>\n</Feed>");
    ObjectNode e = export("a.xml", "xml");
    ((ObjectNode) e.get("file")).putObject("xml").put("resourcePath", "Order");
    Read r = readAndComplete(e);
    assertThat(r.records()).hasSize(1);
    assertThat(r.errors())
        .singleElement()
        .satisfies(err -> assertThat(err.message()).contains("a.xml").contains("line 3"));
  }

  @Test
  void xlsxRowsKeyedByTheHeaderRow() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Workbook wb = new Workbook(bytes, "test", "1.0")) {
      Worksheet ws = wb.newWorksheet("Orders");
      ws.value(0, 0, "id");
      ws.value(0, 1, "name");
      ws.value(1, 0, 1);
      ws.value(1, 1, "Ada");
      ws.value(2, 0, 2);
      ws.value(2, 1, "Bob");
    }
    put("a.xlsx", bytes.toByteArray());
    List<ObjectNode> records = readAndComplete(export("a.xlsx", "xlsx")).records();
    assertThat(records)
        .extracting(Object::toString)
        .containsExactly("{\"id\":\"1\",\"name\":\"Ada\"}", "{\"id\":\"2\",\"name\":\"Bob\"}");
  }

  @Test
  void gzipAndZipFilesAreDecompressedAsStreams() throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
      g.write("id\n1\n2\n".getBytes(StandardCharsets.UTF_8));
    }
    put("a.csv.gz", gz.toByteArray());
    ObjectNode e = export("", "csv");
    ((ObjectNode) e.get("file")).put("compressionFormat", "gzip");
    assertThat(readAndComplete(e).records())
        .extracting(o -> o.get("id").asText())
        .containsExactly("1", "2");

    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(zip)) {
      z.putNextEntry(new ZipEntry("one.csv"));
      z.write("id\n3\n".getBytes(StandardCharsets.UTF_8));
      z.putNextEntry(new ZipEntry("two.csv"));
      z.write("id\n4\n5\n".getBytes(StandardCharsets.UTF_8));
    }
    put("b.zip", zip.toByteArray());
    ((ObjectNode) e.get("file")).put("compressionFormat", "zip");
    assertThat(readAndComplete(e).records())
        .extracting(o -> o.get("id").asText())
        .containsExactly("3", "4", "5");
  }

  ObjectNode importTo(String fileName) {
    ObjectNode i = Json.object().put("_id", "imp1");
    i.putObject("ftp").put("directoryPath", "/" + dir + "/out").put("fileName", fileName);
    i.putObject("file").put("type", "csv");
    return i;
  }

  static List<JsonNode> rows(String... json) {
    List<JsonNode> list = new ArrayList<>();
    for (String j : json) list.add(Json.parse(j));
    return list;
  }

  @Test
  void oneFilePerJobUnderATemporaryNameUntilTheJobCompletes() throws IOException {
    ObjectNode imp = importTo("orders-{{timestamp \"YYYYMMDD\"}}-{{job._id}}.csv");
    imp.putObject("mapping")
        .putArray("fields")
        .add(Json.object().put("extract", "a").put("generate", "name"))
        .add(Json.object().put("extract", "b").put("generate", "note"));
    JobSession session = adaptor.openSession("job1");
    StepContext ctx = context(connection(), imp, session);
    List<SubmitResult> first =
        adaptor.submit(
            ctx,
            rows(
                "{\"note\":\"x, y\",\"name\":\"Ada\"}",
                "{\"name\":\"Bob\",\"note\":\"say \\\"hi\\\"\"}"));
    assertThat(first).allMatch(r -> !r.failed());
    List<SubmitResult> second =
        adaptor.submit(ctx, rows("{\"name\":\"Cy\"}", "{\"name\":\"Di\",\"extra\":1}"));
    assertThat(second.get(0).failed()).isFalse();
    assertThat(second.get(1).errors().get(0).code())
        .as("a field that is no column is not silently dropped")
        .isEqualTo("unknown_column");
    assertThat(names(out))
        .as("nothing carries the final name before the job's end")
        .singleElement()
        .satisfies(n -> assertThat(n).endsWith(".tmp").startsWith("orders-20261202-job1.csv."));
    session.end(JobSession.Outcome.COMPLETED);
    session.close();
    assertThat(names(out)).containsExactly("orders-20261202-job1.csv");
    assertThat(Files.readString(out.resolve("orders-20261202-job1.csv")))
        .isEqualTo("name,note\nAda,\"x, y\"\nBob,\"say \"\"hi\"\"\"\nCy,\n");
  }

  @Test
  void aFailedJobLeavesItsFileUnderTheTemporaryName() throws IOException {
    JobSession session = adaptor.openSession("job1");
    adaptor.submit(context(connection(), importTo("out.csv"), session), rows("{\"a\":1}"));
    session.end(JobSession.Outcome.FAILED);
    session.close();
    assertThat(names(out))
        .singleElement()
        .satisfies(n -> assertThat(n).startsWith("out.csv.").endsWith(".tmp"));
  }

  @Test
  void oneFilePerPageWithCsvOptionsAndJsonFiles() throws IOException {
    ObjectNode imp = importTo("page.csv");
    ((ObjectNode) imp.get("file"))
        .put("skipAggregation", true)
        .putObject("csv")
        .put("columnDelimiter", "|")
        .put("includeHeader", false)
        .put("wrapWithQuotes", true)
        .put("replaceNewlineWithSpace", true)
        .put("replaceTabWithSpace", true)
        .put("rowDelimiter", "\r\n");
    JobSession session = adaptor.openSession("job1");
    StepContext ctx = context(connection(), imp, session);
    adaptor.submit(ctx, rows("{\"a\":\"1\\n2\",\"b\":\"x\\ty\"}"));
    adaptor.submit(ctx, rows("{\"a\":3,\"b\":null}"));
    assertThat(names(out))
        .as("each page's file is final once written")
        .containsExactly("page-2.csv", "page.csv");
    assertThat(Files.readString(out.resolve("page.csv"))).isEqualTo("\"1 2\"|\"x y\"\r\n");
    assertThat(Files.readString(out.resolve("page-2.csv"))).isEqualTo("\"3\"|\"\"\r\n");
    session.end(JobSession.Outcome.COMPLETED);
    session.close();

    ObjectNode json = importTo("all.json");
    ((ObjectNode) json.get("file")).put("type", "json");
    JobSession s2 = adaptor.openSession("job2");
    adaptor.submit(context(connection(), json, s2), rows("{\"a\":1}", "{\"b\":[1,2]}"));
    s2.end(JobSession.Outcome.COMPLETED);
    s2.close();
    assertThat(Json.parse(Files.readString(out.resolve("all.json"))).toString())
        .isEqualTo("[{\"a\":1},{\"b\":[1,2]}]");
  }

  @Test
  void aRefusedLoginIsAuthAndAnUnreachableServerTransient() throws IOException {
    ObjectNode wrong = connection();
    ((ObjectNode) wrong.get("ftp")).put("password", "wrong-password").remove("authKey");
    assertThatThrownBy(() -> adaptor.ping(context(wrong, Json.object(), JobSession.NONE)))
        .isInstanceOfSatisfying(
            AdaptorException.class,
            e -> assertThat(e.kind()).isEqualTo(AdaptorException.Kind.AUTH));
    assertThatThrownBy(
            () -> adaptor.export(context(wrong, export("", "csv"), JobSession.NONE)).next())
        .isInstanceOfSatisfying(
            AdaptorException.class,
            e -> assertThat(e.kind()).isEqualTo(AdaptorException.Kind.AUTH));

    ObjectNode unreachable = connection();
    int closedPort;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    ((ObjectNode) unreachable.get("ftp")).put("port", closedPort);
    assertThatThrownBy(() -> adaptor.ping(context(unreachable, Json.object(), JobSession.NONE)))
        .isInstanceOfSatisfying(
            AdaptorException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(AdaptorException.Kind.TRANSIENT);
              assertThat(e.code()).isEqualTo("unreachable");
            });
    adaptor.ping(context(connection(), Json.object(), JobSession.NONE));
  }

  @Test
  void aHostInABlockedNetworkIsNotReached() {
    FileAdaptor guarded =
        new FileAdaptor(
            io.tributary.adaptors.NetworkGuard.from(
                java.util.Map.of(io.tributary.adaptors.NetworkGuard.BLOCKED_ENV, "127.0.0.0/8")));
    try {
      assertThatThrownBy(() -> guarded.ping(context(connection(), Json.object(), JobSession.NONE)))
          .isInstanceOfSatisfying(
              AdaptorException.class, e -> assertThat(e.code()).isEqualTo("blocked_address"));
    } finally {
      guarded.close();
    }
  }
}
