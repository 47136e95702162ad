package org.dossier.rdf.web;

import java.io.OutputStream;
import java.util.List;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Model;

/**
 * The HTML answer of {@code /records/{id}} when a browser asks. Kept apart on purpose: the
 * public record page belongs to the web pages of the site, and this one method is where content
 * negotiation hands over to it; until then the plain description view serves.
 */
final class RecordHtml {
  private RecordHtml() {}

  static void render(String recordId, IRI record, Model description, String archiveName,
      List<DescriptionHtml.Alternate> alternates, OutputStream out) {
    DescriptionHtml.render(record, description, archiveName, alternates, out);
  }
}
