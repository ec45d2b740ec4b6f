package io.tributary.scripting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The isolation scripts run under: real worker processes, hostile scripts. The budget is short here
 * (2 s) so the tests stay quick; nothing asserts how long a call took.
 */
class WorkerPoolTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static WorkerPool pool;

  @BeforeAll
  static void start() {
    pool = new WorkerPool(new ScriptSettings(4000, 2, 96));
  }

  @AfterAll
  static void stop() {
    pool.close();
  }

  private static Answer call(String content, String function, String input) {
    return pool.call("k" + content.hashCode(), content, function, input);
  }

  @Test
  void anEndlessLoopIsStoppedAsScriptTimeoutWhileOtherCallsGoOn() throws Exception {
    // Both workers up first, so the quick call below needs no start-up of its own.
    String busy =
        "function busy(o) { const end = Date.now() + 300; while (Date.now() < end) {} return 1; }";
    // Own threads: the common pool has a single thread on a 2-core machine.
    var threads = java.util.concurrent.Executors.newFixedThreadPool(3);
    var a = CompletableFuture.supplyAsync(() -> call(busy, "busy", "{}"), threads);
    var b = CompletableFuture.supplyAsync(() -> call(busy, "busy", "{}"), threads);
    assertThat(a.get(120, TimeUnit.SECONDS).json()).isEqualTo("1");
    assertThat(b.get(120, TimeUnit.SECONDS).json()).isEqualTo("1");

    CompletableFuture<Answer> loop =
        CompletableFuture.supplyAsync(
            () -> call("function spin(o) { while (true) {} }", "spin", "{}"));
    Answer quick = call("function echo(o) { return o.n + 1; }", "echo", "{\"n\":41}");
    assertThat(loop.isDone())
        .as("the loop was still running when the other call answered")
        .isFalse();
    assertThat(quick.code()).isNull();
    assertThat(quick.json()).isEqualTo("42");
    Answer stopped = loop.get(60, TimeUnit.SECONDS);
    assertThat(stopped.code()).isEqualTo("script_timeout");
    assertThat(call("function ok(o) { return 'fine'; }", "ok", "{}").json()).isEqualTo("\"fine\"");
    threads.shutdown();
  }

  @Test
  void anAllocationBombIsScriptMemoryAndTheNextCallWorks() {
    // A budget long enough that the worker's heap, not the clock, is what stops the bomb even on
    // a loaded machine.
    try (WorkerPool own = new WorkerPool(new ScriptSettings(300_000, 1, 96))) {
      Answer bomb =
          own.call(
              "bomb",
              "function bomb(o) { const a = []; while (true) a.push(new Array(1000000).fill(a.length)); }",
              "bomb",
              "{}");
      assertThat(bomb.code()).as(bomb.message()).isEqualTo("script_memory");
      assertThat(own.pids()).isEmpty(); // the worker that ran out is gone
      assertThat(own.call("ok", "function ok(o) { return [1,2,3]; }", "ok", "{}").json())
          .isEqualTo("[1,2,3]");
    }
    // This JVM is untouched: it can still allocate what it could before.
    byte[] still = new byte[16 * 1024 * 1024];
    assertThat(still.length).isPositive();
  }

  @Test
  void aHugeAnswerIsRefusedBeforeItReachesTheServer() {
    Answer huge = call("function big(o) { return 'x'.repeat(40 * 1024 * 1024); }", "big", "{}");
    assertThat(huge.code()).isIn("script_memory");
  }

  @Test
  void scriptsReachNoHostFileNetworkProcessOrEnvironment() throws Exception {
    List<String> attempts =
        List.of(
            "Java.type('java.lang.System').getenv()",
            "require('fs').readFileSync('/etc/passwd')",
            "process.env",
            "fetch('http://127.0.0.1:1/')",
            "Polyglot.eval('js', '1')",
            "load('/etc/passwd')",
            "Packages.java.lang.System.exit(1)",
            "java.lang.System.getenv()",
            "Java.extend(Object)",
            "quit()",
            "readline()",
            "new XMLHttpRequest()",
            "Polyglot.import('x')");
    for (String attempt : attempts) {
      String script = "function t(o) { return String(" + attempt + "); }";
      Answer a = call(script, "t", "{}");
      assertThat(a.code()).as(attempt + " answered " + a.json()).isEqualTo("script_error");
      assertThat(a.message()).doesNotContain("root:");
    }
    // A dynamic import settles after the top-level code: refused, never loaded.
    Answer imported =
        call(
            "var out = 'pending'; import('/etc/passwd').then(() => out = 'loaded', e => out = 'refused');"
                + " function t(o) { return out; }",
            "t",
            "{}");
    assertThat(imported.json()).isIn("\"refused\"", "\"pending\"");
    // What is reachable names nothing of the host.
    Answer globals =
        call(
            "function g(o) { return [typeof Java, typeof require, typeof process, typeof fetch,"
                + " typeof Polyglot, typeof load, typeof Packages, typeof java, typeof quit]; }",
            "g",
            "{}");
    for (JsonNode t : JSON.readTree(globals.json()))
      assertThat(t.asText()).as(globals.json()).isEqualTo("undefined");
  }

  @Test
  void noStateSurvivesBetweenCallsOnTheSameWorker() {
    String s =
        "function set(o) { const before = globalThis.kept; globalThis.kept = o.v; return before === undefined ? 'none' : before; }";
    for (int i = 0; i < 4; i++)
      assertThat(call(s, "set", "{\"v\":" + i + "}").json()).isEqualTo("\"none\"");
  }

  @Test
  void aWorkerEndsWhenItsServerGoes() throws Exception {
    Process p =
        new ProcessBuilder(WorkerPool.command(96))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      Frames.read(new DataInputStream(p.getInputStream()), 1024); // ready
      p.getOutputStream().close(); // what the OS does to the pipe when the server dies
      if (!p.waitFor(30, TimeUnit.SECONDS)) fail("the worker outlived its closed stdin");
      assertThat(p.exitValue()).isZero();
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void closingThePoolLeavesNoWorkerBehind() throws Exception {
    WorkerPool own = new WorkerPool(new ScriptSettings(2000, 2, 96));
    assertThat(own.call("k", "function f(o) { return 1; }", "f", "{}").json()).isEqualTo("1");
    List<Long> pids = own.pids();
    assertThat(pids).hasSize(1);
    own.close();
    for (long pid : pids) {
      var h = ProcessHandle.of(pid);
      if (h.isPresent()) h.get().onExit().get(30, TimeUnit.SECONDS);
    }
  }
}
