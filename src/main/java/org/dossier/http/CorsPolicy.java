package org.dossier.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dossier.urls.ThingKind;
import org.dossier.urls.Urls;

/**
 * Which paths any origin may read from a browser (Fetch standard, "CORS protocol"), and with which
 * methods: the one CORS policy of the server, applied by {@link CorsFilter} to Jersey's answers and
 * by {@link ServerErrors} to Jetty's own. Everything under it is public and read without
 * credentials; the HTML site, the OAI-PMH endpoint (harvesters are not browsers) and the health
 * probe are left out.
 */
final class CorsPolicy {
  /** Methods of a read-only scope. */
  static final List<String> READ = List.of("GET", "HEAD", "OPTIONS");

  /** Methods of a scope that also takes queries in a request body (SPARQL 1.1 Protocol, 2.1.2). */
  static final List<String> READ_AND_QUERY = List.of("GET", "HEAD", "POST", "OPTIONS");

  /**
   * A path prefix and the methods a preflight allows there. A prefix ending in {@code /} covers the
   * paths below it and the path without the slash; any other covers that path and the paths below
   * it.
   */
  record Scope(String prefix, List<String> methods) {
    boolean covers(String path) {
      if (prefix.endsWith("/")) {
        return path.startsWith(prefix) || path.equals(prefix.substring(0, prefix.length() - 1));
      }
      return path.equals(prefix) || path.startsWith(prefix + "/");
    }
  }

  private final List<Scope> scopes;

  CorsPolicy(List<Scope> scopes) {
    this.scopes = List.copyOf(scopes);
  }

  /**
   * Dossier's policy: IIIF (Presentation, Image, the logo), the SPARQL endpoint (POST too), the RDF
   * dumps and VoID, the things under {@code /id/} and their description documents. A description
   * URL serves HTML to browsers and RDF by {@code Accept} (a CORS-safelisted header, so a script's
   * request for Turtle comes without preflight): every answer of such a URL carries CORS, whichever
   * representation it is.
   */
  static CorsPolicy dossier() {
    List<Scope> scopes = new ArrayList<>();
    scopes.add(new Scope("/iiif/", READ));
    // IIIF Auth 2.0 probe: a viewer on any origin fetches it with its access token (a bearer
    // header, not a credential of the browser's, so "*" is right).
    scopes.add(new Scope(Urls.AUTH + "/probe/", READ));
    scopes.add(new Scope(Urls.SPARQL, READ_AND_QUERY));
    scopes.add(new Scope("/dumps/", READ));
    scopes.add(new Scope("/.well-known/void", READ));
    scopes.add(new Scope("/id/", READ));
    for (ThingKind kind : ThingKind.values()) {
      scopes.add(new Scope("/" + kind.pageSegment + "/", READ));
    }
    return new CorsPolicy(scopes);
  }

  /** The scope a request path (from the server's root, with its leading slash) falls in, if any. */
  Optional<Scope> scope(String path) {
    for (Scope s : scopes) {
      if (s.covers(path)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  boolean covers(String path) {
    return scope(path).isPresent();
  }
}
