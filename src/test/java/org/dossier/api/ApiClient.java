package org.dossier.api;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.dossier.catalog.Change;
import org.dossier.catalog.RecordJson;
import org.dossier.testing.TestServer;
import tools.jackson.databind.JsonNode;

/** Requests to a test server's admin API, with or without a token, over real HTTP. */
final class ApiClient {
  private final TestServer server;

  ApiClient(TestServer server) {
    this.server = server;
  }

  /** Makes a token the way {@code dossier token create} does, in the server's catalog. */
  String token(String name, Scope scope) {
    return new Tokens(server.server().catalog().apiTokens()).create(name, scope);
  }

  /**
   * @param token a bearer token, or null for none
   * @param body a body, or null for none
   * @param headers name/value pairs
   */
  HttpResponse<String> send(
      String method, String path, String token, String body, String contentType, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.uri(path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return server.send(request.build());
  }

  HttpResponse<String> get(String path, String token, String... headers) throws Exception {
    return send("GET", path, token, null, null, headers);
  }

  HttpResponse<String> put(String path, String token, String json, String... headers)
      throws Exception {
    return send("PUT", path, token, json, "application/json", headers);
  }

  HttpResponse<String> delete(String path, String token, String... headers) throws Exception {
    return send("DELETE", path, token, null, null, headers);
  }

  HttpResponse<String> post(String path, String token, String body, String contentType)
      throws Exception {
    return send("POST", path, token, body, contentType);
  }

  /** The whole change log of the server's catalog. */
  List<Change> changeLog() {
    return server.server().catalog().changesSince(0, Integer.MAX_VALUE);
  }

  static JsonNode json(HttpResponse<String> response) {
    return RecordJson.read(response.body());
  }

  /** A record in the import format. */
  static String record(String id, String title, String... collections) {
    var node = RecordJson.MAPPER.createObjectNode().put("id", id).put("title", title);
    node.put("date", "1950-04-02");
    if (collections.length > 0) {
      var list = node.putArray("collections");
      for (String c : collections) {
        list.add(c);
      }
    }
    return RecordJson.write(node);
  }
}
