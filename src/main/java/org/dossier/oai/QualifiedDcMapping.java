package org.dossier.oai;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.dossier.catalog.Record;
import org.dossier.oai.xml.dc.ElementType;
import org.dossier.oai.xml.qdc.Qualifieddc;
import org.dossier.oai.xml.rdf.IsPartOf;
import org.dossier.oai.xml.rdf.LiteralType;
import org.dossier.urls.Urls;

/**
 * A record as qualified Dublin Core ({@code oai_qdc}): the fifteen elements in the dc: namespace
 * where a record's field is one of them, and DCMI's refinements in dcterms: where it says more —
 * dcterms:created (W3CDTF at the archive's precision), dcterms:spatial, dcterms:extent (the pages
 * scanned), dcterms:license for a Creative Commons URI and dcterms:rights for any other rights
 * statement, dcterms:identifier (the record page and the IIIF manifest) and dcterms:isPartOf (each
 * collection's title). The README's mapping table documents it.
 */
final class QualifiedDcMapping {
  private static final org.dossier.oai.xml.dc.ObjectFactory DC =
      new org.dossier.oai.xml.dc.ObjectFactory();
  private static final org.dossier.oai.xml.dcterms.ObjectFactory DCTERMS =
      new org.dossier.oai.xml.dcterms.ObjectFactory();

  private QualifiedDcMapping() {}

  static Qualifieddc map(Record r, Urls urls, CollectionTitles titles) {
    Qualifieddc qdc = new Qualifieddc();
    qdc.setSchemaLocation(MetadataFormat.OAI_QDC.schemaLocation());
    List<Object> out = qdc.getTitlesAndCreatorsAndSubjects();
    out.add(DC.createTitle(text(r.title())));
    if (r.date() != null) {
      out.add(DCTERMS.createCreated(r.date().toString()));
    }
    if (r.summary() != null) {
      out.add(DC.createDescription(text(r.summary())));
    }
    if (r.type() != null) {
      out.add(DC.createType(text(r.type())));
    }
    for (String language : r.languages()) {
      out.add(DC.createLanguage(text(language)));
    }
    for (String subject : r.subjects()) {
      out.add(DC.createSubject(text(subject)));
    }
    for (String person : r.people()) {
      out.add(DC.createSubject(text(person)));
    }
    for (String place : r.places()) {
      out.add(DCTERMS.createSpatial(literal(place)));
    }
    if (r.source() != null) {
      out.add(DC.createSource(text(r.source())));
    }
    if (r.archive() != null) {
      out.add(DC.createPublisher(text(r.archive())));
    }
    if (r.rights() != null) {
      out.add(
          isCreativeCommons(r.rights())
              ? DCTERMS.createLicense(literal(r.rights()))
              : DCTERMS.createRights(literal(r.rights())));
    }
    if (!r.pages().isEmpty()) {
      out.add(DCTERMS.createExtent(literal(ModsMapping.pages(r.pages().size()))));
    }
    out.add(DCTERMS.createIdentifier(literal(urls.recordPage(r.id()))));
    if (!r.pages().isEmpty()) {
      out.add(DCTERMS.createIdentifier(literal(urls.manifest(3, r.id()))));
    }
    for (String collection : r.collections()) {
      IsPartOf partOf = new IsPartOf();
      partOf.setValue(XmlText.clean(titles.title(collection)));
      out.add(partOf);
    }
    return qdc;
  }

  /** A Creative Commons licence or public-domain tool, by its URI (http or https). */
  static boolean isCreativeCommons(String uri) {
    try {
      String host = URI.create(uri.strip()).getHost();
      return host != null && host.toLowerCase(Locale.ROOT).equals("creativecommons.org");
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static ElementType text(String value) {
    ElementType e = new ElementType();
    e.setValue(XmlText.clean(value));
    return e;
  }

  private static LiteralType literal(String value) {
    LiteralType l = new LiteralType();
    l.setValue(XmlText.clean(value));
    return l;
  }
}
