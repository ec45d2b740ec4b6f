package io.tributary.adaptors;

import io.tributary.adaptors.AdaptorDescriptor.AdaptorTypes;
import io.tributary.adaptors.AdaptorDescriptor.ConnectionKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The adaptors on the class path, by connection type, with what their descriptors declare. The
 * registry owns their lifecycle: {@link #load()} opens them, {@link #close()} closes them.
 */
public final class AdaptorRegistry implements AutoCloseable {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(AdaptorRegistry.class);
  private final Map<String, Adaptor> byConnectionType = new LinkedHashMap<>();
  private final Map<String, ConnectionKind> connectionKinds = new LinkedHashMap<>();
  private final List<AdaptorTypes> adaptorTypes = new ArrayList<>();
  private final List<Adaptor> adaptors = new ArrayList<>();

  /** Registers and opens the adaptors; the first one to claim a connection type serves it. */
  public AdaptorRegistry(Iterable<Adaptor> adaptors) {
    for (Adaptor a : adaptors) {
      AdaptorDescriptor d = a.descriptor();
      boolean serves = false;
      for (ConnectionKind c : d.connections()) {
        if (byConnectionType.putIfAbsent(c.type(), a) == null) {
          connectionKinds.put(c.type(), c);
          serves = true;
        } else {
          LOG.warn(
              "connection type {} is served by {} already; {} is not used for it",
              c.type(),
              byConnectionType.get(c.type()).getClass().getName(),
              a.getClass().getName());
        }
      }
      if (!serves) continue;
      adaptorTypes.addAll(d.adaptorTypes());
      this.adaptors.add(a);
    }
    for (Adaptor a : this.adaptors) a.open();
  }

  public static AdaptorRegistry load() {
    return new AdaptorRegistry(ServiceLoader.load(Adaptor.class));
  }

  /**
   * Tells every adaptor that a connection changed or was deleted (see {@link
   * Adaptor#connectionChanged}).
   */
  public void connectionChanged(String connectionId) {
    adaptors.forEach(a -> a.connectionChanged(connectionId));
  }

  public Optional<Adaptor> forConnectionType(String type) {
    return Optional.ofNullable(byConnectionType.get(type));
  }

  /** The declared connection type, if an adaptor serves it. */
  public Optional<ConnectionKind> connectionKind(String type) {
    return Optional.ofNullable(connectionKinds.get(type));
  }

  /** Every connection type an adaptor serves, in registration order. */
  public List<ConnectionKind> connectionKinds() {
    return List.copyOf(connectionKinds.values());
  }

  /** Every adaptor type family the registered adaptors run. */
  public List<AdaptorTypes> adaptorTypes() {
    return List.copyOf(adaptorTypes);
  }

  /** Closes every adaptor (at shutdown); one that throws does not keep the others open. */
  @Override
  public void close() {
    for (Adaptor a : new LinkedHashSet<>(adaptors)) {
      try {
        a.close();
      } catch (RuntimeException e) {
        LOG.warn("adaptor {} failed to close: {}", a.getClass().getName(), e.toString());
      }
    }
  }
}
