package io.tributary.scripting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The façade's contract, on scripts run in-process. */
class ScriptsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Scripts.Script> STORED = new ConcurrentHashMap<>();
  private static final List<String> LOGGED = new ArrayList<>();
  private static Scripts scripts;

  @BeforeAll
  static void start() {
    scripts =
        new Scripts(
            id -> Optional.ofNullable(STORED.get(id)),
            new InProcessRunner(),
            (id, fn, tags, lines) -> {
              synchronized (LOGGED) {
                lines.forEach(
                    l ->
                        LOGGED.add(
                            id
                                + "/"
                                + fn
                                + "/"
                                + tags.jobId()
                                + " "
                                + l.level()
                                + " "
                                + l.message()));
              }
            });
  }

  @AfterAll
  static void stop() {
    scripts.close();
  }

  private static void save(String id, long version, String content) {
    STORED.put(id, new Scripts.Script(id, version, content));
  }

  private static ObjectNode options(String json) throws Exception {
    return (ObjectNode) JSON.readTree(json);
  }

  @Test
  void answersTheFunctionsValueAsJsonAndKeepsItsLogs() throws Exception {
    save(
        "s1",
        1,
        """
        function preSavePage(options) {
          console.log('page', options.pageIndex, {n: options.data.length});
          console.warn('careful');
          return {data: options.data.map(r => ({...r, x: r.id * 2}))};
        }
        """);
    JsonNode answer =
        scripts.call(
            "s1",
            "preSavePage",
            options("{\"pageIndex\":3,\"data\":[{\"id\":1},{\"id\":2}]}"),
            new ScriptTags("f1", "j1"));
    assertThat(answer)
        .isEqualTo(JSON.readTree("{\"data\":[{\"id\":1,\"x\":2},{\"id\":2,\"x\":4}]}"));
    assertThat(LOGGED)
        .contains("s1/preSavePage/j1 info page 3 {\"n\":2}", "s1/preSavePage/j1 warn careful");
  }

  @Test
  void undefinedAndNullAnswerNullNode() throws Exception {
    save("s2", 1, "function none(o) {} function nul(o) { return null; }");
    assertThat(scripts.call("s2", "none", options("{}"), new ScriptTags(null, null)))
        .isEqualTo(NullNode.getInstance());
    assertThat(scripts.call("s2", "nul", options("{}"), new ScriptTags(null, null)))
        .isEqualTo(NullNode.getInstance());
  }

  @Test
  void aThrowIsAScriptErrorWithItsMessage() {
    save("s3", 1, "function boom(o) { throw new Error('no customer ' + o.id); }");
    assertThatThrownBy(
            () -> scripts.call("s3", "boom", options("{\"id\":7}"), new ScriptTags(null, null)))
        .isInstanceOfSatisfying(
            ScriptFailure.class,
            f -> {
              assertThat(f.code()).isEqualTo("script_error");
              assertThat(f.getMessage()).contains("no customer 7");
            });
  }

  @Test
  void aMissingScriptOrFunctionIsScriptMissing() {
    save("s4", 1, "function here(o) { return 1; }");
    assertThatThrownBy(
            () -> scripts.call("nope", "here", options("{}"), new ScriptTags(null, null)))
        .isInstanceOfSatisfying(
            ScriptFailure.class, f -> assertThat(f.code()).isEqualTo("script_missing"));
    assertThatThrownBy(() -> scripts.call("s4", "there", options("{}"), new ScriptTags(null, null)))
        .isInstanceOfSatisfying(
            ScriptFailure.class, f -> assertThat(f.code()).isEqualTo("script_missing"));
  }

  @Test
  void hasFunctionSeesTopLevelFunctionsOfTheCurrentVersion() {
    save("s5", 1, "function a(o) { return 1; } const b = (o) => 2; var notFn = 3;");
    assertThat(scripts.hasFunction("s5", "a")).isTrue();
    assertThat(scripts.hasFunction("s5", "b")).isTrue();
    assertThat(scripts.hasFunction("s5", "notFn")).isFalse();
    assertThat(scripts.hasFunction("s5", "c")).isFalse();
    assertThat(scripts.hasFunction("absent", "a")).isFalse();
    save("s5", 2, "function c(o) { return 1; }");
    assertThat(scripts.hasFunction("s5", "c")).isTrue();
    assertThat(scripts.hasFunction("s5", "a")).isFalse();
  }

  @Test
  void aChangedScriptTakesEffectAtTheNextCall() throws Exception {
    save("s6", 1, "function v(o) { return 1; }");
    assertThat(scripts.call("s6", "v", options("{}"), new ScriptTags(null, null)).asInt())
        .isEqualTo(1);
    save("s6", 2, "function v(o) { return 2; }");
    assertThat(scripts.call("s6", "v", options("{}"), new ScriptTags(null, null)).asInt())
        .isEqualTo(2);
  }

  @Test
  void noStateSurvivesFromOneCallToTheNext() throws Exception {
    save(
        "s7",
        1,
        "var count = 0; function tick(o) { count++; globalThis.seen = (globalThis.seen || 0) + 1;"
            + " return [count, globalThis.seen]; }");
    ScriptTags t = new ScriptTags(null, null);
    assertThat(scripts.call("s7", "tick", options("{}"), t).toString()).isEqualTo("[1,1]");
    assertThat(scripts.call("s7", "tick", options("{}"), t).toString()).isEqualTo("[1,1]");
  }
}
