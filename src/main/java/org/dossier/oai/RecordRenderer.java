package org.dossier.oai;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.dossier.catalog.Record;
import org.dossier.config.Settings;
import org.dossier.oai.xml.UtcInstantAdapter;
import org.dossier.oai.xml.pmh.HeaderType;
import org.dossier.oai.xml.pmh.MetadataType;
import org.dossier.oai.xml.pmh.RecordType;
import org.dossier.oai.xml.pmh.StatusType;
import org.dossier.urls.Urls;

/**
 * A record as OAI-PMH sends it, in each metadata format: the header and the format's mapping. The
 * one way a record is rendered, whether ahead of time by {@link OaiRenditions} or on the request
 * that finds no current rendition.
 */
final class RecordRenderer {
  /**
   * Part of the {@link #fingerprint}: raise it when a mapping changes what it writes, so that
   * renditions made by the old code are rendered again.
   */
  static final int VERSION = 1;

  final Urls urls;
  final OaiIdentifiers identifiers;
  final String name;
  final String provider;

  RecordRenderer(Urls urls, Settings settings) {
    this.urls = urls;
    this.identifiers = new OaiIdentifiers(settings.get(Settings.OAI_REPOSITORY_IDENTIFIER));
    this.name = settings.get(Settings.ARCHIVE_NAME);
    String configuredProvider = settings.get(Settings.OAI_EDM_PROVIDER);
    this.provider = configuredProvider.isEmpty() ? name : configuredProvider;
  }

  /**
   * Names everything besides the record that goes into a rendition: the renderer's version, the
   * base URL, the repository identifier and the names EDM carries. Renditions made with another
   * fingerprint are not used.
   */
  String fingerprint() {
    String all =
        String.join(
            "\n",
            Integer.toString(VERSION),
            urls.base(),
            identifiers.repositoryIdentifier(),
            name,
            provider);
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(all.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
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
   * @param titles the collection titles read so far for this response or batch
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

  /**
   * The record's {@code <record>} element in a format, as UTF-8 bytes (see {@link
   * OaiResponses#fragment}).
   */
  byte[] render(Record r, MetadataFormat format, CollectionTitles titles) {
    return OaiResponses.fragment(record(r, format, titles));
  }
}
