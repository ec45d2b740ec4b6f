package io.tributary.templating;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.adaptors.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * One Templates serves every running job: renders from many threads must not see each other's data.
 */
class TemplatesConcurrencyTest {
  @Test
  void concurrentRendersOfSharedTemplatesEachSeeTheirOwnContext() throws Exception {
    Templates templates = Fixture.TEMPLATES;
    String[] shapes = {
      "{{record.id}}:{{#each record.items}}{{@index}}{{sku}}{{/each}}:{{add record.id 1}}",
      "{{uppercase record.name}}-{{dateFormat \"YYYY\" record.when}}-{{hash \"md5\" \"hex\" record.name}}",
      "{{#compare record.id \">\" 500}}big{{else}}small{{/compare}}/{{jsonSerialize record.items}}"
    };
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        results.add(
            pool.submit(
                (Callable<Boolean>)
                    () -> {
                      for (int i = 0; i < 500; i++) {
                        int id = thread * 1000 + i;
                        JsonNode ctx =
                            Json.parse(
                                "{\"record\":{\"id\":"
                                    + id
                                    + ",\"name\":\"n"
                                    + id
                                    + "\",\"when\":\""
                                    + (2000 + i % 20)
                                    + "-06-01T00:00:00Z\",\"items\":[{\"sku\":\"s"
                                    + id
                                    + "\"}]}}");
                        String shape = shapes[i % shapes.length];
                        String out = templates.render(shape, ctx);
                        String expected =
                            switch (i % shapes.length) {
                              case 0 -> id + ":0s" + id + ":" + (id + 1);
                              case 1 -> "N" + id + "-" + (2000 + i % 20) + "-" + md5Hex("n" + id);
                              default ->
                                  (id > 500 ? "big" : "small") + "/[{\"sku\":\"s" + id + "\"}]";
                            };
                        if (!out.equals(expected))
                          throw new AssertionError(out + " != " + expected);
                      }
                      return true;
                    }));
      }
      for (Future<Boolean> f : results) assertThat(f.get()).isTrue();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theCacheStaysBounded() {
    Templates templates = new Templates(java.time.Clock.systemUTC());
    JsonNode ctx = Json.parse("{\"n\":1}");
    for (int i = 0; i < 1500; i++)
      assertThat(templates.render("{{n}}-" + i, ctx)).isEqualTo("1-" + i);
  }

  @Test
  void theCacheEvictsTheLeastRecentlyUsed() throws Exception {
    com.github.jknack.handlebars.Handlebars hb = new com.github.jknack.handlebars.Handlebars();
    java.util.concurrent.atomic.AtomicInteger compiles =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.function.Function<String, com.github.jknack.handlebars.Template> compile =
        s -> {
          compiles.incrementAndGet();
          try {
            return hb.compileInline(s);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        };
    TemplateCache<com.github.jknack.handlebars.Template> cache = new TemplateCache<>(3);
    for (int i = 0; i < 10; i++) {
      cache.get("t" + i, compile);
      cache.get("t0", compile); // kept warm, so never evicted
    }
    assertThat(cache.size()).isEqualTo(3);
    assertThat(compiles.get()).isEqualTo(10);
    assertThat(cache.get("t0", compile).apply(java.util.Map.of())).isEqualTo("t0");
    assertThat(compiles.get()).isEqualTo(10);
  }

  private static String md5Hex(String s) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance("MD5")
                .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}
