package io.tributary.adaptors.rdbms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.json.Json;
import org.junit.jupiter.api.Test;

class PoolsTest {
  @Test
  void jdbcUrlsPerDatabase() {
    JdbcTarget pg =
        JdbcTarget.of(
            Json.parse(
                "{\"type\":\"postgresql\",\"host\":\"db\",\"database\":\"app\",\"options\":[{\"name\":\"a\",\"value\":\"1\"}]}"));
    assertThat(pg.url()).isEqualTo("jdbc:postgresql://db:5432/app");
    assertThat(pg.properties())
        .containsEntry("a", "1")
        .containsEntry("stringtype", "unspecified")
        .containsEntry("reWriteBatchedInserts", "true");
    JdbcTarget maria =
        JdbcTarget.of(
            Json.parse("{\"type\":\"mysql\",\"host\":\"db\",\"port\":3307,\"database\":\"app\"}"));
    assertThat(maria.url()).isEqualTo("jdbc:mariadb://db:3307/app");
    assertThat(maria.properties()).containsEntry("allowLocalInfile", "false");
    JdbcTarget mssql =
        JdbcTarget.of(
            Json.parse(
                "{\"type\":\"mssql\",\"host\":\"db\",\"instanceName\":\"SQLEXPRESS\",\"database\":\"app\",\"ssl\":true}"));
    assertThat(mssql.url()).isEqualTo("jdbc:sqlserver://db\\SQLEXPRESS:1433");
    assertThat(mssql.properties())
        .containsEntry("databaseName", "app")
        .containsEntry("encrypt", "true");
    assertThat(
            JdbcTarget.of(
                    Json.parse("{\"type\":\"postgresql\",\"host\":\"::1\",\"database\":\"app\"}"))
                .url())
        .isEqualTo("jdbc:postgresql://[::1]:5432/app");
    assertThatThrownBy(() -> JdbcTarget.of(Json.parse("{\"type\":\"oracle\"}")))
        .isInstanceOf(AdaptorException.class);
  }

  @Test
  void nothingTypedReachesTheUrlUnchecked() {
    for (String rdbms :
        new String[] {
          "{\"type\":\"postgresql\",\"host\":\"db\",\"database\":\"app?loggerFile=/tmp/x\"}",
          "{\"type\":\"mariadb\",\"host\":\"db/test?allowLocalInfile=true#\",\"database\":\"app\"}",
          "{\"type\":\"mariadb\",\"host\":\"db\",\"port\":\"3306/x?allowLocalInfile=true\",\"database\":\"app\"}",
          "{\"type\":\"mssql\",\"host\":\"db\",\"database\":\"app;integratedSecurity=true\"}",
          "{\"type\":\"mssql\",\"host\":\"db\",\"instanceName\":\"X;a=b\",\"database\":\"app\"}",
          "{\"type\":\"postgresql\",\"host\":\"db\",\"database\":\"app\",\"options\":[{\"name\":\"socketFactory\",\"value\":\"x\"}]}",
          "{\"type\":\"postgresql\",\"host\":\"db\",\"database\":\"app\",\"options\":[{\"name\":\"loggerFile\",\"value\":\"/tmp/x\"}]}",
          "{\"type\":\"mariadb\",\"host\":\"db\",\"database\":\"app\",\"options\":[{\"name\":\"allowLocalInfile\",\"value\":\"true\"}]}",
          "{\"type\":\"mariadb\",\"host\":\"db\",\"database\":\"app\",\"options\":[{\"name\":\"a&allowLocalInfile\",\"value\":\"true\"}]}"
        }) {
      assertThatThrownBy(() -> JdbcTarget.of(Json.parse(rdbms)))
          .as(rdbms)
          .isInstanceOfSatisfying(
              AdaptorException.class, e -> assertThat(e.code()).isEqualTo("invalid_connection"));
    }
  }

  @Test
  void theSqlServerDriverShips() throws Exception {
    assertThat(java.sql.DriverManager.getDriver("jdbc:sqlserver://127.0.0.1:1;databaseName=x"))
        .isNotNull();
  }
}
