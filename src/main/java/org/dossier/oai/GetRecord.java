package org.dossier.oai;

import java.util.List;
import org.dossier.catalog.Renditions;
import org.dossier.oai.xml.pmh.GetRecordType;
import org.dossier.oai.xml.pmh.OAIPMH;

/** GetRecord (section 4.1): one record in one format; a deleted record is its deleted header. */
final class GetRecord {
  private final OaiRepository repository;

  GetRecord(OaiRepository repository) {
    this.repository = repository;
  }

  /** The record's stored rendition when it is current, otherwise rendered now. */
  OaiResponses.Rendered answer(OaiRequest request, OAIPMH response, boolean deflated) {
    String id = repository.recordId(request.identifier());
    MetadataFormat format = MetadataFormat.require(request.metadataPrefix());
    Renditions.Listed listed =
        repository
            .catalog
            .renditions()
            .get(id, format.prefix(), repository.renditionGeneration(), deflated)
            .orElseThrow(() -> repository.noSuchIdentifier(request.identifier()));
    byte[] record =
        listed.xml() != null
            ? listed.xml()
            : repository.renderer.render(
                listed.record(), format, new CollectionTitles(repository.catalog));
    response.setGetRecord(new GetRecordType());
    return new OaiResponses.Rendered(
        "GetRecord", List.of(record), java.util.Arrays.asList(listed.deflated()));
  }
}
