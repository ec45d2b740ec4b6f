package io.tributary.scripting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;

/**
 * A script worker process: reads requests from stdin, runs them in a {@link JsRuntime} and writes
 * answers to stdout, one at a time, until stdin closes (so a worker never outlives its server,
 * however the server ended). Started by {@link WorkerPool} with a small heap and {@code
 * -XX:+ExitOnOutOfMemoryError}: a script that allocates without bound ends this process, not the
 * server.
 */
public final class WorkerMain {
  static final int MAX_REQUEST_BYTES = 256 * 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private WorkerMain() {}

  public static void main(String[] args) throws IOException {
    DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
    System.setOut(System.err); // stdout carries frames only
    DataInputStream in = new DataInputStream(new BufferedInputStream(System.in));
    try (JsRuntime runtime = new JsRuntime()) {
      // The first context pays for the language's start-up; pay it before the first budget runs.
      runtime.call("warm-up", "function f(o) { return o; }", "f", "{\"a\":[1]}");
      Frames.write(out, "{\"ready\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      while (true) {
        byte[] request;
        try {
          request = Frames.read(in, MAX_REQUEST_BYTES);
        } catch (EOFException e) {
          return; // the server closed our stdin: it is gone or done with us
        }
        Frames.write(out, JSON.writeValueAsBytes(answer(runtime, JSON.readTree(request))));
      }
    }
  }

  private static ObjectNode answer(JsRuntime runtime, JsonNode r) {
    String key = r.path("key").asText();
    String content = r.path("content").asText();
    Answer a =
        r.path("op").asText().equals("functions")
            ? runtime.functions(key, content)
            : runtime.call(key, content, r.path("function").asText(), r.path("input").asText());
    return Wire.toJson(a);
  }
}
