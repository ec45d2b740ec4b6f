package io.tributary.adaptors.rdbms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.json.Json;
import org.junit.jupiter.api.Test;

class PoolsTest {
  @Test
  void jdbcUrlsPerDatabase() {
    assertThat(Pools.jdbcUrl(Json.parse("{\"type\":\"postgresql\",\"host\":\"db\",\"database\":\"app\",\"options\":[{\"name\":\"a\",\"value\":\"1\"}]}")))
        .isEqualTo("jdbc:postgresql://db:5432/app?stringtype=unspecified&reWriteBatchedInserts=true&a=1");
    assertThat(Pools.jdbcUrl(Json.parse("{\"type\":\"mysql\",\"host\":\"db\",\"port\":3307,\"database\":\"app\"}")))
        .isEqualTo("jdbc:mariadb://db:3307/app");
    assertThat(Pools.jdbcUrl(Json.parse("{\"type\":\"mssql\",\"host\":\"db\",\"instanceName\":\"SQLEXPRESS\",\"database\":\"app\",\"ssl\":true}")))
        .isEqualTo("jdbc:sqlserver://db\\SQLEXPRESS:1433;databaseName=app;encrypt=true");
    assertThatThrownBy(() -> Pools.jdbcUrl(Json.parse("{\"type\":\"oracle\"}"))).isInstanceOf(AdaptorException.class);
  }

  @Test
  void theSqlServerDriverShips() throws Exception {
    assertThat(java.sql.DriverManager.getDriver("jdbc:sqlserver://127.0.0.1:1;databaseName=x")).isNotNull();
  }
}
