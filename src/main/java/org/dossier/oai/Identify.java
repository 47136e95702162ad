package org.dossier.oai;

import java.util.List;
import org.dossier.catalog.Record;
import org.dossier.catalog.Selection;
import org.dossier.oai.xml.UtcInstantAdapter;
import org.dossier.oai.xml.identifier.OaiIdentifier;
import org.dossier.oai.xml.pmh.DeletedRecordType;
import org.dossier.oai.xml.pmh.DescriptionType;
import org.dossier.oai.xml.pmh.GranularityType;
import org.dossier.oai.xml.pmh.IdentifyType;
import org.dossier.oai.xml.pmh.ProtocolVersionType;

/**
 * Identify (section 4.2). Deletions are kept forever ({@code persistent}); datestamps are seconds,
 * though day-granularity arguments are accepted too; responses are compressed with gzip or deflate
 * when the harvester asks (Accept-Encoding); an oai-identifier description states the identifier
 * scheme, and a Dublin Core one links the repository's other harvesting routes.
 */
final class Identify {
  static final List<String> COMPRESSIONS = List.of("gzip", "deflate");
  private static final String OAI_IDENTIFIER_NS =
      "http://www.openarchives.org/OAI/2.0/oai-identifier";
  private static final String OAI_IDENTIFIER_XSD =
      "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd";

  private final OaiRepository repository;

  Identify(OaiRepository repository) {
    this.repository = repository;
  }

  IdentifyType answer() {
    IdentifyType identify = new IdentifyType();
    identify.setRepositoryName(XmlText.clean(repository.name));
    identify.setBaseURL(repository.urls.oai());
    identify.setProtocolVersion(ProtocolVersionType.VALUE_1);
    identify.getAdminEmails().add(repository.adminEmail);
    identify.setEarliestDatestamp(
        UtcInstantAdapter.print(repository.catalog.earliestDatestamp().orElseGet(repository::now)));
    identify.setDeletedRecord(DeletedRecordType.PERSISTENT);
    identify.setGranularity(GranularityType.YYYY_MM_DD_THH_MM_SS_Z);
    identify.getCompressions().addAll(COMPRESSIONS);

    OaiIdentifier scheme = new OaiIdentifier();
    scheme.setSchemaLocation(OAI_IDENTIFIER_NS + " " + OAI_IDENTIFIER_XSD);
    scheme.setScheme("oai");
    scheme.setRepositoryIdentifier(repository.identifiers.repositoryIdentifier());
    scheme.setDelimiter(":");
    List<Record> first = repository.catalog.list(Selection.ALL, null, 1);
    scheme.setSampleIdentifier(
        repository.identifiers.of(first.isEmpty() ? "sample-record" : first.get(0).id()));
    DescriptionType description = new DescriptionType();
    description.setAny(scheme);
    identify.getDescriptions().add(description);
    DescriptionType routes = new DescriptionType();
    routes.setAny(DublinCoreMapping.repository(repository.name, repository.urls));
    identify.getDescriptions().add(routes);
    return identify;
  }
}
