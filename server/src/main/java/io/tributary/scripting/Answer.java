package io.tributary.scripting;

import java.util.List;

/**
 * What one run of a script function gave: {@code json} (the return value as JSON text) when {@code
 * code} is null, else the failure's code and message. {@code logs} are the lines it wrote either
 * way.
 */
record Answer(String code, String message, String json, List<LogLine> logs) {
  static Answer ok(String json, List<LogLine> logs) {
    return new Answer(null, null, json, logs);
  }

  static Answer failed(String code, String message, List<LogLine> logs) {
    return new Answer(code, message, null, logs);
  }
}
