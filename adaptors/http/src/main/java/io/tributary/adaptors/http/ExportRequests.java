package io.tributary.adaptors.http;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An export's page requests: its endpoint rendered with a paging state (and, for overrides, the
 * previous page).
 */
final class ExportRequests {
  private final Session session;
  private final ObjectNode export;
  private final Endpoint endpoint;

  ExportRequests(Session session, ObjectNode export, Endpoint endpoint) {
    this.session = session;
    this.export = export;
    this.endpoint = endpoint;
  }

  Endpoint endpoint() {
    return endpoint;
  }

  ObjectNode context(PagingVars vars) {
    return TemplateContexts.export(session.context(), export, vars);
  }

  /** The export's own request for the page at {@code vars}. */
  Pager.Request request(PagingVars vars) {
    return new Pager.Request(vars, session.requests().build(endpoint, context(vars)));
  }

  /** Another endpoint (a paging override) rendered for {@code vars} in {@code context}. */
  Pager.Request request(PagingVars vars, Endpoint other, ObjectNode context) {
    return new Pager.Request(vars, session.requests().build(other, context));
  }

  /** A next-page URL sent before (a resumed run): sent again as it was. */
  Pager.Request resumeAt(PagingVars vars, java.net.URI uri) {
    return new Pager.Request(
        vars, session.requests().toUrl(endpoint, uri, uri.toString(), context(vars)));
  }

  /** A next-page URL the API handed out, sent with the export's method, headers and body. */
  Pager.Request request(PagingVars vars, Pager.Page after, String url) {
    return new Pager.Request(
        vars, session.requests().toUrl(endpoint, after.reply().call().uri(), url, context(vars)));
  }
}
