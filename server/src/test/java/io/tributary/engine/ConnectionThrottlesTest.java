package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.http.HttpAdaptor;
import io.tributary.adaptors.rdbms.RdbmsAdaptor;
import io.tributary.adaptors.tiny.TinyAdaptor;
import io.tributary.web.Json;
import org.junit.jupiter.api.Test;

/** A connection's concurrency: its own level, else the default its adaptor declares. */
class ConnectionThrottlesTest {
  @Test
  void aConnectionWithoutALevelGetsItsAdaptorsDeclaredDefault() {
    assertThat(ConnectionThrottles.level(doc("{\"type\":\"tiny\",\"tiny\":{}}"), new TinyAdaptor()))
        .isEqualTo(2);
    assertThat(
            ConnectionThrottles.level(
                doc("{\"type\":\"tiny\",\"tiny\":{\"concurrencyLevel\":7}}"), new TinyAdaptor()))
        .isEqualTo(7);
    assertThat(ConnectionThrottles.level(doc("{\"type\":\"http\",\"http\":{}}"), new HttpAdaptor()))
        .isEqualTo(25);
    assertThat(ConnectionThrottles.level(doc("{\"type\":\"rest\",\"rest\":{}}"), new HttpAdaptor()))
        .isEqualTo(25);
    assertThat(
            ConnectionThrottles.level(doc("{\"type\":\"rdbms\",\"rdbms\":{}}"), new RdbmsAdaptor()))
        .isEqualTo(5);
    assertThat(
            ConnectionThrottles.level(
                doc("{\"type\":\"rdbms\",\"rdbms\":{\"concurrencyLevel\":0}}"), new RdbmsAdaptor()))
        .isEqualTo(1);
  }

  private static ObjectNode doc(String json) {
    return (ObjectNode) Json.read(json);
  }
}
