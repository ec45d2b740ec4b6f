package io.tributary.adaptors.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.Adaptor;
import io.tributary.adaptors.AdaptorDescriptor;
import io.tributary.adaptors.AdaptorDescriptor.AdaptorTypes;
import io.tributary.adaptors.AdaptorDescriptor.ConnectionKind;
import io.tributary.adaptors.LookupResult;
import io.tributary.adaptors.NetworkGuard;
import io.tributary.adaptors.PageSource;
import io.tributary.adaptors.StepContext;
import io.tributary.adaptors.SubmitResult;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Set;

/**
 * integrator.io's HTTP adaptor ({@code HTTPExport}/{@code HTTPImport}, and the legacy {@code REST}
 * ones) for connection types {@code http} and {@code rest}. One JDK HTTP client serves every call;
 * each call reads its connection and resource afresh and keeps its state to itself.
 */
public final class HttpAdaptor implements Adaptor {
  /** Credential fields of ConnectionAuth's schemes (basic, token, oauth, cookie, custom). */
  private static final Set<String> SECRETS =
      Set.of(
          "password",
          "token",
          "bearerToken",
          "refreshToken",
          "accessToken",
          "clientSecret",
          "secret",
          "apiKey",
          "key");

  private static final AdaptorDescriptor DESCRIPTOR =
      new AdaptorDescriptor(
          List.of(
              new ConnectionKind("http", "http", 25, SECRETS),
              new ConnectionKind("rest", "rest", 25, SECRETS)),
          List.of(
              new AdaptorTypes("http", "HTTPExport", "HTTPImport", Set.of("http", "rest")),
              new AdaptorTypes("rest", "RESTExport", "RESTImport", Set.of("rest", "http"))));
  private final HttpClient client;
  private final Retrier retrier;

  /** The production settings; used by {@link java.util.ServiceLoader}. */
  public HttpAdaptor() {
    this(HttpOptions.defaults());
  }

  public HttpAdaptor(HttpOptions options) {
    this(options, NetworkGuard.fromEnvironment());
  }

  /**
   * Reaching only the hosts {@code guard} allows, on the first request and after every redirect.
   */
  public HttpAdaptor(HttpOptions options, NetworkGuard guard) {
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(options.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER) // HttpRedirects follows them
            .build();
    this.retrier = new Retrier(new Transport(client, options.requestTimeout(), guard), options);
  }

  @Override
  public AdaptorDescriptor descriptor() {
    return DESCRIPTOR;
  }

  /** At shutdown: requests still in flight are abandoned (their jobs are ending too). */
  @Override
  public void close() {
    client.shutdownNow();
  }

  @Override
  public void ping(StepContext context) {
    HttpPing.ping(Session.open(context, retrier));
  }

  @Override
  public PageSource export(StepContext context) {
    return new HttpPageSource(Session.open(context, retrier), context.resource());
  }

  @Override
  public List<LookupResult> lookup(StepContext context, List<ObjectNode> records) {
    return new HttpLookup(Session.open(context, retrier), context.resource()).run(records);
  }

  @Override
  public List<SubmitResult> submit(StepContext context, List<JsonNode> records) {
    return new HttpImport(Session.open(context, retrier), context.resource()).run(records);
  }
}
