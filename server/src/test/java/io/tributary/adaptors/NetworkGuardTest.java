package io.tributary.adaptors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.adaptors.rdbms.RdbmsAdaptor;
import io.tributary.web.Json;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkGuardTest {
  private final NetworkGuard defaults = NetworkGuard.from(Map.of());

  @Test
  void cloudMetadataIsRefusedByDefaultInEveryForm() throws Exception {
    for (String host :
        List.of(
            "169.254.169.254",
            "fd00:ec2::254",
            "[fd00:ec2::254]",
            "::ffff:169.254.169.254",
            "0:0:0:0:0:ffff:a9fe:a9fe")) {
      assertThatThrownBy(() -> defaults.check(host))
          .as(host)
          .isInstanceOfSatisfying(
              AdaptorException.class, e -> assertThat(e.code()).isEqualTo("blocked_address"));
    }
    assertThat(defaults.allows(InetAddress.getByName("169.254.169.253"))).isTrue();
  }

  @Test
  void privateNetworksAndLoopbackStayReachableByDefault() throws Exception {
    for (String a :
        List.of("127.0.0.1", "::1", "10.1.2.3", "192.168.0.10", "172.16.5.5", "8.8.8.8")) {
      assertThat(defaults.allows(InetAddress.getByName(a))).as(a).isTrue();
    }
    assertThat(defaults.check("localhost")).isNotEmpty();
  }

  @Test
  void theMostSpecificNetworkDecides() throws Exception {
    NetworkGuard g =
        NetworkGuard.from(
            Map.of(
                NetworkGuard.BLOCKED_ENV,
                "10.0.0.0/8, 0.0.0.0/0",
                NetworkGuard.ALLOWED_ENV,
                "10.1.2.0/24 127.0.0.0/8"));
    assertThat(g.allows(InetAddress.getByName("10.1.2.3"))).isTrue();
    assertThat(g.allows(InetAddress.getByName("10.1.3.3"))).isFalse();
    assertThat(g.allows(InetAddress.getByName("8.8.8.8"))).isFalse();
    assertThat(g.allows(InetAddress.getByName("127.0.0.1"))).isTrue();
    assertThat(g.allows(InetAddress.getByName("::1"))).isTrue(); // no IPv6 network was blocked
    NetworkGuard metadataAllowed =
        NetworkGuard.from(Map.of(NetworkGuard.ALLOWED_ENV, "169.254.169.254"));
    assertThat(metadataAllowed.allows(InetAddress.getByName("169.254.169.254")))
        .isFalse(); // a tie blocks
    NetworkGuard opened = NetworkGuard.from(Map.of(NetworkGuard.ALLOWED_ENV, "169.254.0.0/16"));
    assertThat(opened.allows(InetAddress.getByName("169.254.169.254")))
        .isFalse(); // /32 is more specific than /16
  }

  @Test
  void aNameIsCheckedByEveryAddressItResolvesTo() {
    NetworkGuard noLoopback =
        NetworkGuard.from(Map.of(NetworkGuard.BLOCKED_ENV, "127.0.0.0/8,::1/128"));
    assertThatThrownBy(() -> noLoopback.check("localhost"))
        .isInstanceOfSatisfying(
            AdaptorException.class,
            e ->
                assertThat(e.getMessage())
                    .contains("localhost")
                    .contains(NetworkGuard.BLOCKED_ENV));
  }

  @Test
  void malformedNetworksAreRefusedWithoutALookup() {
    assertThatThrownBy(() -> NetworkGuard.from(Map.of(NetworkGuard.BLOCKED_ENV, "example.com/8")))
        .hasMessageContaining(NetworkGuard.BLOCKED_ENV);
    assertThatThrownBy(() -> NetworkGuard.from(Map.of(NetworkGuard.ALLOWED_ENV, "10.0.0.0/33")))
        .hasMessageContaining("prefix");
    assertThatThrownBy(() -> NetworkGuard.from(Map.of(NetworkGuard.ALLOWED_ENV, "10.0.0.0/x")))
        .hasMessageContaining("prefix");
  }

  @Test
  void anRdbmsConnectionToAMetadataAddressIsRefusedBeforeConnecting() {
    RdbmsAdaptor adaptor = new RdbmsAdaptor(defaults);
    for (String host : List.of("169.254.169.254", "fd00:ec2::254")) {
      var connection =
          (com.fasterxml.jackson.databind.node.ObjectNode)
              Json.parse(
                  "{\"type\":\"rdbms\",\"rdbms\":{\"type\":\"postgresql\",\"host\":\""
                      + host
                      + "\",\"database\":\"x\",\"user\":\"u\"}}");
      var ctx =
          new StepContext(
              connection,
              connection,
              Json.object(),
              null,
              Throttle.NONE,
              () -> false,
              Clock.systemUTC(),
              1 << 20);
      assertThatThrownBy(() -> adaptor.ping(ctx))
          .as(host)
          .isInstanceOfSatisfying(
              AdaptorException.class, e -> assertThat(e.code()).isEqualTo("blocked_address"));
    }
  }
}
