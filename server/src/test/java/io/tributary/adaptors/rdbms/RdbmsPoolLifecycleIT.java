package io.tributary.adaptors.rdbms;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testing.ApiClient;
import io.tributary.testing.Fixtures;
import io.tributary.testing.TestDatabase;
import io.tributary.testing.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A connection's pool lives as long as the connection does: changing the connection retires its
 * pool (its database sessions end) and the next call opens one with the new settings; deleting it
 * ends its sessions too. Sessions are told apart on the server by their application_name.
 */
class RdbmsPoolLifecycleIT {
  private static String connection(String appName) {
    return """
        {"type":"rdbms","name":"pool","rdbms":{"type":"postgresql","host":"127.0.0.1","port":5432,"database":"test","user":"postgres",
         "password":"","options":[{"name":"ApplicationName","value":"%s"}]}}"""
        .formatted(appName);
  }

  private static int sessions(String appName) throws Exception {
    try (Connection c = DriverManager.getConnection(TestDatabase.PG_URL, TestDatabase.PG_USER, "");
        PreparedStatement st =
            c.prepareStatement(
                "select count(*) from pg_stat_activity where application_name = ?")) {
      st.setString(1, appName);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** Waits up to 5 s for the count to become {@code expected}; answers the last count seen. */
  private static int awaitSessions(String appName, int expected) throws Exception {
    int n = sessions(appName);
    for (int i = 0; i < 50 && n != expected; i++) {
      Thread.sleep(100);
      n = sessions(appName);
    }
    return n;
  }

  @Test
  void changingOrDeletingAConnectionClosesItsPool() throws Exception {
    TestDatabase.requirePostgres();
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String before = "tributary-pool-a-" + tag;
    String after = "tributary-pool-b-" + tag;
    try (TestServer server = TestServer.start(false)) {
      ApiClient api = server.client();
      String id = new Fixtures(api).create("connections", connection(before));
      assertThat(api.get("/v1/connections/" + id + "/ping").json().get("code").asInt())
          .isEqualTo(200);
      assertThat(sessions(before)).as("the pool keeps its session open").isEqualTo(1);

      assertThat(api.put("/v1/connections/" + id, connection(after)).status()).isEqualTo(200);
      assertThat(awaitSessions(before, 0)).as("the old pool is closed").isZero();
      assertThat(api.get("/v1/connections/" + id + "/ping").json().get("code").asInt())
          .isEqualTo(200);
      assertThat(sessions(after)).as("a new pool with the new settings").isEqualTo(1);

      assertThat(api.delete("/v1/connections/" + id).status()).isBetween(200, 204);
      assertThat(awaitSessions(after, 0)).as("a deleted connection's pool is closed").isZero();
    }
  }
}
