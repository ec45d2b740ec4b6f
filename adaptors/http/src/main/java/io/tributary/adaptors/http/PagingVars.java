package io.tributary.adaptors.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The paging state templates read as {@code export.http.paging.page}, {@code .skip} and {@code
 * .token}.
 */
record PagingVars(long page, long skip, String token) {
  /**
   * The state before the first page: {@code paging.page} (default 0), skip 0, {@code paging.token}
   * (default empty).
   */
  static PagingVars initial(JsonNode paging) {
    return new PagingVars(
        paging.path("page").asLong(0),
        paging.path("skip").asLong(0),
        paging.path("token").asText(""));
  }

  PagingVars nextPage() {
    return new PagingVars(page + 1, skip, token);
  }

  PagingVars skipBy(long pageSize) {
    return new PagingVars(page + 1, skip + pageSize, token);
  }

  PagingVars withToken(String next) {
    return new PagingVars(page + 1, skip, next);
  }
}
