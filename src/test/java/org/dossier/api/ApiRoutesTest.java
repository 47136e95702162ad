package org.dossier.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.ws.rs.Path;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.dossier.catalog.Change;
import org.dossier.config.Settings;
import org.dossier.testing.TestServer;
import org.dossier.urls.Urls;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The routes of the admin API, from Jersey's own resource model of its classes: none changes data
 * without a write-scoped token, whatever method is tried; and the OpenAPI document, checked by a
 * third-party OpenAPI 3.1 parser, describes exactly the routes and methods served.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiRoutesTest {
  private static final List<String> METHODS =
      List.of("GET", "HEAD", "PUT", "POST", "DELETE", "PATCH", "OPTIONS");

  private TestServer server;
  private ApiClient api;

  @BeforeAll
  void start() throws Exception {
    server =
        TestServer.start(
            Map.of(
                Settings.API_TOKEN_CACHE_SECONDS.key(), "0",
                Settings.API_AUTH_FAILURES_PER_MINUTE.key(), "100000"));
    api = new ApiClient(server);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  /** Route (path template from the root) → the HTTP methods its resource methods declare. */
  static Map<String, Set<String>> routes() {
    Map<String, Set<String>> routes = new java.util.TreeMap<>();
    for (Class<?> type : ApiFeature.RESOURCES) {
      collect(Resource.from(type), "", routes);
    }
    return routes;
  }

  private static void collect(Resource resource, String parent, Map<String, Set<String>> routes) {
    String path = join(parent, resource.getPath());
    for (ResourceMethod m : resource.getResourceMethods()) {
      routes.computeIfAbsent(path, k -> new TreeSet<>()).add(m.getHttpMethod());
    }
    for (Resource child : resource.getChildResources()) {
      collect(child, path, routes);
    }
  }

  private static String join(String parent, String path) {
    String p = path.startsWith("/") ? path : "/" + path;
    return (parent + p).replaceAll("/+$", "");
  }

  @Test
  void theListOfResourcesIsEveryClassThatServesUnderApi() {
    Set<String> listed =
        ApiFeature.RESOURCES.stream()
            .map(Class::getName)
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> found = new TreeSet<>();
    for (JavaClass c :
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("org.dossier")) {
      if (c.isAnnotatedWith(Path.class)) {
        String path = c.getAnnotationOfType(Path.class).value();
        if (path.startsWith("/api") || path.startsWith("api")) {
          found.add(c.getName());
        }
      }
    }
    assertEquals(found, listed);
    assertEquals(
        Set.of(
            "/api/v1/records/{id}",
            "/api/v1/collections/{id}",
            "/api/v1/imports",
            "/api/v1/changes",
            "/api/v1/openapi.json",
            "/api/v1/records/{id}/pages/{n}/image"),
        routes().keySet());
  }

  @Test
  void noRouteChangesDataWithoutAWriteScopedToken() throws Exception {
    String read = api.token("routes-reader", Scope.READ);
    String record =
        server.server().catalog().list(org.dossier.catalog.Selection.ALL, null, 1).get(0).id();
    String collection = server.server().catalog().collections().get(0).id();
    List<Change> before = api.changeLog();
    int audit = server.server().catalog().apiTokens().audit(1000).size();
    List<String> tried = new ArrayList<>();
    for (String template : routes().keySet()) {
      for (String id : List.of(record, "new-by-route-test")) {
        String path =
            template
                .replace(
                    "{id}",
                    template.contains("/collections/") && id.equals(record) ? collection : id)
                .replace("{n}", "1");
        for (String method : METHODS) {
          for (String token : new String[] {null, read}) {
            for (String[] body : bodies(method, id, template)) {
              HttpResponse<String> r = api.send(method, path, token, body[0], body[1]);
              tried.add(
                  method + " " + path + (token == null ? "" : " (read)") + " -> " + r.statusCode());
              boolean safe =
                  method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
              if (!safe) {
                assertTrue(
                    r.statusCode() >= 400,
                    method + " " + path + " answered " + r.statusCode() + ": " + r.body());
              }
              if (token == null && !path.equals(Urls.API + "/openapi.json")) {
                assertEquals(401, r.statusCode(), method + " " + path);
              }
            }
          }
        }
      }
    }
    assertEquals(before, api.changeLog(), "the change log after " + tried.size() + " requests");
    assertTrue(server.server().catalog().record("new-by-route-test").isEmpty());
    assertEquals(audit, server.server().catalog().apiTokens().audit(1000).size());
    assertTrue(tried.size() > 100, tried.toString());
  }

  /** Bodies worth sending with a method: none, and for writes a valid one of each kind. */
  private static List<String[]> bodies(String method, String id, String template) {
    List<String[]> bodies = new ArrayList<>();
    bodies.add(new String[] {null, null});
    if (method.equals("PUT") || method.equals("POST") || method.equals("PATCH")) {
      String json =
          template.contains("/collections/")
              ? "{\"kind\":\"collection\",\"id\":\"" + id + "\",\"title\":\"X\"}"
              : ApiClient.record(id, "X");
      bodies.add(new String[] {json, "application/json"});
      bodies.add(new String[] {json + "\n", "application/x-ndjson"});
      bodies.add(new String[] {"id,title\n" + id + ",X\n", "text/csv"});
    }
    return bodies;
  }

  @Test
  void theOpenApiDocumentIsValidAndDescribesEveryRouteServed() throws Exception {
    api.token("openapi-reader", Scope.READ);
    HttpResponse<String> served = api.get("/api/v1/openapi.json", null);
    assertEquals(200, served.statusCode());
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(served.body(), null, options);
    assertTrue(
        result.getMessages() == null || result.getMessages().isEmpty(),
        String.valueOf(result.getMessages()));
    OpenAPI doc = result.getOpenAPI();
    assertEquals("3.1.0", doc.getOpenapi());
    assertEquals(server.baseUrl() + "/api/v1", doc.getServers().get(0).getUrl());

    Map<String, Set<String>> documented = new java.util.TreeMap<>();
    doc.getPaths()
        .forEach(
            (path, item) ->
                documented.put(
                    Urls.API + path,
                    item.readOperationsMap().keySet().stream()
                        .map(PathItem.HttpMethod::name)
                        .map(m -> m.toUpperCase(Locale.ROOT))
                        .collect(Collectors.toCollection(TreeSet::new))));
    assertEquals(routes(), documented);
    assertFalse(documented.isEmpty());
  }
}
