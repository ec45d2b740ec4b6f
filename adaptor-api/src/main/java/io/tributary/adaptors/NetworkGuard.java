package io.tributary.adaptors;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Decides which hosts an adaptor may reach, before it connects: the host is resolved and every
 * address it resolves to is checked, so a name pointing at a blocked address is refused too.
 *
 * <p>Cloud metadata endpoints ({@code 169.254.169.254}, {@code fd00:ec2::254}) are blocked by
 * default: they hand out the host's cloud credentials to whoever asks. {@code
 * TRIBUTARY_BLOCKED_NETWORKS} adds networks to block and {@code TRIBUTARY_ALLOWED_NETWORKS} opens
 * networks again (CIDR lists, comma or space separated). The most specific matching network decides
 * (a tie blocks), so {@code BLOCKED=10.0.0.0/8} with {@code ALLOWED=10.1.2.0/24} reaches only that
 * subnet of 10/8, and {@code BLOCKED=0.0.0.0/0,::/0} turns the allowed list into the only one.
 * Private networks and loopback stay reachable by default: databases live there.
 *
 * <p>Immutable and thread-safe.
 */
public final class NetworkGuard {
  public static final List<String> DEFAULT_BLOCKED =
      List.of("169.254.169.254/32", "fd00:ec2::254/128");
  public static final String BLOCKED_ENV = "TRIBUTARY_BLOCKED_NETWORKS";
  public static final String ALLOWED_ENV = "TRIBUTARY_ALLOWED_NETWORKS";

  private final List<Cidr> blocked;
  private final List<Cidr> allowed;

  public NetworkGuard(List<String> blocked, List<String> allowed) {
    this.blocked = blocked.stream().map(Cidr::parse).toList();
    this.allowed = allowed.stream().map(Cidr::parse).toList();
  }

  /**
   * The defaults plus the operator's {@code TRIBUTARY_BLOCKED_NETWORKS} and {@code
   * TRIBUTARY_ALLOWED_NETWORKS}.
   */
  public static NetworkGuard fromEnvironment() {
    return from(System.getenv());
  }

  public static NetworkGuard from(Map<String, String> env) {
    List<String> blocked = new ArrayList<>(DEFAULT_BLOCKED);
    blocked.addAll(list(env.get(BLOCKED_ENV), BLOCKED_ENV));
    return new NetworkGuard(blocked, list(env.get(ALLOWED_ENV), ALLOWED_ENV));
  }

  /**
   * Resolves {@code host} and answers its addresses when every one may be reached; throws a FATAL
   * {@link AdaptorException} ({@code blocked_address}) naming the host when one may not, and a
   * TRANSIENT one ({@code unknown_host}) when the name does not resolve.
   */
  public List<InetAddress> check(String host) {
    String h =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(h);
    } catch (UnknownHostException e) {
      throw new AdaptorException(
          AdaptorException.Kind.TRANSIENT,
          "unknown_host",
          "The host " + host + " cannot be resolved.",
          e);
    }
    for (InetAddress a : addresses) {
      if (!allows(a)) {
        throw new AdaptorException(
            AdaptorException.Kind.FATAL,
            "blocked_address",
            "The host "
                + host
                + " resolves to "
                + a.getHostAddress()
                + ", in a network Tributary may not reach (see "
                + BLOCKED_ENV
                + " and "
                + ALLOWED_ENV
                + ").");
      }
    }
    return List.of(addresses);
  }

  /**
   * True when the longest network that contains {@code address} is an allowed one, or none contains
   * it.
   */
  public boolean allows(InetAddress address) {
    byte[] bytes = normalized(address);
    int block = longest(blocked, bytes);
    int allow = longest(allowed, bytes);
    return block < 0 || allow > block;
  }

  private static int longest(List<Cidr> networks, byte[] address) {
    int best = -1;
    for (Cidr c : networks) if (c.bits() > best && c.contains(address)) best = c.bits();
    return best;
  }

  /**
   * IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d}) are checked as the IPv4 address they reach.
   */
  private static byte[] normalized(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet6Address && isMapped(b)) return Arrays.copyOfRange(b, 12, 16);
    return b;
  }

  private static boolean isMapped(byte[] b) {
    for (int i = 0; i < 10; i++) if (b[i] != 0) return false;
    return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
  }

  private static List<String> list(String value, String name) {
    if (value == null || value.isBlank()) return List.of();
    List<String> out = new ArrayList<>();
    for (String s : value.split("[,\\s]+")) {
      if (s.isBlank()) continue;
      try {
        Cidr.parse(s);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
      }
      out.add(s);
    }
    return out;
  }

  /** A network in CIDR notation; a bare address is a network of one. */
  public record Cidr(byte[] network, int bits) {
    /** Parses an address literal with an optional prefix length; never looks a name up. */
    public static Cidr parse(String text) {
      String s = text.trim();
      int slash = s.indexOf('/');
      String addr = slash < 0 ? s : s.substring(0, slash);
      // Only literals: a CIDR must never trigger a DNS lookup.
      if (!addr.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*"))
        throw new IllegalArgumentException("'" + text + "' is not a CIDR network");
      byte[] bytes;
      try {
        InetAddress a = InetAddress.getByName(addr);
        bytes = a.getAddress();
        if (!(a instanceof Inet4Address) && !(a instanceof Inet6Address))
          throw new IllegalArgumentException("'" + text + "' is not a CIDR network");
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("'" + text + "' is not a CIDR network", e);
      }
      int max = bytes.length * 8;
      int bits;
      try {
        bits = slash < 0 ? max : Integer.parseInt(s.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + text + "' has no valid prefix length", e);
      }
      if (bits < 0 || bits > max)
        throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0-" + max);
      return new Cidr(bytes, bits);
    }

    public boolean contains(InetAddress address) {
      return contains(normalized(address));
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) return false;
      int full = bits / 8;
      for (int i = 0; i < full; i++) if (address[i] != network[i]) return false;
      int rest = bits % 8;
      if (rest == 0) return true;
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[full] & mask) == (network[full] & mask);
    }
  }
}
