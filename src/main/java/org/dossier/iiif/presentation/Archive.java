package org.dossier.iiif.presentation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dossier.catalog.ArchiveCollection;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordJson;
import org.dossier.urls.ThingKind;
import org.dossier.urls.Urls;
import tools.jackson.databind.node.ObjectNode;

/**
 * The archive as Presentation documents describe it: the {@code provider} Agent with its home page
 * and logo, the attribution of {@code requiredStatement}, and the descriptive metadata of a record
 * that both API versions show.
 *
 * @param urls every public URL, from the configured base URL
 * @param name the archive's name from the configuration
 * @param repositoryIdentifier the OAI-PMH repository identifier, for {@code oai:{it}:{id}}
 */
record Archive(Urls urls, String name, String repositoryIdentifier) {

  /** One descriptive pair: a label and its values, in the order people read them. */
  record Entry(String label, List<String> values) {}

  /** Presentation 3.0 §3.3.3 "provider": an Agent with a label, a homepage and a logo. */
  ObjectNode providerV3() {
    ObjectNode agent = RecordJson.MAPPER.createObjectNode();
    agent.put("id", urls.home() + "#archive");
    agent.put("type", "Agent");
    agent.set("label", LanguageMap.of(name));
    agent.putArray("homepage").add(homepageV3(urls.home(), name));
    ObjectNode logo = agent.putArray("logo").addObject();
    logo.put("id", urls.logo());
    logo.put("type", "Image");
    logo.put("format", "image/png");
    logo.put("width", Logo.WIDTH);
    logo.put("height", Logo.HEIGHT);
    return agent;
  }

  /** A web page for people: {@code {"id", "type": "Text", "label", "format": "text/html"}}. */
  static ObjectNode homepageV3(String id, String label) {
    ObjectNode page = RecordJson.MAPPER.createObjectNode();
    page.put("id", id);
    page.put("type", "Text");
    page.set("label", LanguageMap.of(label));
    page.put("format", "text/html");
    page.putArray("language").add(LanguageMap.LANGUAGE);
    return page;
  }

  /** The record's Dublin Core description: an OAI-PMH GetRecord request for oai_dc. */
  String dublinCore(String recordId) {
    return urls.oaiGetRecord("oai_dc", Urls.oaiIdentifier(repositoryIdentifier, recordId));
  }

  /**
   * The record's Europeana Data Model description: an OAI-PMH GetRecord request for edm, the link
   * Europeana's IIIF harvester follows from a manifest's {@code seeAlso}.
   */
  String edm(String recordId) {
    return urls.oaiGetRecord("edm", Urls.oaiIdentifier(repositoryIdentifier, recordId));
  }

  /** The profile of an EDM description, as Europeana's IIIF guidance names it. */
  static final String EDM_PROFILE = "http://www.europeana.eu/schemas/edm/";

  /** The record's RDF description in Turtle. */
  String turtle(String recordId) {
    return urls.description(ThingKind.RECORD, ThingKind.RECORD.key(recordId), "ttl");
  }

  /** The attribution viewers must show (requiredStatement, 2.1 attribution). */
  String attribution(Record r) {
    StringBuilder text = new StringBuilder("Provided by ").append(name).append('.');
    if (r != null && r.archive() != null) {
      text.append(" Original held by ").append(r.archive()).append('.');
    }
    return text.toString();
  }

  /**
   * The record's descriptive metadata: date, type, people, places, subjects, source, archive,
   * collections.
   */
  List<Entry> metadata(Record r, List<ArchiveCollection> collections) {
    List<Entry> entries = new ArrayList<>();
    if (r.date() != null) {
      entries.add(new Entry("Date", List.of(NavDate.display(r.date()))));
    }
    if (r.type() != null) {
      entries.add(new Entry("Type", List.of(capitalized(r.type()))));
    }
    add(entries, "People", r.people());
    add(entries, "Places", r.places());
    add(entries, "Subjects", r.subjects());
    add(
        entries,
        "Language",
        r.languages().stream()
            .map(code -> Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH))
            .toList());
    if (r.source() != null) {
      entries.add(new Entry("Source", List.of(r.source())));
    }
    if (r.archive() != null) {
      entries.add(new Entry("Archive", List.of(r.archive())));
    }
    add(entries, "Collection", collections.stream().map(ArchiveCollection::title).toList());
    if (r.rights() != null && RightsUri.of(r.rights()).isEmpty()) {
      // Not a URI that "rights" may carry: shown to people instead.
      entries.add(new Entry("Rights", List.of(r.rights())));
    }
    return entries;
  }

  private static void add(List<Entry> entries, String label, List<String> values) {
    if (!values.isEmpty()) {
      entries.add(new Entry(label, values));
    }
  }

  private static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
