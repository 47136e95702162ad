package org.dossier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.dossier.config.Settings;
import org.dossier.urls.Urls;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.jetty.JettyHttpContainer;
import org.glassfish.jersey.server.ContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What Jersey resolves against the request (a relative {@code Location}, {@code UriInfo}) names the
 * public base URL once {@link PublicBaseUri} is registered, on a real Jersey application served by
 * a real Jetty on a port of the loopback interface; without it, the address the client connected
 * to.
 */
class PublicBaseUriTest {
  private Server jetty;
  private final HttpClient client = HttpClient.newHttpClient();

  /** Answers with relative redirects and says what UriInfo holds. */
  @Path("/")
  public static final class Probe {
    @GET
    @Path("relative")
    public Response relative() {
      return Response.seeOther(URI.create("elsewhere?x=1")).build();
    }

    @GET
    @Path("nested")
    public Response nested() {
      // Relative to the application's base (JAX-RS): a path below it, without a leading '/'.
      return Response.status(307).location(URI.create("records/a%2Fb")).build();
    }

    @GET
    @Path("records/{id}")
    public String info(@Context UriInfo uri) {
      return uri.getBaseUri() + " " + uri.getRequestUri() + " " + uri.getPath(false);
    }
  }

  @AfterEach
  void stop() throws Exception {
    if (jetty != null) {
      jetty.stop();
    }
  }

  @Test
  void jerseyResolvesAgainstThePublicBaseUrl() throws Exception {
    int port = start(true);
    assertEquals("https://proxy.example/archive/elsewhere?x=1", location(port, "/relative"));
    assertEquals("https://proxy.example/archive/records/a%2Fb", location(port, "/nested"));
    assertEquals(
        "https://proxy.example/archive/ https://proxy.example/archive/records/a%2Fb?q=1 records/a%2Fb",
        body(port, "/records/a%2Fb?q=1"));
  }

  @Test
  void withoutItJerseyUsesTheAddressConnectedTo() throws Exception {
    int port = start(false);
    assertEquals("http://127.0.0.1:" + port + "/elsewhere?x=1", location(port, "/relative"));
  }

  private int start(boolean publicBase) throws Exception {
    ResourceConfig config = new ResourceConfig(Probe.class);
    config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
    if (publicBase) {
      config.register(new PublicBaseUri(new Urls("https://proxy.example/archive")));
    }
    jetty = new Server();
    // Dossier's connector, which lets an encoded '/' in a name through.
    ServerConnector connector = HttpLimits.connector(jetty, Settings.defaults());
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    jetty.setHandler(ContainerFactory.createContainer(JettyHttpContainer.class, config));
    jetty.start();
    return connector.getLocalPort();
  }

  private String location(int port, String path) throws Exception {
    HttpResponse<String> r = send(port, path);
    assertEquals(true, r.statusCode() == 303 || r.statusCode() == 307, "status " + r.statusCode());
    return r.headers().firstValue("Location").orElseThrow();
  }

  private String body(int port, String path) throws Exception {
    HttpResponse<String> r = send(port, path);
    assertEquals(200, r.statusCode());
    return r.body();
  }

  private HttpResponse<String> send(int port, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
