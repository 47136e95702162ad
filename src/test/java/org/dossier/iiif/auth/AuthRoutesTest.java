package org.dossier.iiif.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.Change;
import org.dossier.testing.TestServer;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.Test;

/**
 * The IIIF Auth services write only logins, and only with a right password: every route, tried with
 * every method and no credentials (or wrong ones), changes neither the catalog's change log nor its
 * users nor its logins.
 */
class AuthRoutesTest {
  private static final List<String> METHODS =
      List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

  @Test
  void noAuthRouteChangesDataWithoutTheRightPassword() throws Exception {
    Map<String, Set<String>> routes = new TreeMap<>();
    Resource root = Resource.from(AuthResource.class);
    for (Resource child : root.getChildResources()) {
      for (ResourceMethod m : child.getResourceMethods()) {
        routes
            .computeIfAbsent(root.getPath() + "/" + child.getPath(), k -> new TreeSet<>())
            .add(m.getHttpMethod());
      }
    }
    assertEquals(
        Set.of(
            "/auth/probe/{image}", "/auth/login", "/auth/token", "/auth/1/token", "/auth/logout"),
        routes.keySet());
    try (TestServer server = TestServer.start(Map.of())) {
      Catalog catalog = server.server().catalog();
      String image = catalog.recordsWithScans(0, 1).get(0).id() + "-p1";
      List<Change> before = catalog.changesSince(0, 100_000);
      List<String> tried = new ArrayList<>();
      for (String template : routes.keySet()) {
        String path = template.replace("{image}", image);
        for (String method : METHODS) {
          for (String body :
              new String[] {
                null, "name=admin&password=wrong-password&csrf=" + "a".repeat(43),
              }) {
            HttpRequest.Builder r =
                HttpRequest.newBuilder(server.uri(path + "?origin=https://x.example&messageId=1"))
                    .header("Cookie", AuthResource.CSRF_COOKIE + "=" + "a".repeat(43))
                    .method(
                        method,
                        body == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
              r.header("Content-Type", "application/x-www-form-urlencoded");
            }
            // A connection of its own per request: a server may close a connection after a
            // request whose body it did not read, and the JDK client does not retry a POST or
            // PUT that it sent on such a connection ("header parser received no bytes").
            HttpResponse<String> answer =
                java.net.http.HttpClient.newBuilder()
                    .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                    .build()
                    .send(r.build(), HttpResponse.BodyHandlers.ofString());
            tried.add(method + " " + path + " -> " + answer.statusCode());
            assertTrue(answer.statusCode() < 500, method + " " + path + ": " + answer.body());
            assertTrue(
                answer.headers().allValues("Set-Cookie").stream()
                    .noneMatch(c -> c.startsWith("dossier_access=") && !c.contains("Max-Age=0")),
                method + " " + path + " gave a login cookie");
          }
        }
      }
      assertEquals(before, catalog.changesSince(0, 100_000), tried.toString());
      assertEquals(0, catalog.users().sessionCount(), tried.toString());
      assertTrue(catalog.users().list().isEmpty());
      assertTrue(tried.size() >= 50, tried.toString());
    }
  }
}
