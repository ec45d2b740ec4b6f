package io.tributary.adaptors.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.AdaptorException.Kind;
import io.tributary.adaptors.json.JsonPaths;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How an export reaches its next page: one implementation per integrator.io {@code paging.method}.
 * Pagers keep no state: each page carries the paging state it was fetched with. The stop rules all
 * methods share (last-page status, path, counts, an empty page) live in {@link StopRules}.
 */
sealed interface Pager {
  /** A request for one page and the paging state it was rendered with. */
  record Request(PagingVars vars, HttpCall call) {}

  /** A page as fetched: its state, the answer, the parsed body and its records. */
  record Page(PagingVars vars, HttpReply reply, JsonNode body, List<JsonNode> records) {}

  /** The request for the page after {@code page}, or empty when {@code page} was the last. */
  Optional<Request> next(Page page);

  static Pager of(JsonNode paging, ExportRequests requests, int pageSize) {
    String method = paging.path("method").asText("").toLowerCase(Locale.ROOT);
    String path = JsonValues.optionalText(paging, "path");
    return switch (method) {
      case "" -> new Single();
      case "page" -> new Counter(requests, PagingVars::nextPage);
      case "skip" -> new Counter(requests, v -> v.skipBy(pageSize));
      case "token" ->
          new Token(
              requests,
              paging.path("pathLocation").asText("body").equals("header")
                  ? headerValue(path)
                  : bodyValue(path));
      case "url" -> new NextUrl(requests, bodyValue(path));
      case "linkheader" ->
          new NextUrl(requests, linkHeader(paging.path("linkHeaderRelation").asText("next")));
      case "relativeuri", "body" ->
          new Templated(
              requests,
              requests
                  .endpoint()
                  .with(
                      JsonValues.optionalText(paging, "relativeURI"),
                      JsonValues.optionalText(paging, "body")));
      default ->
          throw new AdaptorException(
              Kind.FATAL, "unsupported_paging", "Paging method '" + method + "' is not supported.");
    };
  }

  /** No paging: the first answer is all there is. */
  record Single() implements Pager {
    @Override
    public Optional<Request> next(Page page) {
      return Optional.empty();
    }
  }

  /** {@code page} and {@code skip}: the same request with the counter advanced. */
  record Counter(ExportRequests requests, UnaryOperator<PagingVars> advance) implements Pager {
    @Override
    public Optional<Request> next(Page page) {
      return Optional.of(requests.request(advance.apply(page.vars())));
    }
  }

  /**
   * {@code token}: the next token from the body or a header; none (or the same one again) ends
   * paging.
   */
  record Token(ExportRequests requests, Function<Page, String> nextToken) implements Pager {
    @Override
    public Optional<Request> next(Page page) {
      String token = nextToken.apply(page);
      if (token == null || token.isBlank() || token.equals(page.vars().token()))
        return Optional.empty();
      return Optional.of(requests.request(page.vars().withToken(token)));
    }
  }

  /**
   * {@code url} and {@code linkheader}: a full next-page URL from the answer; none (or the same
   * URL) ends paging.
   */
  record NextUrl(ExportRequests requests, Function<Page, String> nextUrl) implements Pager {
    @Override
    public Optional<Request> next(Page page) {
      String url = nextUrl.apply(page);
      if (url == null || url.isBlank()) return Optional.empty();
      Request next = requests.request(page.vars().nextPage(), page, url);
      return next.call().uri().equals(page.reply().call().uri())
          ? Optional.empty()
          : Optional.of(next);
    }
  }

  /**
   * {@code relativeuri} and {@code body}: other templates for pages 2+, which may read {@code
   * previous_page}.
   */
  record Templated(ExportRequests requests, Endpoint later) implements Pager {
    @Override
    public Optional<Request> next(Page page) {
      PagingVars vars = page.vars().nextPage();
      ObjectNode context = requests.context(vars);
      ObjectNode previous = context.putObject("previous_page");
      previous.set("full_response", page.body());
      previous.set("last_record", page.records().get(page.records().size() - 1));
      previous.set("headers", page.reply().headersNode());
      return Optional.of(requests.request(vars, later, context));
    }
  }

  private static Function<Page, String> bodyValue(String path) {
    requirePath(path);
    return page -> {
      JsonNode v = JsonPaths.get(page.body(), path);
      return v.isValueNode() && !v.isNull() ? v.asText() : null;
    };
  }

  private static Function<Page, String> headerValue(String name) {
    requirePath(name);
    return page -> page.reply().header(name).orElse(null);
  }

  /** The URL of the {@code Link} entry whose {@code rel} names {@code relation} (RFC 8288). */
  private static Function<Page, String> linkHeader(String relation) {
    Pattern link = Pattern.compile("<([^>]*)>([^<]*)");
    Pattern rel = Pattern.compile("rel\\s*=\\s*\"?([^\";,]*)\"?", Pattern.CASE_INSENSITIVE);
    return page -> {
      for (String header : page.reply().headers().allValues("Link")) {
        Matcher m = link.matcher(header);
        while (m.find()) {
          Matcher r = rel.matcher(m.group(2));
          if (r.find() && List.of(r.group(1).trim().split("\\s+")).contains(relation))
            return m.group(1);
        }
      }
      return null;
    };
  }

  private static void requirePath(String path) {
    if (path == null)
      throw new AdaptorException(
          Kind.FATAL, "invalid_paging", "This paging method needs paging.path.");
  }
}
