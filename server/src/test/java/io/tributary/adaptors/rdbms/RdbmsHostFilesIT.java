package io.tributary.adaptors.rdbms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.StepContext;
import io.tributary.adaptors.SubmitResult;
import io.tributary.adaptors.Throttle;
import io.tributary.templating.HandlebarsTemplating;
import io.tributary.templating.Templates;
import io.tributary.testing.TestDatabase;
import io.tributary.web.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An rdbms import must never make the driver read a file of Tributary's host: MariaDB's {@code LOAD
 * DATA LOCAL INFILE} asks the client for the file, so local infile is off in the driver, and a
 * connection's {@code database}, {@code host} or {@code options} cannot turn it back on.
 */
class RdbmsHostFilesIT {
  private final RdbmsAdaptor adaptor = new RdbmsAdaptor();
  private String table;
  @TempDir Path dir;
  private Path secret;

  @BeforeAll
  static void server() {
    TestDatabase.requireMariaDb();
  }

  @BeforeEach
  void setUp() throws Exception {
    table = "infile_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    sql("create table " + table + " (id bigint, full_name text)");
    secret = Files.writeString(dir.resolve("master.key"), "1,the-master-key\n");
  }

  @AfterEach
  void drop() throws Exception {
    sql("drop table if exists " + table);
    adaptor.connectionChanged("c1");
  }

  @Test
  void loadDataLocalInfileCannotReadAHostFile() throws Exception {
    List<SubmitResult> r =
        adaptor.submit(ctx(connection("\"database\":\"test\"")), List.of(Json.parse("{\"id\":1}")));
    assertThat(r).extracting(SubmitResult::failed).containsExactly(true);
    assertThat(count()).isZero();
  }

  @Test
  void aDatabaseNameCannotSetDriverProperties() throws Exception {
    ObjectNode c =
        connection("\"database\":\"test?allowLocalInfile=true&allowLoadLocalInfile=true\"");
    assertThatThrownBy(() -> adaptor.submit(ctx(c), List.of(Json.parse("{\"id\":1}"))))
        .isInstanceOfSatisfying(
            AdaptorException.class, e -> assertThat(e.code()).isEqualTo("invalid_connection"));
    assertThat(count()).isZero();
  }

  @Test
  void aHostCannotSetDriverProperties() throws Exception {
    ObjectNode c =
        connection("\"database\":\"test\",\"host\":\"127.0.0.1:3306/test?allowLocalInfile=true#\"");
    assertThatThrownBy(() -> adaptor.submit(ctx(c), List.of(Json.parse("{\"id\":1}"))))
        .isInstanceOfSatisfying(
            AdaptorException.class, e -> assertThat(e.code()).isEqualTo("invalid_connection"));
    assertThat(count()).isZero();
  }

  @Test
  void optionsCannotTurnLocalInfileBackOn() throws Exception {
    ObjectNode c =
        connection(
            "\"database\":\"test\",\"options\":[{\"name\":\"allowLocalInfile\",\"value\":\"true\"}]");
    assertThatThrownBy(() -> adaptor.submit(ctx(c), List.of(Json.parse("{\"id\":1}"))))
        .isInstanceOfSatisfying(
            AdaptorException.class, e -> assertThat(e.code()).isEqualTo("invalid_connection"));
    ObjectNode sneaky =
        connection(
            "\"database\":\"test\",\"options\":[{\"name\":\"useSsl&allowLocalInfile\",\"value\":\"true\"}]");
    assertThatThrownBy(() -> adaptor.submit(ctx(sneaky), List.of(Json.parse("{\"id\":1}"))))
        .isInstanceOfSatisfying(
            AdaptorException.class, e -> assertThat(e.code()).isEqualTo("invalid_connection"));
    assertThat(count()).isZero();
  }

  @Test
  void harmlessOptionsStillReachTheDriver() throws Exception {
    ObjectNode c =
        connection(
            "\"database\":\"test\",\"options\":[{\"name\":\"connectTimeout\",\"value\":\"5000\"}]");
    ObjectNode insert =
        (ObjectNode)
            Json.parse(
                """
        {"rdbms":{"queryType":["per_record"],"query":["insert into %s (id, full_name) values ({{record.id}}, 'x')"]}}"""
                    .formatted(table));
    assertThat(adaptor.submit(ctx(c, insert), List.of(Json.parse("{\"id\":7}"))))
        .extracting(SubmitResult::failed)
        .containsExactly(false);
    assertThat(count()).isEqualTo(1);
  }

  private ObjectNode connection(String rdbms) {
    ObjectNode c =
        (ObjectNode)
            Json.parse(
                "{\"_id\":\"c1\",\"type\":\"rdbms\",\"rdbms\":{\"type\":\"mariadb\",\"host\":\"127.0.0.1\","
                    + "\"port\":3306,\"user\":\"root\",\"password\":\"\"}}");
    ((ObjectNode) c.get("rdbms")).setAll((ObjectNode) Json.parse("{" + rdbms + "}"));
    return c;
  }

  private StepContext ctx(ObjectNode connection) {
    String load =
        "load data local infile '"
            + secret.toString().replace("\\", "/")
            + "' into table "
            + table
            + " fields terminated by ',' (id, full_name)";
    return ctx(
        connection, (ObjectNode) Json.object().set("rdbms", Json.object().put("query", load)));
  }

  private StepContext ctx(ObjectNode connection, ObjectNode resource) {
    adaptor.connectionChanged("c1");
    return new StepContext(
        connection,
        resource,
        Json.object(),
        new HandlebarsTemplating(new Templates(Clock.systemUTC())),
        Throttle.NONE,
        () -> false,
        Clock.systemUTC(),
        1 << 20);
  }

  private long count() throws Exception {
    try (Connection c = DriverManager.getConnection(TestDatabase.MARIADB_URL, "root", "");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select count(*) from " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void sql(String... statements) throws Exception {
    try (Connection c = DriverManager.getConnection(TestDatabase.MARIADB_URL, "root", "");
        Statement st = c.createStatement()) {
      for (String s : statements) st.execute(s);
    }
  }
}
