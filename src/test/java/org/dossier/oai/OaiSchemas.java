package org.dossier.oai;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.catalog.CatalogFeatures;
import javax.xml.catalog.CatalogManager;
import javax.xml.catalog.CatalogResolver;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.SAXException;

/**
 * The schemas every OAI-PMH response is validated against: ours in {@code schemas/oai/} (envelope,
 * oai_dc, oai-identifier and the EDM profile loaded together, since the envelope checks metadata
 * strictly), and, where {@code ../shared} is present, the official OAI-PMH, oai_dc and Europeana
 * EDM schemas of the conformance kit, resolved offline through its XML catalog.
 */
final class OaiSchemas {
  private static final Path OURS = Path.of("schemas", "oai");
  private static final Path OFFICIAL = Path.of("..", "shared", "conformance", "oai", "schemas");
  private static Schema ours;
  private static Schema officialDc;
  private static Schema officialEdm;

  private OaiSchemas() {}

  /**
   * Validates a response against our schemas and, when available, the official ones.
   *
   * @throws AssertionError naming the first violation
   */
  static void validate(byte[] xml, boolean edm) {
    try {
      validate(ours(), xml, "schemas/oai");
      Schema official = edm ? officialEdm() : officialDc();
      if (official != null) {
        validate(official, xml, "the official schemas");
      }
    } catch (SAXException e) {
      throw new AssertionError("cannot load the schemas: " + e.getMessage(), e);
    }
  }

  static boolean officialAvailable() {
    return Files.isRegularFile(OFFICIAL.resolve("driver-dc.xsd"));
  }

  private static void validate(Schema schema, byte[] xml, String which) {
    try {
      schema.newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
    } catch (SAXException | java.io.IOException e) {
      throw new AssertionError(
          "invalid against "
              + which
              + ": "
              + e.getMessage()
              + "\n"
              + new String(
                  xml, 0, Math.min(xml.length, 3000), java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  private static synchronized Schema ours() throws SAXException {
    if (ours == null) {
      SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      List<Source> sources = new ArrayList<>();
      for (String file :
          List.of("OAI-PMH.xsd", "oai_dc.xsd", "oai-identifier.xsd", "edm/rdf.xsd")) {
        sources.add(new StreamSource(OURS.resolve(file).toFile()));
      }
      ours = factory.newSchema(sources.toArray(Source[]::new));
    }
    return ours;
  }

  private static synchronized Schema officialDc() throws SAXException {
    if (officialDc == null && officialAvailable()) {
      officialDc = official("driver-dc.xsd");
    }
    return officialDc;
  }

  private static synchronized Schema officialEdm() throws SAXException {
    if (officialEdm == null && officialAvailable()) {
      officialEdm = official("driver-edm.xsd");
    }
    return officialEdm;
  }

  private static Schema official(String driver) throws SAXException {
    SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    URI catalog = OFFICIAL.resolve("catalog.xml").toAbsolutePath().toUri();
    CatalogResolver resolver =
        CatalogManager.catalogResolver(
            CatalogFeatures.builder().with(CatalogFeatures.Feature.RESOLVE, "continue").build(),
            catalog);
    factory.setResourceResolver(resolver);
    return factory.newSchema(OFFICIAL.resolve(driver).toFile());
  }
}
