package org.dossier.oai;

import java.util.List;
import java.util.function.Function;
import org.dossier.catalog.Record;
import org.dossier.oai.xml.dc.ElementType;
import org.dossier.oai.xml.dc.ObjectFactory;
import org.dossier.oai.xml.oaidc.Dc;
import org.dossier.urls.Urls;

/**
 * A record as {@code oai_dc}: simple Dublin Core, one element per value. The mapping, as
 * docs/oai.md documents it: title; date at the archive's precision (1950, 1950-04, 1950-04-12);
 * description = summary; type; language (ISO 639 codes as stored); subject = subjects, then people;
 * coverage = places; source; publisher = originating archive; rights = the rights statement URI;
 * identifier = the record's page and, when it has scans, its IIIF manifest; relation = each
 * collection's page.
 */
final class DublinCoreMapping {
  private static final ObjectFactory DC = new ObjectFactory();

  private DublinCoreMapping() {}

  static Dc map(Record r, Urls urls) {
    Dc dc = new Dc();
    dc.setSchemaLocation(MetadataFormat.OAI_DC.schemaLocation());
    var out = dc.getTitlesAndCreatorsAndSubjects();
    out.add(DC.createTitle(text(r.title())));
    if (r.date() != null) {
      out.add(DC.createDate(text(r.date().toString())));
    }
    if (r.summary() != null) {
      out.add(DC.createDescription(text(r.summary())));
    }
    if (r.type() != null) {
      out.add(DC.createType(text(r.type())));
    }
    addAll(out, r.languages(), DC::createLanguage);
    addAll(out, r.subjects(), DC::createSubject);
    addAll(out, r.people(), DC::createSubject);
    addAll(out, r.places(), DC::createCoverage);
    if (r.source() != null) {
      out.add(DC.createSource(text(r.source())));
    }
    if (r.archive() != null) {
      out.add(DC.createPublisher(text(r.archive())));
    }
    if (r.rights() != null) {
      out.add(DC.createRights(text(r.rights())));
    }
    out.add(DC.createIdentifier(text(urls.recordPage(r.id()))));
    if (!r.pages().isEmpty()) {
      out.add(DC.createIdentifier(text(urls.manifest(3, r.id()))));
    }
    for (String collection : r.collections()) {
      out.add(DC.createRelation(text(urls.collectionPage(collection))));
    }
    return dc;
  }

  /**
   * The repository itself in simple Dublin Core, for Identify's {@code description}: its other
   * harvesting routes as {@code dc:relation}s, the IIIF Change Discovery stream of every change
   * first, then the VoID (and DCAT) description of the linked data, and its home page as {@code
   * dc:identifier}. Dublin Core, as a community schema every OAI-PMH validator holds, keeps
   * Identify valid where an element of a private namespace would fail the strict {@code
   * description} wildcard of OAI-PMH.xsd.
   */
  static Dc repository(String name, Urls urls) {
    Dc dc = new Dc();
    dc.setSchemaLocation(MetadataFormat.OAI_DC.schemaLocation());
    var out = dc.getTitlesAndCreatorsAndSubjects();
    out.add(DC.createTitle(text(name)));
    out.add(
        DC.createDescription(
            text(
                "The records of this repository are also published as a IIIF Change Discovery 1.0"
                    + " activity stream (the first relation) and as linked data described in VoID"
                    + " and DCAT (the second).")));
    out.add(DC.createIdentifier(text(urls.home())));
    out.add(DC.createRelation(text(urls.changeStream())));
    out.add(DC.createRelation(text(urls.voidDocument())));
    return dc;
  }

  private static void addAll(
      List<jakarta.xml.bind.JAXBElement<ElementType>> out,
      List<String> values,
      Function<ElementType, jakarta.xml.bind.JAXBElement<ElementType>> element) {
    for (String v : values) {
      out.add(element.apply(text(v)));
    }
  }

  private static ElementType text(String value) {
    ElementType e = new ElementType();
    e.setValue(XmlText.clean(value));
    return e;
  }
}
