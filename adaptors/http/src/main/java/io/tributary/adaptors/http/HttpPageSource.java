package io.tributary.adaptors.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.AdaptorException.Kind;
import io.tributary.adaptors.PageSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An HTTP export as pages of exactly {@code pageSize} records (the last one shorter), however the
 * API pages. HTTP pages are fetched only when the records of the previous one are used up, so at
 * most one answer and one output page are held at a time.
 */
final class HttpPageSource implements PageSource {
  private final Session session;
  private final ExportRequests requests;
  private final JsonNode paging;
  private final Pager pager;
  private final StopRules stops;
  private final ResponseCheck check;
  private final String resourcePath;
  private final String laterResourcePath;
  private final int pageSize;
  private final ArrayDeque<ObjectNode> pending = new ArrayDeque<>();
  private Pager.Request nextRequest;
  private Pager.Request currentRequest; // the one whose records are pending
  private int currentCount;
  private boolean started;
  private boolean closed;
  private int pagesRead;
  private int skipOnResume;
  private long recordsRead;

  HttpPageSource(Session session, ObjectNode export) {
    HttpBlock block = HttpBlock.of(export, "GET");
    this.session = session;
    this.pageSize = Math.max(1, export.path("pageSize").asInt(20));
    this.requests = new ExportRequests(session, export, block.endpoint());
    this.paging = block.node().path("paging");
    this.pager = Pager.of(paging, requests, pageSize);
    this.stops = StopRules.from(paging);
    this.check = block.check();
    this.resourcePath = block.resourcePath();
    String later = JsonValues.optionalText(paging, "resourcePath");
    this.laterResourcePath = later == null ? resourcePath : later;
  }

  @Override
  public Optional<List<ObjectNode>> next() {
    List<ObjectNode> page = new ArrayList<>(Math.min(pageSize, 1000));
    while (page.size() < pageSize && !closed) {
      if (pending.isEmpty() && !fetch()) break;
      page.add(pending.poll());
    }
    return page.isEmpty() ? Optional.empty() : Optional.of(page);
  }

  /** Reads the next HTTP page into {@code pending}; false when there is none. */
  private boolean fetch() {
    if (!started) {
      started = true;
      nextRequest = requests.request(PagingVars.initial(paging));
    }
    if (nextRequest == null) return false;
    Pager.Request request = nextRequest;
    nextRequest = null;
    HttpReply reply = session.send(request.call());
    if (!(pager instanceof Pager.Single) && reply.status() == stops.lastPageStatusCode())
      return false;
    if (!reply.ok()) throw Failures.unexpectedStatus(reply);
    JsonNode body = ResponseReader.json(reply);
    ResponseReader.check(check, body, reply.call());
    List<JsonNode> records =
        ResponseReader.records(
            body, pagesRead == 0 ? resourcePath : laterResourcePath, reply.call());
    pagesRead++;
    recordsRead += records.size();
    if (records.isEmpty()) return false;
    for (JsonNode r : records) pending.add(asObject(r, reply));
    currentRequest = request;
    currentCount = records.size();
    for (int i = 0; i < skipOnResume && !pending.isEmpty(); i++) pending.poll();
    skipOnResume = 0;
    Pager.Page fetched = new Pager.Page(request.vars(), reply, body, records);
    if (!stops.isLast(fetched, pagesRead, recordsRead))
      nextRequest = pager.next(fetched).orElse(null);
    return true;
  }

  /**
   * The HTTP request whose answer holds the next record to hand out (or the next request when the
   * answer is used up) and how many of its records were handed out. A {@code relativeURI}/{@code
   * body} paging override renders later pages from the previous answer, which is not kept: such an
   * export does not resume.
   */
  @Override
  public ObjectNode position() {
    if (pager instanceof Pager.Templated) return null;
    ObjectNode p = JsonNodeFactory.instance.objectNode();
    if (!started) return p.put("start", true);
    Pager.Request at;
    int consumed;
    int pagesBefore = pagesRead;
    long recordsBefore = recordsRead;
    if (!pending.isEmpty()) {
      at = currentRequest;
      consumed = currentCount - pending.size();
      pagesBefore--;
      recordsBefore -= currentCount;
    } else {
      at = nextRequest;
      consumed = 0;
    }
    if (at == null) return p.put("end", true);
    p.put("page", at.vars().page()).put("skip", at.vars().skip()).put("token", at.vars().token());
    p.put("uri", at.call().uri().toString()).put("consumed", consumed);
    return p.put("pagesRead", pagesBefore).put("recordsRead", recordsBefore);
  }

  @Override
  public void resume(ObjectNode p) {
    if (started || pager instanceof Pager.Templated)
      throw new AdaptorException(Kind.FATAL, "invalid_position", "This export cannot resume.");
    if (p.path("start").asBoolean(false)) return;
    started = true;
    if (p.path("end").asBoolean(false)) return;
    PagingVars vars =
        new PagingVars(
            p.path("page").asLong(), p.path("skip").asLong(), p.path("token").asText(""));
    pagesRead = p.path("pagesRead").asInt();
    recordsRead = p.path("recordsRead").asLong();
    skipOnResume = p.path("consumed").asInt();
    // Counter and token paging render the page from its state; a next-page URL is sent as it was.
    nextRequest =
        pager instanceof Pager.NextUrl && pagesRead > 0
            ? requests.resumeAt(vars, java.net.URI.create(p.path("uri").asText()))
            : requests.request(vars);
  }

  private static ObjectNode asObject(JsonNode record, HttpReply reply) {
    if (record instanceof ObjectNode o) return o;
    throw new AdaptorException(
        Kind.FATAL,
        "invalid_resource_path",
        "The records of "
            + reply.call().describe()
            + " are not objects (found "
            + record.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
            + "); set response.resourcePath to the array of records.");
  }

  @Override
  public void close() {
    closed = true;
    pending.clear();
    nextRequest = null;
  }
}
