package org.dossier.oai;

import org.dossier.catalog.Record;
import org.dossier.oai.xml.pmh.GetRecordType;

/** GetRecord (section 4.1): one record in one format; a deleted record is its deleted header. */
final class GetRecord {
  private final OaiRepository repository;

  GetRecord(OaiRepository repository) {
    this.repository = repository;
  }

  GetRecordType answer(OaiRequest request) {
    Record record = repository.record(request.identifier());
    MetadataFormat format = MetadataFormat.require(request.metadataPrefix());
    GetRecordType get = new GetRecordType();
    get.setRecord(repository.record(record, format, new CollectionTitles(repository.catalog)));
    return get;
  }
}
