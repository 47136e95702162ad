package org.dossier.oai;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.Record;
import org.dossier.config.Settings;
import org.dossier.metrics.Metrics;
import org.dossier.oai.xml.pmh.HeaderType;
import org.dossier.oai.xml.pmh.OAIPMH;
import org.dossier.urls.Urls;

/**
 * The OAI-PMH repository over the catalog: what every verb handler shares (the catalog, the
 * configured names, URLs, identifiers, page size and token signer) and the dispatch from a parsed
 * request to the handler of its verb.
 */
public final class OaiRepository {
  final Catalog catalog;
  final Urls urls;
  final RecordRenderer renderer;
  final OaiIdentifiers identifiers;
  final TokenSigner signer;
  final String name;
  final String adminEmail;
  final int pageSize;
  final Duration tokenLifetime;
  final ListSizes listSizes = new ListSizes();
  final ReadAhead readAhead;
  private final OaiRenditions renditions;
  private final Clock clock;

  /**
   * @param renditions the projection that renders records ahead of requests, or null for none
   * @param metrics counts what the repository does beyond the responses (pages read ahead)
   */
  OaiRepository(
      Catalog catalog,
      Urls urls,
      Settings settings,
      OaiRenditions renditions,
      Clock clock,
      Metrics metrics) {
    this.catalog = catalog;
    this.urls = urls;
    this.renderer = new RecordRenderer(urls, settings);
    this.identifiers = renderer.identifiers;
    this.renditions = renditions;
    this.signer = TokenSigner.fromSettings(settings.tokenSecret(), settings.dataDir());
    this.name = renderer.name;
    this.adminEmail = settings.get(Settings.OAI_ADMIN_EMAIL);
    this.pageSize = settings.get(Settings.OAI_PAGE_SIZE);
    this.tokenLifetime = Duration.ofHours(settings.get(Settings.OAI_TOKEN_LIFETIME_HOURS));
    this.clock = clock;
    this.readAhead =
        new ReadAhead(
            Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
            catalog::lastChangeSeq,
            metrics);
  }

  /** Now, in whole seconds: the repository's granularity. */
  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  /**
   * Answers a request.
   *
   * @param response the envelope, with responseDate and request set; the verb's element is added
   * @param deflated whether the response is compressed, so that stored records are read deflated
   * @return the records to write into the verb's element, for ListRecords and GetRecord; else null
   * @throws OaiException for the error conditions of section 3.6
   */
  OaiResponses.Rendered answer(OaiRequest request, Instant now, OAIPMH response, boolean deflated) {
    switch (request.verb()) {
      case IDENTIFY -> response.setIdentify(new Identify(this).answer());
      case LIST_METADATA_FORMATS ->
          response.setListMetadataFormats(new ListMetadataFormats(this).answer(request));
      case LIST_SETS -> response.setListSets(new ListSets(this).answer(request, now));
      case GET_RECORD -> {
        return new GetRecord(this).answer(request, response, deflated);
      }
      case LIST_IDENTIFIERS ->
          response.setListIdentifiers(new ListRecords(this).identifiers(request, now));
      case LIST_RECORDS -> {
        return new ListRecords(this).records(request, now, response, deflated);
      }
    }
    return null;
  }

  /** The record an identifier names, tombstones included, or idDoesNotExist. */
  Record record(String identifier) {
    return identifiers
        .recordId(identifier)
        .flatMap(catalog::record)
        .orElseThrow(() -> noSuchIdentifier(identifier));
  }

  /** The record id an identifier of this repository names, or idDoesNotExist. */
  String recordId(String identifier) {
    return identifiers.recordId(identifier).orElseThrow(() -> noSuchIdentifier(identifier));
  }

  OaiException noSuchIdentifier(String identifier) {
    return OaiError.ID_DOES_NOT_EXIST.exception(
        "No item of this repository has the identifier '" + XmlText.clean(identifier) + "'.");
  }

  /** Section 2.5: the header, with status="deleted" for a tombstone. */
  HeaderType header(Record r) {
    return renderer.header(r);
  }

  /**
   * The generation of renditions to use: that of the projection keeping them, or none (every record
   * rendered on the request) when no projection runs in this process.
   */
  long renditionGeneration() {
    return renditions == null ? -1 : renditions.generation();
  }
}
