package org.dossier.oai;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.Record;
import org.dossier.config.Settings;
import org.dossier.oai.xml.UtcInstantAdapter;
import org.dossier.oai.xml.pmh.HeaderType;
import org.dossier.oai.xml.pmh.MetadataType;
import org.dossier.oai.xml.pmh.OAIPMH;
import org.dossier.oai.xml.pmh.RecordType;
import org.dossier.oai.xml.pmh.StatusType;
import org.dossier.urls.Urls;

/**
 * The OAI-PMH repository over the catalog: what every verb handler shares (the catalog, the
 * configured names, URLs, identifiers, page size and token signer) and the dispatch from a parsed
 * request to the handler of its verb.
 */
public final class OaiRepository {
  final Catalog catalog;
  final Urls urls;
  final OaiIdentifiers identifiers;
  final TokenSigner signer;
  final String name;
  final String adminEmail;
  final String provider;
  final int pageSize;
  final Duration tokenLifetime;
  final ListSizes listSizes = new ListSizes();
  private final Clock clock;

  OaiRepository(Catalog catalog, Urls urls, Settings settings, Clock clock) {
    this.catalog = catalog;
    this.urls = urls;
    this.identifiers = new OaiIdentifiers(settings.get(Settings.OAI_REPOSITORY_IDENTIFIER));
    this.signer =
        TokenSigner.fromSettings(settings.get(Settings.OAI_TOKEN_SECRET), settings.dataDir());
    this.name = settings.get(Settings.ARCHIVE_NAME);
    this.adminEmail = settings.get(Settings.OAI_ADMIN_EMAIL);
    String configuredProvider = settings.get(Settings.OAI_EDM_PROVIDER);
    this.provider = configuredProvider.isEmpty() ? name : configuredProvider;
    this.pageSize = settings.get(Settings.OAI_PAGE_SIZE);
    this.tokenLifetime = Duration.ofHours(settings.get(Settings.OAI_TOKEN_LIFETIME_HOURS));
    this.clock = clock;
  }

  /** Now, in whole seconds: the repository's granularity. */
  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  /**
   * Answers a request.
   *
   * @param response the envelope, with responseDate and request set; the verb's element is added
   * @throws OaiException for the error conditions of section 3.6
   */
  void answer(OaiRequest request, Instant now, OAIPMH response) {
    switch (request.verb()) {
      case IDENTIFY -> response.setIdentify(new Identify(this).answer());
      case LIST_METADATA_FORMATS ->
          response.setListMetadataFormats(new ListMetadataFormats(this).answer(request));
      case LIST_SETS -> response.setListSets(new ListSets(this).answer(request, now));
      case GET_RECORD -> response.setGetRecord(new GetRecord(this).answer(request));
      case LIST_IDENTIFIERS ->
          response.setListIdentifiers(new ListRecords(this).identifiers(request, now));
      case LIST_RECORDS -> response.setListRecords(new ListRecords(this).records(request, now));
    }
  }

  /** The record an identifier names, tombstones included, or idDoesNotExist. */
  Record record(String identifier) {
    return identifiers
        .recordId(identifier)
        .flatMap(catalog::record)
        .orElseThrow(
            () ->
                OaiError.ID_DOES_NOT_EXIST.exception(
                    "No item of this repository has the identifier '"
                        + XmlText.clean(identifier)
                        + "'."));
  }

  /** Section 2.5: the header, with status="deleted" for a tombstone. */
  HeaderType header(Record r) {
    HeaderType header = new HeaderType();
    header.setIdentifier(identifiers.of(r.id()));
    header.setDatestamp(datestamp(r.datestamp()));
    header.getSetSpecs().addAll(SetSpecs.of(r));
    if (r.deleted()) {
      header.setStatus(StatusType.DELETED);
    }
    return header;
  }

  /** The last datestamp printed: records of one import share theirs, so most lookups hit. */
  private volatile Printed lastPrinted =
      new Printed(Instant.EPOCH, UtcInstantAdapter.print(Instant.EPOCH));

  private record Printed(Instant instant, String text) {}

  private String datestamp(Instant instant) {
    Printed last = lastPrinted;
    if (!last.instant().equals(instant)) {
      last = new Printed(instant, UtcInstantAdapter.print(instant));
      lastPrinted = last;
    }
    return last.text();
  }

  /**
   * A record in a format: header, and metadata unless the record is deleted.
   *
   * @param titles the collection titles read so far for this response
   */
  RecordType record(Record r, MetadataFormat format, CollectionTitles titles) {
    RecordType record = new RecordType();
    record.setHeader(header(r));
    if (!r.deleted()) {
      MetadataType metadata = new MetadataType();
      metadata.setAny(
          switch (format) {
            case OAI_DC -> DublinCoreMapping.map(r, urls);
            case EDM -> EdmMapping.map(r, urls, name, provider);
            case MODS -> ModsMapping.map(r, urls, name, identifiers.of(r.id()), titles);
            case OAI_QDC -> QualifiedDcMapping.map(r, urls, titles);
          });
      record.setMetadata(metadata);
    }
    return record;
  }
}
