package org.dossier.oai;

import java.time.Instant;
import org.dossier.catalog.Iso639;
import org.dossier.catalog.Record;
import org.dossier.oai.xml.mods.AccessConditionType;
import org.dossier.oai.xml.mods.CodeOrTextType;
import org.dossier.oai.xml.mods.DateType;
import org.dossier.oai.xml.mods.IdentifierType;
import org.dossier.oai.xml.mods.LanguageTermType;
import org.dossier.oai.xml.mods.LanguageType;
import org.dossier.oai.xml.mods.LocationType;
import org.dossier.oai.xml.mods.Mods;
import org.dossier.oai.xml.mods.NameType;
import org.dossier.oai.xml.mods.NoteType;
import org.dossier.oai.xml.mods.OriginInfoType;
import org.dossier.oai.xml.mods.PhysicalDescriptionType;
import org.dossier.oai.xml.mods.RecordDateType;
import org.dossier.oai.xml.mods.RecordInfoType;
import org.dossier.oai.xml.mods.RelatedItemType;
import org.dossier.oai.xml.mods.SubjectType;
import org.dossier.oai.xml.mods.TitleInfoType;
import org.dossier.oai.xml.mods.UrlType;
import org.dossier.urls.ThingKind;
import org.dossier.urls.Urls;

/**
 * A record as MODS 3.8, following the MODS user guidelines; the README's mapping table documents
 * it. The document is text (typeOfResource) of its type (genre), created at the date the archive
 * gives, at its precision (originInfo/dateCreated, W3CDTF, the key date); its languages are RFC
 * 5646 tags (the shortest ISO 639 code of each language, which is the language subtag); people are
 * personal names without a role (the catalog records none); places and subjects are subjects; its
 * scans give the extent in pages; the record page is the primary URL (usage "primary", the value
 * MODS 3.8 defines in place of the deprecated "primary display") and the IIIF manifest a second
 * one; the rights statement URI is the use-and-reproduction access condition; each collection is a
 * host relatedItem.
 */
final class ModsMapping {
  static final String VERSION = "3.8";

  /** The language authority of every languageTerm: IETF BCP 47 (RFC 5646) tags. */
  static final String LANGUAGE_AUTHORITY = "rfc5646";

  /** The language the catalog's descriptions are written in. */
  static final String CATALOGING_LANGUAGE = "en";

  static final String PRIMARY = "primary";
  static final String OBJECT_IN_CONTEXT = "object in context";
  static final String MANIFEST_NOTE = "IIIF Manifest";
  static final String USE_AND_REPRODUCTION = "use and reproduction";

  private ModsMapping() {}

  /**
   * @param recordSource who describes the records (archive.name)
   * @param oaiIdentifier the record's OAI identifier, its identifier in recordInfo
   */
  static Mods map(
      Record r, Urls urls, String recordSource, String oaiIdentifier, CollectionTitles titles) {
    Mods mods = new Mods();
    mods.setSchemaLocation(MetadataFormat.MODS.schemaLocation());
    mods.setVersion(VERSION);
    mods.setTitleInfo(title(r.title()));
    for (String person : r.people()) {
      mods.getNames().add(person(person));
    }
    mods.setTypeOfResource("text");
    if (r.type() != null) {
      mods.setGenre(XmlText.clean(r.type()));
    }
    if (r.date() != null) {
      DateType created = new DateType();
      created.setValue(r.date().toString());
      created.setEncoding("w3cdtf");
      created.setKeyDate("yes");
      OriginInfoType origin = new OriginInfoType();
      origin.getDateCreateds().add(created);
      mods.setOriginInfo(origin);
    }
    for (String language : r.languages()) {
      mods.getLanguages().add(language(language));
    }
    if (!r.pages().isEmpty()) {
      PhysicalDescriptionType physical = new PhysicalDescriptionType();
      physical.setExtent(pages(r.pages().size()));
      mods.setPhysicalDescription(physical);
    }
    if (r.summary() != null) {
      mods.setAbstract(XmlText.clean(r.summary()));
    }
    if (r.source() != null) {
      NoteType source = new NoteType();
      source.setType("original location");
      source.setValue(XmlText.clean(r.source()));
      mods.getNotes().add(source);
    }
    for (String subject : r.subjects()) {
      SubjectType s = new SubjectType();
      s.setTopic(XmlText.clean(subject));
      mods.getSubjects().add(s);
    }
    for (String place : r.places()) {
      SubjectType s = new SubjectType();
      s.setGeographic(XmlText.clean(place));
      mods.getSubjects().add(s);
    }
    for (String collection : r.collections()) {
      String page = urls.collectionPage(collection);
      RelatedItemType host = new RelatedItemType();
      host.setType("host");
      host.setHref(page);
      host.setTitleInfo(title(titles.title(collection)));
      host.getLocations().add(url(page, null, null));
      mods.getRelatedItems().add(host);
    }
    IdentifierType uri = new IdentifierType();
    uri.setType("uri");
    uri.setValue(urls.thing(ThingKind.RECORD, ThingKind.RECORD.key(r.id())));
    mods.getIdentifiers().add(uri);
    LocationType primary = url(urls.recordPage(r.id()), PRIMARY, null);
    primary.getUrl().setAccess(OBJECT_IN_CONTEXT);
    mods.getLocations().add(primary);
    if (!r.pages().isEmpty()) {
      mods.getLocations().add(url(urls.manifest(3, r.id()), null, MANIFEST_NOTE));
    }
    if (r.archive() != null) {
      LocationType holder = new LocationType();
      holder.setPhysicalLocation(XmlText.clean(r.archive()));
      mods.getLocations().add(holder);
    }
    if (r.rights() != null) {
      String rights = XmlText.clean(r.rights());
      AccessConditionType access = new AccessConditionType();
      access.setType(USE_AND_REPRODUCTION);
      access.setHref(rights);
      access.setValue(rights);
      mods.setAccessCondition(access);
    }
    mods.setRecordInfo(recordInfo(r.datestamp(), recordSource, oaiIdentifier));
    return mods;
  }

  /** "1 page", "3 pages". */
  static String pages(int n) {
    return n == 1 ? "1 page" : n + " pages";
  }

  private static RecordInfoType recordInfo(Instant changed, String source, String identifier) {
    RecordInfoType info = new RecordInfoType();
    info.setRecordContentSource(XmlText.clean(source));
    if (changed != null) {
      RecordDateType date = new RecordDateType();
      date.setValue(changed);
      date.setEncoding("w3cdtf");
      info.setRecordChangeDate(date);
    }
    info.setRecordIdentifier(identifier);
    info.setLanguageOfCataloging(language(CATALOGING_LANGUAGE));
    return info;
  }

  private static TitleInfoType title(String text) {
    TitleInfoType title = new TitleInfoType();
    title.setTitle(XmlText.clean(text));
    return title;
  }

  private static NameType person(String name) {
    NameType person = new NameType();
    person.setType("personal");
    person.setNamePart(XmlText.clean(name));
    return person;
  }

  private static LanguageType language(String code) {
    LanguageTermType term = new LanguageTermType();
    term.setType(CodeOrTextType.CODE);
    term.setAuthority(LANGUAGE_AUTHORITY);
    term.setValue(Iso639.languageSubtag(code));
    LanguageType language = new LanguageType();
    language.setLanguageTerm(term);
    return language;
  }

  private static LocationType url(String href, String usage, String note) {
    UrlType url = new UrlType();
    url.setValue(href);
    url.setUsage(usage);
    url.setNote(note);
    LocationType location = new LocationType();
    location.setUrl(url);
    return location;
  }
}
