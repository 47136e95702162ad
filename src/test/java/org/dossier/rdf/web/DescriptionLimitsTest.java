package org.dossier.rdf.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.Map;
import org.dossier.config.Settings;
import org.dossier.testing.TestServer;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;
import org.eclipse.rdf4j.rio.RDFFormat;
import org.eclipse.rdf4j.rio.Rio;
import org.junit.jupiter.api.Test;

/** The description of a thing named by many documents lists at most the configured number. */
class DescriptionLimitsTest {
  @Test
  void aPersonNamedByManyDocumentsListsAtMostTheLimit() throws Exception {
    try (TestServer server =
        TestServer.start(Map.of(Settings.RDF_DESCRIPTION_MAX_LINKS.key(), "3"))) {
      long naming =
          server.server().catalog().list(org.dossier.catalog.Selection.ALL, null, 1000).stream()
              .filter(r -> r.people().contains("Kim Il Sung"))
              .count();
      assertTrue(naming > 3, "the sample archive names Kim Il Sung in " + naming + " documents");
      HttpResponse<String> r = server.get("/people/Kim_Il_Sung.nt");
      assertEquals(200, r.statusCode(), r.body());
      Model model = Rio.parse(new StringReader(r.body()), "", RDFFormat.NTRIPLES);
      IRI person =
          SimpleValueFactory.getInstance().createIRI(server.baseUrl() + "/id/person/Kim_Il_Sung");
      long links = model.filter(null, null, person).subjects().size();
      assertEquals(3, links, "documents listed");
    }
  }
}
