package io.tributary.adaptors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/** A lazy sequence of pages read from a source; the engine pulls one page at a time. */
public interface PageSource extends AutoCloseable {
  /**
   * The next page of records, or empty when the source is exhausted. May throw {@link
   * AdaptorException}.
   */
  Optional<List<ObjectNode>> next();

  /**
   * Failures of parts of the source found since the last call, which did not stop it (a file that
   * cannot be parsed while the other files go on): the engine calls this after every {@link
   * #next()} on the same thread and keeps each as an error of the export step, without retry data,
   * naming what failed in its message. By default a source has none.
   */
  default List<RecordError> takeErrors() {
    return List.of();
  }

  /** Releases what the source holds (open responses, result sets). Never throws. */
  @Override
  void close();
}
