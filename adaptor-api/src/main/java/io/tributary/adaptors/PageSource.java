package io.tributary.adaptors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/** A lazy sequence of pages read from a source; the engine pulls one page at a time. */
public interface PageSource extends AutoCloseable {
  /** The next page of records, or empty when the source is exhausted. May throw {@link AdaptorException}. */
  Optional<List<ObjectNode>> next();

  /** Releases what the source holds (open responses, result sets). Never throws. */
  @Override
  void close();
}
