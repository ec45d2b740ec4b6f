package io.tributary.adaptors;

import java.util.List;
import java.util.Set;

/**
 * What an adaptor serves, declared once by the adaptor; the server learns from it which connections
 * and adaptor types exist, how many requests a connection allows at once by default, and which
 * connection fields are secrets (encrypted at rest, masked in answers).
 *
 * @param connections the connection types the adaptor serves
 * @param adaptorTypes integrator.io's {@code adaptorType}s of exports and imports it runs
 */
public record AdaptorDescriptor(List<ConnectionKind> connections, List<AdaptorTypes> adaptorTypes) {
  public AdaptorDescriptor {
    connections = List.copyOf(connections);
    adaptorTypes = List.copyOf(adaptorTypes);
  }

  /**
   * A connection type: a connection document {@code {"type": type, block: {...settings}}}.
   *
   * @param block the member holding the settings (integrator.io names it after the type)
   * @param defaultConcurrency requests in flight at once when the block sets no {@code
   *     concurrencyLevel}
   * @param secretFields names of fields, anywhere in the block, that hold credentials
   */
  public record ConnectionKind(
      String type, String block, int defaultConcurrency, Set<String> secretFields) {
    public ConnectionKind {
      if (defaultConcurrency < 1)
        throw new IllegalArgumentException("defaultConcurrency must be at least 1");
      secretFields = Set.copyOf(secretFields);
    }
  }

  /**
   * The adaptor types of one resource block: an export with a {@code block} member is an {@code
   * exportType}, an import with one is an {@code importType} (either may be null where the family
   * has no such side), and both use connections of {@code connectionTypes}.
   */
  public record AdaptorTypes(
      String block, String exportType, String importType, Set<String> connectionTypes) {
    public AdaptorTypes {
      connectionTypes = Set.copyOf(connectionTypes);
    }
  }
}
