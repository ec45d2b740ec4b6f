package io.tributary.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.PageSource;
import java.util.List;

/**
 * Sources that no connection is read for: a listener (a webhook export) received their records
 * before the job started, and keeps them until the job is done with them.
 */
public interface Listeners {
  Listeners NONE = (flowId, exportId, export, jobId) -> null;

  /**
   * The records received for {@code export} (revealed, with its {@code _id}) and not yet through
   * flow {@code flowId}; null when the export is fed by no listener. Called on the job's thread
   * when the source starts; the engine closes the feed when the source ends (also on cancel).
   */
  Feed open(String flowId, String exportId, ObjectNode export, String jobId);

  /** A listener's records, a page at a time. */
  interface Feed extends PageSource {
    /**
     * The page (the list {@link #next()} answered) went through every step of the flow, each of its
     * records ending as a success, ignored or an error kept with its retry data: the listener may
     * forget it. Not called for a page the job stopped in the middle of: those records come again
     * to the next job. Called on the worker thread that processed the page.
     */
    void pageDone(List<ObjectNode> page);
  }
}
