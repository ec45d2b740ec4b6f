package io.tributary.adaptors;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** The adaptors on the class path, by connection type. */
public final class AdaptorRegistry {
  private final Map<String, Adaptor> byConnectionType = new HashMap<>();

  public AdaptorRegistry(Iterable<Adaptor> adaptors) {
    for (Adaptor a : adaptors) {
      for (String type : a.connectionTypes()) byConnectionType.putIfAbsent(type, a);
    }
  }

  public static AdaptorRegistry load() {
    return new AdaptorRegistry(ServiceLoader.load(Adaptor.class));
  }

  /** Tells every adaptor that a connection changed or was deleted (see {@link Adaptor#connectionChanged}). */
  public void connectionChanged(String connectionId) {
    new java.util.LinkedHashSet<>(byConnectionType.values()).forEach(a -> a.connectionChanged(connectionId));
  }

  public Optional<Adaptor> forConnectionType(String type) {
    return Optional.ofNullable(byConnectionType.get(type));
  }
}
