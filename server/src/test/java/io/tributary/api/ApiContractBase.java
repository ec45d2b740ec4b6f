package io.tributary.api;

import io.tributary.testing.ApiClient;
import io.tributary.testing.Fixtures;
import io.tributary.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** One real server per test class; subclasses pick H2 (*Test) or PostgreSQL (*IT). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiContractBase {
  protected TestServer server;
  protected ApiClient api;
  protected Fixtures fx;

  abstract boolean postgres();

  @BeforeAll
  void startServer() {
    server = TestServer.start(postgres());
    api = server.client();
    fx = new Fixtures(api);
  }

  @AfterAll
  void stopServer() {
    if (server != null) server.close();
  }
}
