package io.tributary.adaptors.rdbms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.JobSession;
import io.tributary.adaptors.LookupResult;
import io.tributary.adaptors.PageSource;
import io.tributary.adaptors.StepContext;
import io.tributary.adaptors.SubmitResult;
import io.tributary.adaptors.Throttle;
import io.tributary.adaptors.json.Json;
import io.tributary.templating.HandlebarsTemplating;
import io.tributary.templating.Templates;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rdbms adaptor against a real database: the same contract on PostgreSQL and MariaDB. */
abstract class RdbmsAdaptorContract {
  protected final RdbmsAdaptor adaptor = new RdbmsAdaptor();
  protected String src;
  protected String dst;

  abstract ObjectNode connection();

  abstract String jdbcUrl();

  abstract String user();

  /**
   * DDL of the source table {@code (id, name, amount, active, updated_at, born, note)} in this
   * dialect.
   */
  abstract String sourceDdl(String table);

  abstract String targetDdl(String table);

  @BeforeEach
  void tables() throws Exception {
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    src = "src_" + suffix;
    dst = "dst_" + suffix;
    sql(sourceDdl(src), targetDdl(dst));
    sql(
        "insert into "
            + src
            + " values (1, 'Ada', 12.50, true, '2026-01-02 03:04:05', '1990-05-06', null)",
        "insert into "
            + src
            + " values (2, 'Bob', 0.10, false, '2026-03-02 03:04:05', '1991-05-06', 'x')",
        "insert into "
            + src
            + " values (3, 'Cy', 99.99, true, '2026-05-02 03:04:05', '1992-05-06', null)");
  }

  @AfterEach
  void drop() throws Exception {
    sql("drop table if exists " + src, "drop table if exists " + dst);
  }

  protected void sql(String... statements) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl(), user(), "");
        Statement st = c.createStatement()) {
      for (String s : statements) st.execute(s);
    }
  }

  protected List<String> column(String query) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl(), user(), "");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(query)) {
      while (rs.next()) out.add(rs.getString(1));
    }
    return out;
  }

  protected StepContext ctx(ObjectNode resource) {
    return ctx(resource, JobSession.NONE);
  }

  protected StepContext ctx(ObjectNode resource, JobSession session) {
    ObjectNode context = Json.object();
    context.put("lastExportDateTime", "2026-02-01T00:00:00.000Z");
    context.putObject("params").put("min", 1);
    return new StepContext(
        connection(),
        resource,
        context,
        new HandlebarsTemplating(new Templates(Clock.systemUTC())),
        Throttle.NONE,
        () -> false,
        Clock.systemUTC(),
        1 << 20,
        session);
  }

  @Test
  void exportsStreamRowsInPagesWithTheirTypesAndBoundParameters() {
    ObjectNode export =
        (ObjectNode)
            Json.parse(
                """
        {"pageSize":2,"rdbms":{"query":"select * from %s where updated_at > {{lastExportDateTime}} and id >= {{params.min}} order by id"}}"""
                    .formatted(src));
    List<ObjectNode> all = new ArrayList<>();
    try (PageSource pages = adaptor.export(ctx(export))) {
      Optional<List<ObjectNode>> page;
      List<Integer> sizes = new ArrayList<>();
      while ((page = pages.next()).isPresent()) {
        sizes.add(page.get().size());
        all.addAll(page.get());
      }
      assertThat(sizes).containsExactly(2);
    }
    assertThat(all).extracting(r -> r.get("id").asInt()).containsExactly(2, 3);
    JsonNode bob = all.get(0);
    assertThat(bob.get("id").isIntegralNumber()).isTrue();
    assertThat(bob.get("amount").decimalValue()).isEqualByComparingTo("0.10");
    assertThat(bob.get("active").isBoolean()).isTrue();
    assertThat(bob.get("born").asText()).isEqualTo("1991-05-06");
    assertThat(bob.get("updated_at").asText()).startsWith("2026-03-02");
    assertThat(all.get(1).get("note").isNull()).isTrue();
  }

  /** A resumed run (D26) runs the query again and skips the rows handed out before. */
  @Test
  void anExportResumesAfterTheRowsItHandedOut() {
    ObjectNode export =
        (ObjectNode)
            Json.parse(
                "{\"pageSize\":1,\"rdbms\":{\"query\":\"select id from "
                    + src
                    + " order by id\"}}");
    List<Integer> before = new ArrayList<>();
    ObjectNode position;
    try (PageSource pages = adaptor.export(ctx(export))) {
      pages.next().orElseThrow().forEach(r -> before.add(r.get("id").asInt()));
      position = pages.position();
    }
    List<Integer> after = new ArrayList<>();
    try (PageSource pages = adaptor.export(ctx(export))) {
      pages.resume(position);
      Optional<List<ObjectNode>> page;
      while ((page = pages.next()).isPresent())
        page.get().forEach(r -> after.add(r.get("id").asInt()));
    }
    List<Integer> all = new ArrayList<>();
    try (PageSource pages = adaptor.export(ctx(export))) {
      Optional<List<ObjectNode>> page;
      while ((page = pages.next()).isPresent())
        page.get().forEach(r -> all.add(r.get("id").asInt()));
    }
    assertThat(all.size()).isGreaterThan(1);
    List<Integer> joined = new ArrayList<>(before);
    joined.addAll(after);
    assertThat(joined).isEqualTo(all);
  }

  @Test
  void aTestExportStopsAtItsLimit() {
    ObjectNode export =
        (ObjectNode)
            Json.parse(
                "{\"type\":\"test\",\"test\":{\"limit\":1},\"rdbms\":{\"query\":\"select id from "
                    + src
                    + "\"}}");
    try (PageSource pages = adaptor.export(ctx(export))) {
      assertThat(pages.next().orElseThrow()).hasSize(1);
      assertThat(pages.next()).isEmpty();
    }
  }

  @Test
  void valuesAreBoundNeverSplicedIntoSql() throws Exception {
    ObjectNode imp =
        (ObjectNode)
            Json.parse(
                """
        {"rdbms":{"queryType":["per_record"],"query":["insert into %s (id, full_name) values ({{record.id}}, {{record.name}})"]}}"""
                    .formatted(dst));
    String evil = "x'); DROP TABLE " + src + "; --";
    List<SubmitResult> r =
        adaptor.submit(
            ctx(imp),
            List.of(Json.parse("{\"id\":7,\"name\":\"" + evil.replace("\"", "\\\"") + "\"}")));
    assertThat(r.get(0).failed()).isFalse();
    assertThat(column("select full_name from " + dst)).containsExactly(evil);
    assertThat(column("select count(*) from " + src)).containsExactly("3");
  }

  @Test
  void oneBadRowFailsOnlyItselfPerRecordAndInBulk() throws Exception {
    ObjectNode perRecord =
        (ObjectNode)
            Json.parse(
                """
        {"rdbms":{"queryType":["per_record"],"query":["insert into %s (id, full_name) values ({{record.id}}, {{record.name}})"]}}"""
                    .formatted(dst));
    List<JsonNode> rows =
        List.of(
            Json.parse("{\"id\":1,\"name\":\"a\"}"),
            Json.parse("{\"id\":1,\"name\":\"dup\"}"),
            Json.parse("{\"id\":2,\"name\":\"b\"}"));
    List<SubmitResult> r = adaptor.submit(ctx(perRecord), rows);
    assertThat(r).extracting(SubmitResult::failed).containsExactly(false, true, false);
    assertThat(r.get(1).errors().get(0).code()).startsWith("23");

    ObjectNode bulk =
        (ObjectNode)
            Json.parse(
                "{\"rdbms\":{\"queryType\":[\"bulk_insert\"],\"bulkInsert\":{\"tableName\":\""
                    + dst
                    + "\"}}}");
    List<JsonNode> more =
        List.of(
            Json.parse("{\"id\":10,\"full_name\":\"c\"}"),
            Json.parse("{\"id\":2,\"full_name\":\"dup\"}"),
            Json.parse("{\"id\":11,\"full_name\":null}"));
    List<SubmitResult> b = adaptor.submit(ctx(bulk), more);
    assertThat(b).extracting(SubmitResult::failed).containsExactly(false, true, false);
    assertThat(column("select id from " + dst + " order by id"))
        .containsExactly("1", "2", "10", "11");
  }

  @Test
  void lookupsRunOnceARecordAndConfigurationIsChecked() {
    ObjectNode lookup =
        (ObjectNode)
            Json.parse(
                "{\"rdbms\":{\"query\":\"select name from "
                    + src
                    + " where id = {{record.customerId}}\"}}");
    List<LookupResult> r =
        adaptor.lookup(
            ctx(lookup),
            List.of(
                (ObjectNode) Json.parse("{\"customerId\":3}"),
                (ObjectNode) Json.parse("{\"customerId\":42}")));
    assertThat(r.get(0).data()).extracting(n -> n.get("name").asText()).containsExactly("Cy");
    assertThat(r.get(1).data()).isEmpty();

    ObjectNode badTable =
        (ObjectNode)
            Json.parse(
                "{\"rdbms\":{\"queryType\":[\"bulk_insert\"],\"bulkInsert\":{\"tableName\":\"x; drop table y\"}}}");
    assertThatThrownBy(() -> adaptor.submit(ctx(badTable), List.of(Json.parse("{\"id\":1}"))))
        .isInstanceOfSatisfying(
            AdaptorException.class, e -> assertThat(e.code()).isEqualTo("invalid_table"));
    ObjectNode block =
        (ObjectNode) Json.parse("{\"rdbms\":{\"query\":\"select 1 {{#if x}}where 1=1{{/if}}\"}}");
    assertThatThrownBy(() -> adaptor.export(ctx(block))).isInstanceOf(AdaptorException.class);
  }

  @Test
  void aRefusedLoginIsAnAuthFailure() {
    ObjectNode wrong = connection().deepCopy();
    ((ObjectNode) wrong.get("rdbms"))
        .put("user", "nobody_" + UUID.randomUUID().toString().substring(0, 6))
        .put("password", "nope");
    StepContext c =
        new StepContext(
            wrong,
            Json.object(),
            Json.object(),
            null,
            Throttle.NONE,
            () -> false,
            Clock.systemUTC(),
            1);
    assertThatThrownBy(() -> adaptor.ping(c))
        .isInstanceOfSatisfying(
            AdaptorException.class,
            e -> assertThat(e.kind()).isEqualTo(AdaptorException.Kind.AUTH));
    adaptor.ping(ctx(Json.object()));
  }

  @Test
  void bulkLoadUpsertsOnThePrimaryKey() throws Exception {
    sql("insert into " + dst + " (id, full_name) values (1, 'old')");
    ObjectNode load =
        (ObjectNode)
            Json.parse(
                "{\"rdbms\":{\"queryType\":[\"bulk_load\"],\"bulkLoad\":{\"tableName\":\""
                    + dst
                    + "\",\"primaryKeys\":[\"id\"]}}}");
    List<SubmitResult> r =
        adaptor.submit(
            ctx(load),
            List.of(
                Json.parse("{\"id\":1,\"full_name\":\"new\"}"),
                Json.parse("{\"id\":2,\"full_name\":\"added\"}")));
    assertThat(r).extracting(SubmitResult::failed).containsExactly(false, false);
    assertThat(column("select full_name from " + dst + " order by id"))
        .containsExactly("new", "added");
    ObjectNode noKeys =
        (ObjectNode)
            Json.parse(
                "{\"rdbms\":{\"queryType\":[\"bulk_load\"],\"bulkLoad\":{\"tableName\":\""
                    + dst
                    + "\"}}}");
    assertThatThrownBy(() -> adaptor.submit(ctx(noKeys), List.of(Json.parse("{\"id\":3}"))))
        .isInstanceOf(AdaptorException.class);
  }

  @Test
  void aOnceExportMarksTheRecordsThatWentThrough() throws Exception {
    ObjectNode export =
        (ObjectNode)
            Json.parse(
                "{\"type\":\"once\",\"rdbms\":{\"query\":\"select id from "
                    + src
                    + " where note is null\",\"once\":{\"query\":\"update "
                    + src
                    + " set note = 'exported' where id = {{record.id}}\"}}}");
    adaptor.pageDone(ctx(export), List.of((ObjectNode) Json.parse("{\"id\":1}")));
    assertThat(column("select id from " + src + " where note is null")).containsExactly("3");
  }

  @Test
  void perPageStatementsExpandEachRecordAsBoundParameters() throws Exception {
    ObjectNode perPage =
        (ObjectNode)
            Json.parse(
                """
        {"rdbms":{"queryType":["per_page"],"query":["insert into %s (id, full_name) values {{#each data}}({{id}}, {{this.name}}){{#unless @last}}, {{/unless}}{{/each}}"]}}"""
                    .formatted(dst));
    List<SubmitResult> r =
        adaptor.submit(
            ctx(perPage),
            List.of(
                Json.parse("{\"id\":1,\"name\":\"a'); drop table x; --\"}"),
                Json.parse("{\"id\":2,\"name\":\"b\"}")));
    assertThat(r).extracting(SubmitResult::failed).containsExactly(false, false);
    assertThat(column("select full_name from " + dst + " order by id"))
        .containsExactly("a'); drop table x; --", "b");
    List<SubmitResult> dup =
        adaptor.submit(
            ctx(perPage),
            List.of(
                Json.parse("{\"id\":3,\"name\":\"c\"}"), Json.parse("{\"id\":1,\"name\":\"d\"}")));
    assertThat(dup).extracting(SubmitResult::failed).containsExactly(true, true);
    assertThat(column("select count(*) from " + dst)).containsExactly("2");
  }

  @Test
  void firstPageStatementsRunOncePerJob() throws Exception {
    ObjectNode firstPage =
        (ObjectNode)
            Json.parse(
                """
        {"rdbms":{"queryType":["first_page"],"query":["insert into %s (id, full_name) values ({{record.id}}, {{job._id}})"]}}"""
                    .formatted(dst));
    String job = UUID.randomUUID().toString();
    try (JobSession session = adaptor.openSession(job)) {
      StepContext c = ctx(firstPage.put("_id", "import-a"), session);
      c.templateContext().putObject("job").put("_id", job);
      adaptor.submit(c, List.of(Json.parse("{\"id\":1}")));
      List<SubmitResult> later = adaptor.submit(c, List.of(Json.parse("{\"id\":2}")));
      assertThat(later.get(0).failed()).isFalse();
      assertThat(column("select full_name from " + dst)).containsExactly(job);
      // Another first_page import of the same job runs its own first page once too.
      ObjectNode second =
          (ObjectNode)
              Json.parse(
                  """
          {"_id":"import-b","rdbms":{"queryType":["first_page"],"query":["insert into %s (id, full_name) values ({{record.id}}, 'b')"]}}"""
                      .formatted(dst));
      StepContext other = ctx(second, session);
      other.templateContext().putObject("job").put("_id", job);
      adaptor.submit(other, List.of(Json.parse("{\"id\":3}")));
      adaptor.submit(other, List.of(Json.parse("{\"id\":4}")));
    }
    assertThat(column("select full_name from " + dst + " order by id")).containsExactly(job, "b");
    // The next job has a session of its own: its first page runs again.
    try (JobSession next = adaptor.openSession("next")) {
      StepContext c = ctx(firstPage, next);
      c.templateContext().putObject("job").put("_id", "next");
      adaptor.submit(c, List.of(Json.parse("{\"id\":5}")));
    }
    assertThat(column("select full_name from " + dst + " order by id"))
        .containsExactly(job, "b", "next");
  }

  @Test
  void closingTheAdaptorClosesItsPools() {
    RdbmsAdaptor own = new RdbmsAdaptor();
    own.ping(ctx(Json.object()));
    var pool = own.pools.forConnection(connection());
    assertThat(pool.isClosed()).isFalse();
    own.close();
    assertThat(pool.isClosed()).isTrue();
  }

  @Test
  void firstPageImportsNeedAJob() {
    ObjectNode firstPage =
        (ObjectNode)
            Json.parse(
                """
        {"rdbms":{"queryType":["first_page"],"query":["insert into %s (id, full_name) values ({{record.id}}, 'x')"]}}"""
                    .formatted(dst));
    assertThatThrownBy(() -> adaptor.submit(ctx(firstPage), List.of(Json.parse("{\"id\":1}"))))
        .isInstanceOf(AdaptorException.class)
        .hasMessageContaining("within a job");
  }
}
