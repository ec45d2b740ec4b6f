package io.tributary.adaptors.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The records of an XML file, read with StAX: each element at {@code resourcePath} (an absolute
 * path such as {@code /Orders/Order}, or an element name matched at any depth; by default the
 * root's children) becomes an object. Attributes are {@code @name} fields, child elements are
 * fields (an array when repeated), an element with only text is its text, and the text of an
 * element that also has attributes or children is {@code #text}.
 */
final class XmlRecords implements RecordReader {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final XMLInputFactory FACTORY = factory();
  private final XMLStreamReader xml;
  private final List<String> target;
  private final boolean absolute;
  private final List<String> stack = new ArrayList<>();

  XmlRecords(Reader in, String resourcePath) throws IOException {
    try {
      this.xml = FACTORY.createXMLStreamReader(in);
    } catch (XMLStreamException e) {
      throw new Malformed("line 1: " + e.getMessage(), e);
    }
    String p = resourcePath == null ? "" : resourcePath.trim();
    this.absolute = p.startsWith("/");
    this.target = new ArrayList<>();
    for (String part : p.split("/")) if (!part.isEmpty()) target.add(part);
  }

  private static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(
        XMLInputFactory.SUPPORT_DTD,
        false); // no external entities: a file cannot make us read other files
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    return f;
  }

  @Override
  public ObjectNode next() throws IOException {
    try {
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          stack.add(xml.getLocalName());
          if (matches()) {
            JsonNode n = element();
            return n instanceof ObjectNode o ? o : NODES.objectNode().set("#text", n);
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          stack.removeLast();
        }
      }
      return null;
    } catch (XMLStreamException e) {
      int line =
          e.getLocation() == null
              ? xml.getLocation().getLineNumber()
              : e.getLocation().getLineNumber();
      throw new Malformed(
          "line "
              + line
              + ": "
              + e.getMessage()
                  .replaceFirst(
                      "(?s)^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message: ", ""),
          e);
    }
  }

  private boolean matches() {
    if (target.isEmpty()) return stack.size() == 2;
    if (absolute) return stack.equals(target);
    if (stack.size() < target.size()) return false;
    return stack.subList(stack.size() - target.size(), stack.size()).equals(target);
  }

  /** Reads the current element to its end (the stack is left as before it). */
  private JsonNode element() throws XMLStreamException {
    ObjectNode o = NODES.objectNode();
    for (int i = 0; i < xml.getAttributeCount(); i++)
      o.put("@" + xml.getAttributeLocalName(i), xml.getAttributeValue(i));
    StringBuilder text = new StringBuilder();
    while (true) {
      int event = xml.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        String name = xml.getLocalName();
        stack.add(name);
        JsonNode child = element();
        JsonNode existing = o.get(name);
        if (existing == null) o.set(name, child);
        else if (existing instanceof ArrayNode a) a.add(child);
        else o.putArray(name).add(existing).add(child);
      } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
        text.append(xml.getText());
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        stack.removeLast();
        String t = text.toString().trim();
        if (o.isEmpty()) return NODES.textNode(t);
        if (!t.isEmpty()) o.put("#text", t);
        return o;
      }
    }
  }

  @Override
  public void close() throws IOException {
    try {
      xml.close();
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
  }
}
