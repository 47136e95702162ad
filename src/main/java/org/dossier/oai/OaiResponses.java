package org.dossier.oai;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.dossier.oai.xml.pmh.OAIPMH;
import org.dossier.oai.xml.pmh.OAIPMHerrorType;
import org.dossier.oai.xml.pmh.RecordType;
import org.dossier.oai.xml.pmh.RequestType;
import org.glassfish.jaxb.runtime.marshaller.NamespacePrefixMapper;

/**
 * Writes OAI-PMH responses: the JAXB envelope marshalled as UTF-8 with the stylesheet processing
 * instruction for browsers, {@code xsi:schemaLocation} on the root (section 3.2) and the customary
 * prefixes. One JAXB context for the whole process; a marshaller per response.
 */
final class OaiResponses {
  static final String OAI_NAMESPACE = "http://www.openarchives.org/OAI/2.0/";
  static final String OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd";
  static final String MEDIA_TYPE = "text/xml; charset=UTF-8";

  private static final JAXBContext CONTEXT = context();
  private static final XMLOutputFactory OUTPUT = outputFactory();

  private static final Map<String, String> PREFIXES =
      Map.ofEntries(
          Map.entry(OAI_NAMESPACE, ""),
          Map.entry("http://www.w3.org/2001/XMLSchema-instance", "xsi"),
          Map.entry("http://www.openarchives.org/OAI/2.0/oai_dc/", "oai_dc"),
          Map.entry("http://purl.org/dc/elements/1.1/", "dc"),
          Map.entry("http://purl.org/dc/terms/", "dcterms"),
          Map.entry("http://www.openarchives.org/OAI/2.0/oai-identifier", "oai-identifier"),
          Map.entry(MetadataFormat.RDF_NAMESPACE, "rdf"),
          Map.entry("http://www.europeana.eu/schemas/edm/", "edm"),
          Map.entry("http://www.openarchives.org/ore/terms/", "ore"),
          Map.entry("http://rdfs.org/sioc/services#", "svcs"),
          Map.entry("http://usefulinc.com/ns/doap#", "doap"),
          Map.entry("http://www.loc.gov/mods/v3", "mods"),
          Map.entry("http://www.w3.org/1999/xlink", "xlink"),
          Map.entry("http://worldcat.org/xmlschemas/qdc-1.0/", "oai_qdc"));

  private OaiResponses() {}

  private static JAXBContext context() {
    try {
      // Every generated package, so that elements referenced across namespaces all resolve.
      return JAXBContext.newInstance(
          String.join(
              ":",
              "org.dossier.oai.xml.pmh",
              "org.dossier.oai.xml.oaidc",
              "org.dossier.oai.xml.dc",
              "org.dossier.oai.xml.identifier",
              "org.dossier.oai.xml.rdf",
              "org.dossier.oai.xml.edm",
              "org.dossier.oai.xml.ore",
              "org.dossier.oai.xml.dcterms",
              "org.dossier.oai.xml.svcs",
              "org.dossier.oai.xml.doap",
              "org.dossier.oai.xml.mods",
              "org.dossier.oai.xml.qdc"),
          OaiResponses.class.getClassLoader());
    } catch (JAXBException e) {
      throw new IllegalStateException(
          "the generated OAI-PMH classes do not form a JAXB context", e);
    }
  }

  private static XMLOutputFactory outputFactory() {
    XMLOutputFactory factory = new com.ctc.wstx.stax.WstxOutputFactory();
    // JAXB writes well-formed structure already; checking it again costs time on every element.
    factory.setProperty(com.ctc.wstx.api.WstxOutputProperties.P_OUTPUT_VALIDATE_STRUCTURE, false);
    return factory;
  }

  /** An envelope with responseDate and the request element (bare when {@code request} is null). */
  static OAIPMH envelope(Instant now, String endpoint, OaiRequest request) {
    OAIPMH response = new OAIPMH();
    response.setResponseDate(now);
    RequestType echo = new RequestType();
    echo.setValue(endpoint);
    if (request != null) {
      echo.setVerb(request.verb().wire());
      echo.setIdentifier(request.identifier());
      echo.setMetadataPrefix(request.metadataPrefix());
      echo.setFrom(request.from() == null ? null : request.from().text());
      echo.setUntil(request.until() == null ? null : request.until().text());
      echo.setSet(request.set());
      echo.setResumptionToken(XmlText.clean(request.resumptionToken()));
    }
    response.setRequest(echo);
    return response;
  }

  /** The error response for an OAI exception (section 3.6). */
  static OAIPMH error(OaiException e, Instant now, String endpoint) {
    OAIPMH response = envelope(now, endpoint, e.request());
    for (OaiException.Failure f : e.failures()) {
      OAIPMHerrorType error = new OAIPMHerrorType();
      error.setCode(f.error().code());
      error.setValue(f.message() == null ? f.error().meaning() : f.message());
      response.getErrors().add(error);
    }
    return response;
  }

  static void write(OAIPMH response, String stylesheet, OutputStream out) {
    write(response, null, stylesheet, null, out);
  }

  /**
   * Records rendered ahead, each a {@code <record>} element as {@link #fragment} writes it, to be
   * sent as the content of the response's verb element ({@code ListRecords} or {@code GetRecord}),
   * before the resumption token; with each, when it is at hand, the same deflated by {@link
   * Deflated#piece} (null otherwise).
   */
  record Rendered(String element, List<byte[]> records, List<byte[]> deflated) {}

  /**
   * Writes a response. With {@code rendered}, the envelope is marshalled with an empty verb element
   * and the stored records are copied into it as they are: the envelope is all that is written per
   * request. With a {@code coding} ({@code gzip} or {@code deflate}) the stored records are copied
   * deflated, and only the envelope is compressed here.
   */
  static void write(
      OAIPMH response, Rendered rendered, String stylesheet, String coding, OutputStream out) {
    try {
      // The container's stream sends every write as it comes: gather the many small ones the
      // XML writer makes into few large ones.
      BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
      if (rendered == null) {
        marshal(response, stylesheet, buffered);
      } else {
        ByteArrayOutputStream envelope = new ByteArrayOutputStream(2048);
        marshal(response, stylesheet, envelope);
        byte[][] parts = split(envelope.toByteArray(), rendered.element());
        if (coding == null) {
          buffered.write(parts[0]);
          for (byte[] record : rendered.records()) {
            buffered.write(record);
          }
          buffered.write(parts[1]);
        } else {
          List<byte[]> pieces = new java.util.ArrayList<>(rendered.records().size());
          for (int i = 0; i < rendered.records().size(); i++) {
            byte[] piece = rendered.deflated().get(i);
            pieces.add(piece != null ? piece : Deflated.piece(rendered.records().get(i)));
          }
          Deflated.write(coding, parts[0], rendered.records(), pieces, parts[1], buffered);
        }
      }
      buffered.flush();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot write an OAI-PMH response: " + e, e);
    }
  }

  /**
   * The envelope before and after the content of its verb element. Nothing after the element's
   * start tag is text that could hold '<' unescaped, so the last occurrence of the tag is the
   * element; an empty element is written as one tag, and is opened and closed here instead.
   */
  private static byte[][] split(byte[] envelope, String element) {
    byte[] start = ("<" + element + ">").getBytes(StandardCharsets.UTF_8);
    int at = lastIndexOf(envelope, start);
    if (at >= 0) {
      at += start.length;
      return new byte[][] {
        java.util.Arrays.copyOfRange(envelope, 0, at),
        java.util.Arrays.copyOfRange(envelope, at, envelope.length)
      };
    }
    byte[] empty = ("<" + element + "/>").getBytes(StandardCharsets.UTF_8);
    at = lastIndexOf(envelope, empty);
    if (at < 0) {
      throw new IllegalStateException("no " + element + " element in the envelope");
    }
    ByteArrayOutputStream head = new ByteArrayOutputStream(at + start.length);
    head.write(envelope, 0, at);
    head.writeBytes(start);
    ByteArrayOutputStream tail = new ByteArrayOutputStream(envelope.length - at);
    tail.writeBytes(("</" + element + ">").getBytes(StandardCharsets.UTF_8));
    tail.write(envelope, at + empty.length, envelope.length - at - empty.length);
    return new byte[][] {head.toByteArray(), tail.toByteArray()};
  }

  private static void marshal(OAIPMH response, String stylesheet, OutputStream out) {
    try {
      XMLStreamWriter xml =
          new LocalNamespaces(OUTPUT.createXMLStreamWriter(out, StandardCharsets.UTF_8.name()));
      xml.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
      xml.writeCharacters("\n");
      xml.writeProcessingInstruction(
          "xml-stylesheet", "type=\"text/xsl\" href=\"" + stylesheet + "\"");
      xml.writeCharacters("\n");
      Marshaller m = CONTEXT.createMarshaller();
      m.setProperty(Marshaller.JAXB_FRAGMENT, true);
      m.setProperty(Marshaller.JAXB_SCHEMA_LOCATION, OAI_NAMESPACE + " " + OAI_SCHEMA);
      m.setProperty("org.glassfish.jaxb.namespacePrefixMapper", new Prefixes(false));
      m.marshal(response, xml);
      xml.writeEndDocument();
      xml.flush();
    } catch (JAXBException | XMLStreamException e) {
      throw new IllegalStateException("cannot write an OAI-PMH response: " + e, e);
    }
  }

  private static int lastIndexOf(byte[] bytes, byte[] part) {
    outer:
    for (int i = bytes.length - part.length; i >= 0; i--) {
      for (int j = 0; j < part.length; j++) {
        if (bytes[i + j] != part[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static final QName RECORD = new QName(OAI_NAMESPACE, "record");

  /**
   * A {@code <record>} element as UTF-8 bytes, exactly as {@link #write} writes it inside a
   * response: in the default namespace the envelope declares, with the namespaces of its metadata
   * declared on the metadata's root.
   */
  static byte[] fragment(RecordType record) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
      XMLStreamWriter xml =
          new LocalNamespaces(OUTPUT.createXMLStreamWriter(bytes, StandardCharsets.UTF_8.name()));
      Marshaller m = CONTEXT.createMarshaller();
      m.setProperty(Marshaller.JAXB_FRAGMENT, true);
      m.setProperty("org.glassfish.jaxb.namespacePrefixMapper", new Prefixes(true));
      m.marshal(new JAXBElement<>(RECORD, RecordType.class, record), xml);
      xml.flush();
      return bytes.toByteArray();
    } catch (JAXBException | XMLStreamException e) {
      throw new IllegalStateException("cannot render an OAI-PMH record: " + e, e);
    }
  }

  private static final class Prefixes extends NamespacePrefixMapper {
    /** Every binding the document element of a response declares, as prefix, URI pairs. */
    private static final String[] ENVELOPE =
        PREFIXES.entrySet().stream()
            .flatMap(e -> java.util.stream.Stream.of(e.getValue(), e.getKey()))
            .toArray(String[]::new);

    /** True for a fragment written inside an envelope: every binding is already in scope. */
    private final boolean inEnvelope;

    Prefixes(boolean inEnvelope) {
      this.inEnvelope = inEnvelope;
    }

    @Override
    public String[] getContextualNamespaceDecls() {
      return inEnvelope ? ENVELOPE : new String[0];
    }

    @Override
    public String getPreferredPrefix(
        String namespaceUri, String suggestion, boolean requirePrefix) {
      String prefix = PREFIXES.get(namespaceUri);
      if (prefix == null || (prefix.isEmpty() && requirePrefix)) {
        return suggestion;
      }
      return prefix;
    }
  }
}
