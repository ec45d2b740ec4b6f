package io.tributary.engine;

import io.tributary.adaptors.AdaptorException;

/**
 * An AUTH failure of one step, carrying that step's connection: only the connection whose
 * credentials were refused goes offline, not every connection of the flow.
 */
final class RefusedCredentials extends AdaptorException {
  private final String connectionId;

  RefusedCredentials(String connectionId, AdaptorException cause) {
    super(cause.kind(), cause.code(), cause.getMessage(), cause);
    this.connectionId = connectionId;
  }

  String connectionId() {
    return connectionId;
  }
}
