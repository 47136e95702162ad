package org.dossier.rdf.sparql;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dossier.config.Settings;
import org.dossier.rdf.web.Html;
import org.dossier.urls.Urls;

/**
 * The page {@code GET /sparql} shows without a query: what the endpoint holds and how to ask it, a
 * form, and the example queries kept as {@code .rq} files beside this class.
 */
final class EndpointPage {
  static final List<String> EXAMPLES =
      List.of(
          "1-recent-records.rq",
          "2-people-most-named.rq",
          "3-count-by-type.rq",
          "4-who-wrote-to-whom.rq",
          "5-collection-members.rq",
          "6-describe-a-record.rq");

  private EndpointPage() {}

  /** An example query: its title (the first comment line) and its text. */
  record Example(String title, String query) {}

  static List<Example> examples() {
    List<Example> examples = new ArrayList<>();
    for (String name : EXAMPLES) {
      try (InputStream in = EndpointPage.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException(name + " is missing from the class path");
        }
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        String title = text.lines().findFirst().orElse("").replaceFirst("^#\\s*", "");
        examples.add(new Example(title, text));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return examples;
  }

  static void render(Settings settings, Urls urls, OutputStream out) {
    String endpoint = urls.sparql();
    String archive = settings.get(Settings.ARCHIVE_NAME);
    List<Example> examples = examples();
    try (Html h = new Html(out, "SPARQL endpoint — " + archive, "en")) {
      h.body();
      h.element("h1", "SPARQL endpoint of " + archive);
      h.open("p")
          .text("This is a read-only ")
          .link("https://www.w3.org/TR/sparql11-protocol/", "SPARQL 1.1 Protocol")
          .text(
              " endpoint at "
                  + endpoint
                  + ". Send a query by GET (?query=…), by POST of a form, or by POST of"
                  + " the query itself as application/sparql-query. The default graph is the union of all graphs:"
                  + " one per document, collection, person, place, subject and document type, each named by the URI of"
                  + " what it describes. SELECT and ASK answer as SPARQL JSON, XML, CSV or TSV; CONSTRUCT and DESCRIBE as"
                  + " Turtle, JSON-LD, RDF/XML or N-Triples, as the Accept header asks.")
          .end();
      h.open("p")
          .text(
              "A query may run "
                  + settings.get(Settings.SPARQL_TIMEOUT_SECONDS)
                  + " seconds and return "
                  + settings.get(Settings.SPARQL_MAX_RESULTS)
                  + " rows or triples at most. The whole dataset is in the ")
          .link(urls.dumps(), "dumps")
          .text("; its description is the ")
          .link(urls.voidDocument(), "VoID document")
          .text(".")
          .end();
      h.open("form", "method", "get", "action", endpoint);
      h.open("p").open("label", "for", "query").text("Query").end().end();
      h.open("textarea", "id", "query", "name", "query", "rows", "14", "cols", "90")
          .text(examples.get(0).query())
          .end();
      h.open("p").empty("input", "type", "submit", "value", "Run query").end();
      h.end();
      h.element("h2", "Example queries");
      for (Example e : examples) {
        h.open("section");
        h.element("h3", e.title());
        h.element("pre", e.query());
        h.open("p").link(urls.sparql(e.query()), "Run it").end();
        h.end();
      }
    }
  }
}
