package org.dossier.access;

import org.dossier.catalog.RecordJson;
import org.dossier.urls.Urls;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The IIIF Authorization Flow 2.0 service descriptions (<a
 * href="https://iiif.io/api/auth/2.0/#declaring-services">section 2.1</a>): a probe service, in it
 * the access service (profile {@code active}: a login page), in that the access token service and
 * the logout service.
 */
public final class AuthServices {
  /** The JSON-LD context of the Authorization Flow API 2.0. */
  public static final String CONTEXT = "http://iiif.io/api/auth/2/context.json";

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
