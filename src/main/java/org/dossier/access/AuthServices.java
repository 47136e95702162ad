package org.dossier.access;

import org.dossier.catalog.RecordJson;
import org.dossier.urls.Urls;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The IIIF Authorization Flow 2.0 service descriptions (<a
 * href="https://iiif.io/api/auth/2.0/#declaring-services">section 2.1</a>): a probe service, in it
 * the access service (profile {@code active}: a login page), in that the access token service and
 * the logout service; and the Authentication API 1.0 login cookie service beside it ({@link
 * #login1}), with its token and logout services.
 */
public final class AuthServices {
  /** The JSON-LD context of the Authorization Flow API 2.0. */
  public static final String CONTEXT = "http://iiif.io/api/auth/2/context.json";

  /** The JSON-LD context of the Authentication API 1.0. */
  public static final String CONTEXT_1 = "http://iiif.io/api/auth/1/context.json";

  /** The profile of a 1.0 login cookie service (section 2.1.3). */
  public static final String LOGIN_1 = "http://iiif.io/api/auth/1/login";

  /** The profile of a 1.0 access token service (section 2.2). */
  public static final String TOKEN_1 = "http://iiif.io/api/auth/1/token";

  /** The profile of a 1.0 logout service (section 2.3). */
  public static final String LOGOUT_1 = "http://iiif.io/api/auth/1/logout";

  private AuthServices() {}

  /** The probe service of an image, with the services nested in it. */
  public static ObjectNode probe(Urls urls, String imageId) {
    ObjectNode probe = RecordJson.MAPPER.createObjectNode();
    probe.put("id", urls.authProbe(imageId));
    probe.put("type", "AuthProbeService2");
    ObjectNode access = probe.putArray("service").addObject();
    access.put("id", urls.authLogin());
    access.put("type", "AuthAccessService2");
    access.put("profile", "active");
    access.set("label", language("Log in to " + host(urls)));
    access.set("heading", language("Log in to see this image at full size"));
    access.set(
        "note",
        language(
            "Without logging in you see this image at lower resolution. Accounts are given by the archive."));
    access.set("confirmLabel", language("Log in"));
    ArrayNode nested = access.putArray("service");
    ObjectNode token = nested.addObject();
    token.put("id", urls.authToken());
    token.put("type", "AuthAccessTokenService2");
    ObjectNode logout = nested.addObject();
    logout.put("id", urls.authLogout());
    logout.put("type", "AuthLogoutService2");
    logout.set("label", language("Log out from " + host(urls)));
    return probe;
  }

  /**
   * The IIIF Authentication API 1.0 login cookie service (<a
   * href="https://iiif.io/api/auth/1.0/#login-interaction-pattern">section 2.1.3</a>), for viewers
   * that speak only 1.0 (Mirador 4): the same login page as the 2.0 access service, with the 1.0
   * access token service and the logout service nested in it. Every service in it has a {@code
   * profile}, as 1.0 clients expect of each service they look through.
   */
  public static ObjectNode login1(Urls urls) {
    ObjectNode login = RecordJson.MAPPER.createObjectNode();
    login.put("@context", CONTEXT_1);
    login.put("@id", urls.authLogin());
    login.put("profile", LOGIN_1);
    login.put("label", "Log in to " + host(urls));
    login.put("header", "Log in to see this image at full size");
    login.put(
        "description",
        "Without logging in you see this image at lower resolution. Accounts are given by the"
            + " archive.");
    login.put("confirmLabel", "Log in");
    login.put("failureHeader", "Not logged in");
    login.put(
        "failureDescription", "The login did not succeed; the image stays at lower resolution.");
    ArrayNode nested = login.putArray("service");
    ObjectNode token = nested.addObject();
    token.put("@id", urls.authToken1());
    token.put("profile", TOKEN_1);
    ObjectNode logout = nested.addObject();
    logout.put("@id", urls.authLogout());
    logout.put("profile", LOGOUT_1);
    logout.put("label", "Log out from " + host(urls));
    return login;
  }

  /** A language map with one English value. */
  public static ObjectNode language(String text) {
    ObjectNode map = RecordJson.MAPPER.createObjectNode();
    map.putArray("en").add(text);
    return map;
  }

  private static String host(Urls urls) {
    String host = java.net.URI.create(urls.base()).getHost();
    return host == null ? urls.base() : host;
  }
}
