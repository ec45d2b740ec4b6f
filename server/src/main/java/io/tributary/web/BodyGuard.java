package io.tributary.web;

import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the encoding of every request body before a route reads it. JSON is UTF-8 (RFC 8259): a
 * body declared in another charset is a 415, and bytes that are not UTF-8 are a 400, rather than a
 * 500 from an unknown charset or a name silently stored with replacement characters.
 */
public final class BodyGuard {
  private static final Pattern CHARSET =
      Pattern.compile("(?i);\\s*charset\\s*=\\s*\"?([^\";\\s]*)\"?");
  private static final Set<String> UTF8 = Set.of("utf-8", "utf8");

  /** Bodies that are bytes, not text (template zips): their encoding is not ours to check. */
  private static final Set<String> BINARY =
      Set.of(
          "application/zip",
          "application/octet-stream",
          "application/x-zip-compressed",
          "application/x-zip");

  private BodyGuard() {}

  public static void check(Context ctx) {
    String type = ctx.header("Content-Type");
    if (type != null) {
      Matcher m = CHARSET.matcher(type);
      if (m.find() && !UTF8.contains(m.group(1).toLowerCase(Locale.ROOT))) {
        throw new ApiException(
            415,
            "unsupported_media_type",
            "Request bodies are JSON in UTF-8; the charset \""
                + m.group(1)
                + "\" is not supported.");
      }
      if (BINARY.contains(mediaType(type))) return;
    }
    if (!ctx.method().toString().matches("POST|PUT|PATCH|DELETE")) return;
    byte[] body = ctx.bodyAsBytes();
    if (body.length > 0 && !isUtf8(body)) {
      throw ApiException.badRequest("invalid_json", "The request body is not valid UTF-8.");
    }
  }

  private static String mediaType(String contentType) {
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi))
        .trim()
        .toLowerCase(Locale.ROOT);
  }

  static boolean isUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
