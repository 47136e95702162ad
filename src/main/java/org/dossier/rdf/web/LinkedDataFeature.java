package org.dossier.rdf.web;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import org.dossier.catalog.Catalog;
import org.dossier.config.Settings;
import org.dossier.rdf.LinkedData;
import org.dossier.rdf.Uris;
import org.dossier.urls.Urls;

/**
 * The linked data over HTTP, as one Jersey feature: the {@code /id/} URIs, the description
 * documents (with the RDF side of {@code /records/{id}} and {@code /collections/{id}}), the dumps
 * and the VoID description, all made from the objects given here.
 */
public final class LinkedDataFeature implements Feature {
  private final Catalog catalog;
  private final Settings settings;
  private final Urls urls;
  private final LinkedData linkedData;

  /**
   * @param catalog the open catalog (a record missing from the store may be a deleted one: 410)
   * @param linkedData the open RDF store and its projection
   */
  public LinkedDataFeature(Catalog catalog, Settings settings, Urls urls, LinkedData linkedData) {
    this.catalog = catalog;
    this.settings = settings;
    this.urls = urls;
    this.linkedData = linkedData;
  }

  @Override
  public boolean configure(FeatureContext context) {
    Uris uris = new Uris(urls);
    String archive = settings.get(Settings.ARCHIVE_NAME);
    DescriptionDocuments documents =
        new DescriptionDocuments(
            catalog, linkedData, uris, archive, settings.get(Settings.RDF_DESCRIPTION_MAX_LINKS));
    context.register(new IdResource(linkedData, uris));
    context.register(new DescriptionResource(documents));
    context.register(new RecordDescription(documents));
    context.register(new CollectionDescription(documents));
    context.register(new DumpResource(linkedData, urls, archive));
    context.register(new VoidResource(linkedData, uris, settings));
    return true;
  }
}
