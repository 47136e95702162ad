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
 * oai_dc, oai-identifier, the EDM and MODS profiles and the oai_qdc container loaded together,
 * since the envelope checks metadata strictly); and, where {@code ../shared} is present, the
 * official OAI-PMH, oai_dc, Europeana EDM and MODS schemas of the conformance kit, resolved offline
 * through its XML catalog. The conformance kit has no schema for oai_qdc: ours is the one it is
 * held to.
 */
final class OaiSchemas {
  private static final Path OURS = Path.of("schemas", "oai");
  private static final Path OFFICIAL = Path.of("..", "shared", "conformance", "oai", "schemas");
  private static Schema ours;
  private static Schema officialDc;
  private static Schema officialEdm;
  private static Schema officialMods;

  /** What a response carries, as far as the schemas that check it differ. */
  enum Format {
    DC,
    EDM,
    MODS,
    QDC;

    /** Told from the metadata root's customary prefix, which the server always writes. */
    static Format of(byte[] xml) {
      String text = new String(xml, java.nio.charset.StandardCharsets.UTF_8);
      if (text.contains("<mods:mods")) {
        return MODS;
      }
      if (text.contains("<oai_qdc:qualifieddc")) {
        return QDC;
      }
      return text.contains("<rdf:RDF") ? EDM : DC;
    }
  }

  private OaiSchemas() {}

  /**
   * Validates a response against our schemas and, when available, the official ones.
   *
   * @throws AssertionError naming the first violation
   */
  static void validate(byte[] xml) {
    try {
      validate(ours(), xml, "schemas/oai");
      Format format = Format.of(xml);
      Schema official =
          switch (format) {
            case EDM -> officialEdm();
            case MODS -> officialMods();
            // The envelope and oai_dc; oai_qdc has no official schema to add.
            case DC -> officialDc();
            case QDC -> null;
          };
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
          List.of(
              "OAI-PMH.xsd",
              "oai_dc.xsd",
              "oai-identifier.xsd",
              "edm/rdf.xsd",
              "mods/mods.xsd",
              "qdc/qdc.xsd")) {
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

  private static synchronized Schema officialMods() throws SAXException {
    if (officialMods == null && officialAvailable()) {
      officialMods = official("driver-mods.xsd");
    }
    return officialMods;
  }

  private static CatalogResolver resolver(Path catalogFile) {
    return CatalogManager.catalogResolver(
        CatalogFeatures.builder().with(CatalogFeatures.Feature.RESOLVE, "continue").build(),
        catalogFile.toAbsolutePath().toUri());
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
