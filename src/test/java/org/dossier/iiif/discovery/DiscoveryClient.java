package org.dossier.iiif.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import org.dossier.catalog.RecordJson;
import org.dossier.testing.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * Reads a test server's streams over HTTP: every document fetched is checked against the JSON
 * Schema of the Discovery API and must answer 200.
 */
final class DiscoveryClient {
  private final TestServer server;

  DiscoveryClient(TestServer server) {
    this.server = server;
  }

  /** A document by its absolute URL (built from the server's base URL), schema-checked. */
  JsonNode get(String url) {
    String path = URI.create(url).getRawPath();
    if (url.startsWith(server.baseUrl())) {
      path = url.substring(server.baseUrl().length());
    }
    HttpResponse<String> response;
    try {
      response = server.get(path);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    assertEquals(200, response.statusCode(), url + ": " + response.body());
    JsonNode doc = RecordJson.MAPPER.readTree(response.body());
    List<String> errors = DiscoverySchema.errors(doc);
    assertEquals(List.of(), errors, url);
    return doc;
  }

  /** Status of a GET of an absolute URL of the server. */
  int status(String url) throws IOException, InterruptedException {
    return server.get(url.substring(server.baseUrl().length())).statusCode();
  }
}
