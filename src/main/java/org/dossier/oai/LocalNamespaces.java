package org.dossier.oai;

import java.util.List;
import java.util.Map;
import javax.xml.namespace.NamespaceContext;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Declares the namespaces of each metadata and description root on that root itself. JAXB declares
 * every namespace once on the document element; that is valid XML, but harvesters commonly cut the
 * metadata out of the envelope as an island and parse it alone, which fails unless the island
 * declares what it uses. Repeating a declaration is always allowed (Namespaces in XML, section
 * 6.1).
 */
final class LocalNamespaces implements XMLStreamWriter {
  private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

  /** Root element to the (prefix, namespace) pairs its subtree uses. */
  private static final Map<QName, List<String[]>> ROOTS =
      Map.of(
          new QName("http://www.openarchives.org/OAI/2.0/oai_dc/", "dc"),
              List.of(
                  new String[] {"oai_dc", "http://www.openarchives.org/OAI/2.0/oai_dc/"},
                  new String[] {"dc", "http://purl.org/dc/elements/1.1/"},
                  new String[] {"xsi", XSI}),
          new QName(MetadataFormat.RDF_NAMESPACE, "RDF"),
              List.of(
                  new String[] {"rdf", MetadataFormat.RDF_NAMESPACE},
                  new String[] {"edm", "http://www.europeana.eu/schemas/edm/"},
                  new String[] {"ore", "http://www.openarchives.org/ore/terms/"},
                  new String[] {"dc", "http://purl.org/dc/elements/1.1/"},
                  new String[] {"dcterms", "http://purl.org/dc/terms/"},
                  new String[] {"svcs", "http://rdfs.org/sioc/services#"},
                  new String[] {"doap", "http://usefulinc.com/ns/doap#"},
                  new String[] {"xsi", XSI}),
          new QName("http://www.loc.gov/mods/v3", "mods"),
              List.of(
                  new String[] {"mods", "http://www.loc.gov/mods/v3"},
                  new String[] {"xlink", "http://www.w3.org/1999/xlink"},
                  new String[] {"xsi", XSI}),
          new QName("http://worldcat.org/xmlschemas/qdc-1.0/", "qualifieddc"),
              List.of(
                  new String[] {"oai_qdc", "http://worldcat.org/xmlschemas/qdc-1.0/"},
                  new String[] {"dc", "http://purl.org/dc/elements/1.1/"},
                  new String[] {"dcterms", "http://purl.org/dc/terms/"},
                  new String[] {"xsi", XSI}),
          new QName("http://www.openarchives.org/OAI/2.0/oai-identifier", "oai-identifier"),
              List.of(
                  new String[] {
                    "oai-identifier", "http://www.openarchives.org/OAI/2.0/oai-identifier"
                  },
                  new String[] {"xsi", XSI}));

  private final XMLStreamWriter out;

  LocalNamespaces(XMLStreamWriter out) {
    this.out = out;
  }

  @Override
  public void writeStartElement(String prefix, String localName, String namespaceUri)
      throws XMLStreamException {
    out.writeStartElement(prefix, localName, namespaceUri);
    List<String[]> declarations =
        switch (localName) {
          case "dc", "RDF", "oai-identifier", "mods", "qualifieddc" ->
              ROOTS.get(new QName(namespaceUri, localName));
          default -> null;
        };
    if (declarations != null) {
      for (String[] d : declarations) {
        out.writeNamespace(d[0], d[1]);
      }
    }
  }

  // ---- everything else passes through ----

  @Override
  public void writeStartElement(String localName) throws XMLStreamException {
    out.writeStartElement(localName);
  }

  @Override
  public void writeStartElement(String namespaceUri, String localName) throws XMLStreamException {
    out.writeStartElement(namespaceUri, localName);
  }

  @Override
  public void writeEmptyElement(String namespaceUri, String localName) throws XMLStreamException {
    out.writeEmptyElement(namespaceUri, localName);
  }

  @Override
  public void writeEmptyElement(String prefix, String localName, String namespaceUri)
      throws XMLStreamException {
    out.writeEmptyElement(prefix, localName, namespaceUri);
  }

  @Override
  public void writeEmptyElement(String localName) throws XMLStreamException {
    out.writeEmptyElement(localName);
  }

  @Override
  public void writeEndElement() throws XMLStreamException {
    out.writeEndElement();
  }

  @Override
  public void writeEndDocument() throws XMLStreamException {
    out.writeEndDocument();
  }

  @Override
  public void close() throws XMLStreamException {
    out.close();
  }

  @Override
  public void flush() throws XMLStreamException {
    out.flush();
  }

  @Override
  public void writeAttribute(String localName, String value) throws XMLStreamException {
    out.writeAttribute(localName, value);
  }

  @Override
  public void writeAttribute(String prefix, String namespaceUri, String localName, String value)
      throws XMLStreamException {
    out.writeAttribute(prefix, namespaceUri, localName, value);
  }

  @Override
  public void writeAttribute(String namespaceUri, String localName, String value)
      throws XMLStreamException {
    out.writeAttribute(namespaceUri, localName, value);
  }

  @Override
  public void writeNamespace(String prefix, String namespaceUri) throws XMLStreamException {
    out.writeNamespace(prefix, namespaceUri);
  }

  @Override
  public void writeDefaultNamespace(String namespaceUri) throws XMLStreamException {
    out.writeDefaultNamespace(namespaceUri);
  }

  @Override
  public void writeComment(String data) throws XMLStreamException {
    out.writeComment(data);
  }

  @Override
  public void writeProcessingInstruction(String target) throws XMLStreamException {
    out.writeProcessingInstruction(target);
  }

  @Override
  public void writeProcessingInstruction(String target, String data) throws XMLStreamException {
    out.writeProcessingInstruction(target, data);
  }

  @Override
  public void writeCData(String data) throws XMLStreamException {
    out.writeCData(data);
  }

  @Override
  public void writeDTD(String dtd) throws XMLStreamException {
    out.writeDTD(dtd);
  }

  @Override
  public void writeEntityRef(String name) throws XMLStreamException {
    out.writeEntityRef(name);
  }

  @Override
  public void writeStartDocument() throws XMLStreamException {
    out.writeStartDocument();
  }

  @Override
  public void writeStartDocument(String version) throws XMLStreamException {
    out.writeStartDocument(version);
  }

  @Override
  public void writeStartDocument(String encoding, String version) throws XMLStreamException {
    out.writeStartDocument(encoding, version);
  }

  @Override
  public void writeCharacters(String text) throws XMLStreamException {
    out.writeCharacters(text);
  }

  @Override
  public void writeCharacters(char[] text, int start, int len) throws XMLStreamException {
    out.writeCharacters(text, start, len);
  }

  @Override
  public String getPrefix(String uri) throws XMLStreamException {
    return out.getPrefix(uri);
  }

  @Override
  public void setPrefix(String prefix, String uri) throws XMLStreamException {
    out.setPrefix(prefix, uri);
  }

  @Override
  public void setDefaultNamespace(String uri) throws XMLStreamException {
    out.setDefaultNamespace(uri);
  }

  @Override
  public void setNamespaceContext(NamespaceContext context) throws XMLStreamException {
    out.setNamespaceContext(context);
  }

  @Override
  public NamespaceContext getNamespaceContext() {
    return out.getNamespaceContext();
  }

  @Override
  public Object getProperty(String name) {
    return out.getProperty(name);
  }
}
