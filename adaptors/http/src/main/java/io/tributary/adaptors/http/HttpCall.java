package io.tributary.adaptors.http;

import java.net.URI;
import java.util.List;

/**
 * One request, rendered and ready to send.
 *
 * @param body the request body, or null for none
 */
record HttpCall(String method, URI uri, List<Header> headers, String body) {
  /**
   * Method and path only: the query and the headers may carry credentials, so messages never show
   * them.
   */
  String describe() {
    return method
        + " "
        + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
  }

  @Override
  public String toString() {
    return describe();
  }
}
