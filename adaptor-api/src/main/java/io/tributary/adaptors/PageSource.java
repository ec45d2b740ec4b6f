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

  /**
   * Where the source stands after the last page {@link #next()} answered, as a small JSON object
   * the engine keeps in the job's checkpoint (D26): after a crash or a hand-over, another process
   * opens the same export again and passes it to {@link #resume} so that reading goes on after that
   * page. Called on the thread that calls {@code next()}, right after it. Answer null when the
   * source cannot resume (the default): such a job starts its source over, and its log says so.
   */
  default ObjectNode position() {
    return null;
  }

  /**
   * Continues from a {@link #position()} this adaptor answered earlier for the same export: called
   * once, before the first {@link #next()}. Throws {@link AdaptorException} when the position no
   * longer fits the export (the job then fails and says why).
   */
  default void resume(ObjectNode position) {
    throw new AdaptorException(
        AdaptorException.Kind.FATAL, "not_resumable", "This source cannot resume a run.");
  }

  /** Releases what the source holds (open responses, result sets). Never throws. */
  @Override
  void close();
}
