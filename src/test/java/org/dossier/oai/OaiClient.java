package org.dossier.oai;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.dossier.testing.TestServer;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * A small OAI-PMH test client over a {@link TestServer}: builds requests from name/value pairs,
 * checks that every answer is HTTP 200 XML valid against the schemas, and reads it with XPath
 * (prefixes oai, oai_dc, dc, dcterms, rdf, edm, ore, svcs, doap, id, mods, xlink, oai_qdc).
 */
final class OaiClient {
  private final TestServer server;

  OaiClient(TestServer server) {
    this.server = server;
  }

  /** GET /oai with these arguments (name, value, name, value…). */
  Answer get(String... arguments) throws Exception {
    HttpResponse<byte[]> response = server.getBytes("/oai?" + query(arguments));
    return answer(response);
  }

  /** POST /oai with these arguments as a form. */
  Answer post(String... arguments) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(server.uri("/oai"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(query(arguments)))
            .build();
    return answer(server.client().send(request, HttpResponse.BodyHandlers.ofByteArray()));
  }

  static String query(String... arguments) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i + 1 < arguments.length; i += 2) {
      parts.add(
          URLEncoder.encode(arguments[i], StandardCharsets.UTF_8)
              + "="
              + URLEncoder.encode(arguments[i + 1], StandardCharsets.UTF_8));
    }
    return String.join("&", parts);
  }

  static Answer answer(HttpResponse<byte[]> response) throws Exception {
    if (response.statusCode() != 200) {
      throw new AssertionError(
          "HTTP "
              + response.statusCode()
              + ": "
              + new String(response.body(), StandardCharsets.UTF_8));
    }
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (!type.startsWith("text/xml") || !type.toLowerCase().contains("charset=utf-8")) {
      throw new AssertionError("not UTF-8 XML: " + type);
    }
    return Answer.of(response.body());
  }

  /** A parsed, validated response. */
  static final class Answer {
    final byte[] bytes;
    final Document document;
    private final XPath xpath;

    private Answer(byte[] bytes, Document document) {
      this.bytes = bytes;
      this.document = document;
      this.xpath = XPathFactory.newInstance().newXPath();
      xpath.setNamespaceContext(NAMESPACES);
    }

    static Answer of(byte[] bytes) throws Exception {
      OaiSchemas.validate(bytes);
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      return new Answer(bytes, factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes)));
    }

    String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    String string(String expression) {
      try {
        return xpath.evaluate(expression, document);
      } catch (XPathExpressionException e) {
        throw new IllegalArgumentException(expression, e);
      }
    }

    int count(String expression) {
      return (int) Double.parseDouble(string("count(" + expression + ")"));
    }

    List<String> strings(String expression) {
      try {
        NodeList nodes = (NodeList) xpath.evaluate(expression, document, XPathConstants.NODESET);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
          values.add(nodes.item(i).getTextContent());
        }
        return values;
      } catch (XPathExpressionException e) {
        throw new IllegalArgumentException(expression, e);
      }
    }

    List<String> errorCodes() {
      return strings("/oai:OAI-PMH/oai:error/@code");
    }

    /** The attributes of the request element, as name=value. */
    List<String> requestAttributes() {
      List<String> found = new ArrayList<>();
      var attributes =
          document
              .getDocumentElement()
              .getElementsByTagNameNS(OaiResponses.OAI_NAMESPACE, "request")
              .item(0)
              .getAttributes();
      for (int i = 0; i < attributes.getLength(); i++) {
        found.add(attributes.item(i).getNodeName() + "=" + attributes.item(i).getNodeValue());
      }
      return found;
    }

    String token() {
      return string("//oai:resumptionToken");
    }

    boolean hasToken() {
      return count("//oai:resumptionToken") > 0;
    }
  }

  static final NamespaceContext NAMESPACES =
      new NamespaceContext() {
        @Override
        public String getNamespaceURI(String prefix) {
          return switch (prefix) {
            case "oai" -> OaiResponses.OAI_NAMESPACE;
            case "oai_dc" -> "http://www.openarchives.org/OAI/2.0/oai_dc/";
            case "dc" -> "http://purl.org/dc/elements/1.1/";
            case "dcterms" -> "http://purl.org/dc/terms/";
            case "rdf" -> "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
            case "edm" -> "http://www.europeana.eu/schemas/edm/";
            case "ore" -> "http://www.openarchives.org/ore/terms/";
            case "svcs" -> "http://rdfs.org/sioc/services#";
            case "doap" -> "http://usefulinc.com/ns/doap#";
            case "id" -> "http://www.openarchives.org/OAI/2.0/oai-identifier";
            case "xsi" -> "http://www.w3.org/2001/XMLSchema-instance";
            case "mods" -> "http://www.loc.gov/mods/v3";
            case "xlink" -> "http://www.w3.org/1999/xlink";
            case "oai_qdc" -> "http://worldcat.org/xmlschemas/qdc-1.0/";
            default -> null;
          };
        }

        @Override
        public String getPrefix(String namespaceUri) {
          return null;
        }

        @Override
        public Iterator<String> getPrefixes(String namespaceUri) {
          return null;
        }
      };
}
