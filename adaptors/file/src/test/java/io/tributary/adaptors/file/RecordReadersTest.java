package io.tributary.adaptors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The file readers on local streams: the parsing rules of each type, without a server. */
class RecordReadersTest {
  private static List<String> all(String content, String fileBlock) throws IOException {
    return all(content.getBytes(StandardCharsets.UTF_8), fileBlock);
  }

  private static List<String> all(byte[] content, String fileBlock) throws IOException {
    ObjectNode export = Json.object();
    export.set("file", Json.parse(fileBlock));
    List<String> out = new ArrayList<>();
    try (FileParts parts =
        new FileParts("/x/f", new ByteArrayInputStream(content), FileFormat.of(export))) {
      for (ObjectNode r = parts.next(); r != null; r = parts.next()) out.add(r.toString());
    }
    return out;
  }

  @Test
  void csvQuotedFieldsMayHoldDelimitersQuotesAndLineBreaks() throws IOException {
    assertThat(
            all("a,b\r\n\"x,1\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",\r\n", "{\"type\":\"csv\"}"))
        .containsExactly(
            "{\"a\":\"x,1\",\"b\":\"say \\\"hi\\\"\"}", "{\"a\":\"two\\nlines\",\"b\":\"\"}");
  }

  @Test
  void csvTabDelimiterAndAnUnterminatedQuoteIsMalformed() throws IOException {
    assertThat(all("a\tb\n1\t2\n", "{\"type\":\"csv\",\"csv\":{\"columnDelimiter\":\"\\\\t\"}}"))
        .containsExactly("{\"a\":\"1\",\"b\":\"2\"}");
    assertThatThrownBy(() -> all("a,b\n1,2\n3,4,5\n", "{\"type\":\"csv\"}"))
        .isInstanceOf(RecordReader.Malformed.class)
        .hasMessageContaining("line 3");
  }

  @Test
  void theEncodingIsHonoured() throws IOException {
    byte[] latin = "name\nJosé\n".getBytes(Charset.forName("windows-1252"));
    assertThat(all(latin, "{\"type\":\"csv\",\"encoding\":\"win1252\"}"))
        .containsExactly("{\"name\":\"José\"}");
  }

  @Test
  void jsonOneObjectIsOneRecordAndAScalarRecordIsMalformed() throws IOException {
    assertThat(all("{\"a\":1}", "{\"type\":\"json\"}")).containsExactly("{\"a\":1}");
    assertThat(
            all(
                "{\"x\":{\"y\":{\"a\":2}}}",
                "{\"type\":\"json\",\"json\":{\"resourcePath\":\"x.y\"}}"))
        .containsExactly("{\"a\":2}");
    assertThat(all("{\"x\":1}", "{\"type\":\"json\",\"json\":{\"resourcePath\":\"missing\"}}"))
        .isEmpty();
    assertThatThrownBy(() -> all("[{\"a\":1},\n2]", "{\"type\":\"json\"}"))
        .isInstanceOf(RecordReader.Malformed.class)
        .hasMessageContaining("line 2");
  }

  @Test
  void xmlWithoutAResourcePathReadsTheRootsChildrenAndKeepsMixedText() throws IOException {
    assertThat(all("<r><i n=\"1\">text</i><i><![CDATA[<b>]]></i></r>", "{\"type\":\"xml\"}"))
        .containsExactly("{\"@n\":\"1\",\"#text\":\"text\"}", "{\"#text\":\"<b>\"}");
  }

  @Test
  void xmlExternalEntitiesAreNotRead() {
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><r><i>&e;</i></r>";
    assertThatThrownBy(() -> all(xxe, "{\"type\":\"xml\"}"))
        .isInstanceOf(RecordReader.Malformed.class);
  }

  @Test
  void aGzipFileThatIsNotGzipIsMalformed() {
    assertThatThrownBy(() -> all("id\n1\n", "{\"type\":\"csv\",\"compressionFormat\":\"gzip\"}"))
        .isInstanceOf(RecordReader.Malformed.class);
  }

  @Test
  void settingsThatCannotWorkAreRefused() {
    assertThatThrownBy(() -> all("", "{\"type\":\"pdf\"}")).hasMessageContaining("file.type");
    assertThatThrownBy(() -> all("", "{\"type\":\"csv\",\"csv\":{\"columnDelimiter\":\"ab\"}}"))
        .hasMessageContaining("one character");
  }
}
