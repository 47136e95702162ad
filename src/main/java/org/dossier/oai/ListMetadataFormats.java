package org.dossier.oai;

import org.dossier.oai.xml.pmh.ListMetadataFormatsType;
import org.dossier.oai.xml.pmh.MetadataFormatType;

/**
 * ListMetadataFormats (section 4.4): every format, for the repository or for one item; every item,
 * deleted ones included, is available in every format.
 */
final class ListMetadataFormats {
  private final OaiRepository repository;

  ListMetadataFormats(OaiRepository repository) {
    this.repository = repository;
  }

  ListMetadataFormatsType answer(OaiRequest request) {
    if (request.identifier() != null) {
      repository.record(request.identifier());
    }
    ListMetadataFormatsType list = new ListMetadataFormatsType();
    for (MetadataFormat format : MetadataFormat.values()) {
      MetadataFormatType type = new MetadataFormatType();
      type.setMetadataPrefix(format.prefix());
      type.setSchema(format.schema());
      type.setMetadataNamespace(format.namespace());
      list.getMetadataFormats().add(type);
    }
    return list;
  }
}
