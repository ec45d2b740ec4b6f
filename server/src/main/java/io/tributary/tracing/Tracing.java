package io.tributary.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.tributary.engine.RunObserver;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * OpenTelemetry traces of flow runs (job → page → step → request to a connection), exported over
 * OTLP/HTTP (protobuf) when the standard variables name an endpoint: {@code
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} (used as is) or {@code OTEL_EXPORTER_OTLP_ENDPOINT} (plus
 * {@code /v1/traces}), with {@code OTEL_EXPORTER_OTLP[_TRACES]_HEADERS}, {@code
 * OTEL_EXPORTER_OTLP[_TRACES]_TIMEOUT} (ms), {@code OTEL_SERVICE_NAME}; {@code
 * OTEL_SDK_DISABLED=true} or {@code OTEL_TRACES_EXPORTER=none} turn it off. Without an endpoint
 * nothing is built: the engine keeps its no-op observer and pays nothing.
 */
public final class Tracing implements AutoCloseable {
  private final SdkTracerProvider provider;
  private final EngineTracer engine;

  private Tracing(SdkTracerProvider provider) {
    this.provider = provider;
    Tracer tracer = provider.get("io.tributary.engine");
    this.engine = new EngineTracer(tracer);
  }

  /**
   * Tracing as the environment asks for it, or null when it names no endpoint (or turns it off).
   */
  public static Tracing fromEnv(Map<String, String> env) {
    if ("true".equalsIgnoreCase(env.get("OTEL_SDK_DISABLED"))) return null;
    String exporter = env.getOrDefault("OTEL_TRACES_EXPORTER", "otlp");
    if (exporter.equalsIgnoreCase("none")) return null;
    if (!exporter.equalsIgnoreCase("otlp")) {
      throw new IllegalArgumentException(
          "OTEL_TRACES_EXPORTER must be otlp or none, not " + exporter);
    }
    String endpoint = endpoint(env);
    if (endpoint == null) return null;
    String protocol =
        first(
            env,
            "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL",
            "OTEL_EXPORTER_OTLP_PROTOCOL",
            "http/protobuf");
    if (!protocol.equals("http/protobuf")) {
      throw new IllegalArgumentException(
          "Tributary exports traces over OTLP http/protobuf only; OTEL_EXPORTER_OTLP_PROTOCOL is "
              + protocol);
    }
    OtlpHttpSpanExporterBuilder b = OtlpHttpSpanExporter.builder().setEndpoint(endpoint);
    String headers =
        first(env, "OTEL_EXPORTER_OTLP_TRACES_HEADERS", "OTEL_EXPORTER_OTLP_HEADERS", "");
    for (String pair : headers.split(",")) {
      int eq = pair.indexOf('=');
      if (eq > 0)
        b.addHeader(decode(pair.substring(0, eq).strip()), decode(pair.substring(eq + 1).strip()));
    }
    String timeout =
        first(env, "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "OTEL_EXPORTER_OTLP_TIMEOUT", "10000");
    b.setTimeout(Duration.ofMillis(Long.parseLong(timeout.strip())));
    String service = env.getOrDefault("OTEL_SERVICE_NAME", "tributary");
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.getDefault()
                    .merge(
                        Resource.create(
                            Attributes.of(AttributeKey.stringKey("service.name"), service))))
            .addSpanProcessor(BatchSpanProcessor.builder(b.build()).build())
            .build();
    return new Tracing(provider);
  }

  /** The engine's observer that makes the spans. */
  public RunObserver engine() {
    return engine;
  }

  /** Sends what is still buffered (the batch processor exports every few seconds otherwise). */
  public void flush() {
    provider.forceFlush().join(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    provider.shutdown().join(10, TimeUnit.SECONDS);
  }

  private static String endpoint(Map<String, String> env) {
    String traces = env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
    if (traces != null && !traces.isBlank()) return traces.strip();
    String base = env.get("OTEL_EXPORTER_OTLP_ENDPOINT");
    if (base == null || base.isBlank()) return null;
    base = base.strip();
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/traces";
  }

  private static String first(
      Map<String, String> env, String specific, String general, String fallback) {
    String v = env.get(specific);
    if (v == null || v.isBlank()) v = env.get(general);
    return v == null || v.isBlank() ? fallback : v.strip();
  }

  private static String decode(String s) {
    return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
  }
}
