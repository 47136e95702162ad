package org.dossier.oai;

import java.util.Optional;

/**
 * The metadata formats the repository disseminates (section 4.4), each with the namespace and
 * schema of its root element. Every record is available in every format.
 */
enum MetadataFormat {
  OAI_DC(
      "oai_dc",
      "http://www.openarchives.org/OAI/2.0/oai_dc/",
      "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"),
  /**
   * Europeana Data Model: rdf:RDF, validated by Europeana's EDM.xsd; namespace as Europeana lists
   * it.
   */
  EDM("edm", "http://www.europeana.eu/schemas/edm/", "http://www.europeana.eu/schemas/edm/EDM.xsd"),
  /** MODS 3.8 (Library of Congress), valid against its official schema. */
  MODS("mods", "http://www.loc.gov/mods/v3", "http://www.loc.gov/standards/mods/v3/mods-3-8.xsd"),
  /**
   * Qualified Dublin Core in the container OCLC defined for CONTENTdm, which DPLA hubs harvest as
   * oai_qdc: dc: elements and dcterms: refinements in oai_qdc:qualifieddc.
   */
  OAI_QDC(
      "oai_qdc",
      "http://worldcat.org/xmlschemas/qdc-1.0/",
      "http://worldcat.org/xmlschemas/qdc/1.0/qdc-1.0.xsd");

  static final String RDF_NAMESPACE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

  private final String prefix;
  private final String namespace;
  private final String schema;

  MetadataFormat(String prefix, String namespace, String schema) {
    this.prefix = prefix;
    this.namespace = namespace;
    this.schema = schema;
  }

  static Optional<MetadataFormat> byPrefix(String prefix) {
    for (MetadataFormat f : values()) {
      if (f.prefix.equals(prefix)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /**
   * @throws OaiException cannotDisseminateFormat for a prefix the repository does not know
   */
  static MetadataFormat require(String prefix) {
    return byPrefix(prefix)
        .orElseThrow(
            () ->
                OaiError.CANNOT_DISSEMINATE_FORMAT.exception(
                    "This repository does not disseminate the format '"
                        + prefix
                        + "'; ListMetadataFormats names those it does."));
  }

  String prefix() {
    return prefix;
  }

  String namespace() {
    return namespace;
  }

  String schema() {
    return schema;
  }

  /** The xsi:schemaLocation value of a metadata root: its element's namespace and the schema. */
  String schemaLocation() {
    return (this == EDM ? RDF_NAMESPACE : namespace) + " " + schema;
  }
}
