package org.dossier.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an ALTO file (versions 2, 3 and 4, by namespace) with a streaming XML parser that reads no
 * DTD and resolves no external entity: a DOCTYPE is refused outright, as no ALTO file needs one. It
 * keeps what the catalog needs: the measurement unit, the page's size, and every {@code TextLine}
 * with its {@code String}s ({@code CONTENT}, {@code HPOS}, {@code VPOS}, {@code WIDTH}, {@code
 * HEIGHT}); a word hyphenated across lines ({@code SUBS_TYPE} {@code HypPart1}/{@code HypPart2})
 * keeps its printed parts and their whole word ({@code SUBS_CONTENT}), and a {@code HYP} adds its
 * hyphen to the word before it.
 */
final class AltoParser {

  static final Set<String> NAMESPACES =
      Set.of(
          "http://www.loc.gov/standards/alto/ns-v2#",
          "http://www.loc.gov/standards/alto/ns-v3#",
          "http://www.loc.gov/standards/alto/ns-v4#");

  private static final XMLInputFactory FACTORY = factory();

  private AltoParser() {}

  private static XMLInputFactory factory() {
    com.ctc.wstx.stax.WstxInputFactory f = new com.ctc.wstx.stax.WstxInputFactory();
    // Stax2's speed profile (no coalescing, no lazy parsing...); the security settings follow it.
    f.configureForSpeed();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    // Nothing is ever fetched: a resolver that refuses stands behind the two switches above.
    f.setXMLResolver(
        (publicId, systemId, base, namespace) -> {
          throw new XMLStreamException("external entity '" + systemId + "' refused");
        });
    return f;
  }

  /**
   * @throws OcrException for malformed XML, a DOCTYPE, or an ALTO file this reader cannot use
   */
  static RawOcr parse(InputStream in) throws OcrException, IOException {
    XMLStreamReader xml = null;
    try {
      xml = FACTORY.createXMLStreamReader(in);
      return read(xml);
    } catch (XMLStreamException e) {
      throw new OcrException("malformed XML" + at(e.getLocation()) + ": " + message(e));
    } catch (RuntimeException e) {
      // Woodstox wraps some input errors (bad encodings) in unchecked exceptions.
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new OcrException("malformed XML: " + e.getMessage());
    } finally {
      if (xml != null) {
        try {
          xml.close();
        } catch (XMLStreamException ignored) {
          // closing a reader of a broken file: nothing left to read
        }
      }
    }
  }

  private static RawOcr read(XMLStreamReader xml) throws XMLStreamException, OcrException {
    String ns = null;
    String unit = "pixel";
    double pageWidth = Double.NaN;
    double pageHeight = Double.NaN;
    int pages = 0;
    List<RawOcr.Line> lines = new ArrayList<>();
    // The line being read: its attributes and words.
    double[] lineBox = null;
    RawOcr.At lineWhere = null;
    List<RawOcr.Word> words = null;
    while (xml.hasNext()) {
      int event = xml.next();
      if (event == XMLStreamConstants.DTD) {
        throw new OcrException(
            "a DOCTYPE"
                + at(xml.getLocation())
                + ": DTDs and external entities are not allowed in OCR files");
      }
      if (event == XMLStreamConstants.END_ELEMENT
          && ns != null
          && ns.equals(xml.getNamespaceURI())
          && "TextLine".equals(xml.getLocalName())) {
        if (words != null && !words.isEmpty()) {
          lines.add(
              new RawOcr.Line(lineBox[0], lineBox[1], lineBox[2], lineBox[3], words, lineWhere));
        }
        words = null;
        continue;
      }
      if (event != XMLStreamConstants.START_ELEMENT) {
        continue;
      }
      if (ns == null) {
        String rootNs = xml.getNamespaceURI();
        if (!"alto".equals(xml.getLocalName()) || rootNs == null || !NAMESPACES.contains(rootNs)) {
          throw new OcrException(
              "unknown OCR format: the root element is "
                  + qualified(xml)
                  + " (expected an ALTO v2, v3 or v4 'alto' element, or an hOCR page)");
        }
        ns = rootNs;
        continue;
      }
      if (!ns.equals(xml.getNamespaceURI())) {
        continue;
      }
      switch (xml.getLocalName()) {
        case "MeasurementUnit" -> unit = xml.getElementText().strip();
        case "Page" -> {
          if (++pages > 1) {
            throw new OcrException(
                "a second Page" + at(xml.getLocation()) + ": an OCR file must hold one page");
          }
          pageWidth = number(xml, "WIDTH");
          pageHeight = number(xml, "HEIGHT");
        }
        case "TextLine" -> {
          lineBox =
              new double[] {
                number(xml, "HPOS"),
                number(xml, "VPOS"),
                number(xml, "WIDTH"),
                number(xml, "HEIGHT")
              };
          lineWhere = new RawOcr.At(xml.getLocation().getLineNumber());
          words = new ArrayList<>();
        }
        case "String" -> {
          if (words == null) {
            throw new OcrException("a String outside any TextLine" + at(xml.getLocation()));
          }
          // One pass over the attributes: a page has hundreds of Strings.
          String content = null;
          String subsType = null;
          String subsContent = null;
          double x = Double.NaN;
          double y = Double.NaN;
          double w = Double.NaN;
          double h = Double.NaN;
          for (int i = 0, n = xml.getAttributeCount(); i < n; i++) {
            String ans = xml.getAttributeNamespace(i);
            if (ans != null && !ans.isEmpty()) {
              continue;
            }
            switch (xml.getAttributeLocalName(i)) {
              case "CONTENT" -> content = xml.getAttributeValue(i);
              case "HPOS" -> x = number(xml, "HPOS", xml.getAttributeValue(i));
              case "VPOS" -> y = number(xml, "VPOS", xml.getAttributeValue(i));
              case "WIDTH" -> w = number(xml, "WIDTH", xml.getAttributeValue(i));
              case "HEIGHT" -> h = number(xml, "HEIGHT", xml.getAttributeValue(i));
              case "SUBS_TYPE" -> subsType = xml.getAttributeValue(i);
              case "SUBS_CONTENT" -> subsContent = xml.getAttributeValue(i);
              default -> {
                // styles, confidence, alternatives: not kept
              }
            }
          }
          if (content == null) {
            throw new OcrException("a String without CONTENT" + at(xml.getLocation()));
          }
          content = content.strip();
          if (content.isEmpty()) {
            continue;
          }
          String whole = subsType != null && subsType.startsWith("HypPart") ? subsContent : null;
          words.add(
              new RawOcr.Word(
                  content,
                  x,
                  y,
                  w,
                  h,
                  whole == null || whole.isBlank() ? null : whole.strip(),
                  new RawOcr.At(xml.getLocation().getLineNumber())));
        }
        case "HYP" -> {
          String hyphen = xml.getAttributeValue(null, "CONTENT");
          if (words != null && !words.isEmpty() && hyphen != null && !hyphen.isBlank()) {
            RawOcr.Word last = words.remove(words.size() - 1);
            words.add(
                new RawOcr.Word(
                    last.text() + hyphen.strip(),
                    last.x(),
                    last.y(),
                    last.w(),
                    last.h(),
                    last.whole(),
                    last.where()));
          }
        }
        default -> {
          // blocks, styles, processing notes: nothing the catalog keeps
        }
      }
    }
    if (ns == null) {
      throw new OcrException("unknown OCR format: the file holds no XML element");
    }
    return new RawOcr("alto", unit.toLowerCase(Locale.ROOT), pageWidth, pageHeight, lines);
  }

  /** An attribute as a number, NaN when absent. */
  private static double number(XMLStreamReader xml, String attribute) throws OcrException {
    return number(xml, attribute, xml.getAttributeValue(null, attribute));
  }

  private static double number(XMLStreamReader xml, String attribute, String value)
      throws OcrException {
    if (value == null || value.isBlank()) {
      return Double.NaN;
    }
    // Most coordinates are whole numbers: read those without the general parser.
    int length = value.length();
    if (length <= 9) {
      int n = 0;
      int i = 0;
      for (; i < length; i++) {
        char c = value.charAt(i);
        if (c < '0' || c > '9') {
          break;
        }
        n = n * 10 + (c - '0');
      }
      if (i == length) {
        return n;
      }
    }
    try {
      double d = Double.parseDouble(value.strip());
      if (!Double.isFinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new OcrException(
          attribute + "=\"" + value + "\"" + at(xml.getLocation()) + " is not a number");
    }
  }

  private static String qualified(XMLStreamReader xml) {
    String ns = xml.getNamespaceURI();
    return "'"
        + xml.getLocalName()
        + "'"
        + (ns == null || ns.isEmpty() ? " in no namespace" : " in namespace " + ns);
  }

  static String at(Location location) {
    return location == null
        ? ""
        : " at line " + location.getLineNumber() + ", column " + location.getColumnNumber();
  }

  /** The parser's own words, without the location it prefixes (we give it ourselves). */
  private static String message(XMLStreamException e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    int at = m.indexOf("\n at [");
    m = at >= 0 ? m.substring(0, at) : m;
    return m.replace('\n', ' ').strip();
  }
}
