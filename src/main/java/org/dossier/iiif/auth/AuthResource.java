package org.dossier.iiif.auth;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.access.AccessControl;
import org.dossier.access.AuthServices;
import org.dossier.access.Secrets;
import org.dossier.catalog.AccessLevel;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordJson;
import org.dossier.urls.Urls;
import tools.jackson.databind.node.ObjectNode;

/**
 * The four services of the IIIF Authorization Flow API 2.0 (<a
 * href="https://iiif.io/api/auth/2.0/">specification</a>) over the logins of {@link AccessControl}.
 */
@Path(Urls.AUTH)
public final class AuthResource {
  /** The double-submit cookie of the login form, sent back only to the login path. */
  static final String CSRF_COOKIE = "dossier_csrf";

  private static final String JSON_LD =
      "application/ld+json;profile=\"" + AuthServices.CONTEXT + "\"";

  /** An image identifier as the Image API issues it: {@code {record}-p{n}}. */
  private static final Pattern IMAGE =
      Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]{0,127})-p([1-9][0-9]{0,5})");

  /**
   * A web origin as postMessage takes it (scheme, host, optional port; nothing else): checked
   * before it is written into a page.
   */
  private static final Pattern ORIGIN =
      Pattern.compile(
          "https?://[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?|https?://\\[[0-9A-Fa-f:.]{2,45}\\](:[0-9]{1,5})?");

  private final Catalog catalog;
  private final AccessControl access;
  private final LoginFailures failures;
  private final Urls urls;

  @Inject private Provider<org.eclipse.jetty.server.Request> jettyRequest;

  AuthResource(Catalog catalog, AccessControl access, LoginFailures failures) {
    this.catalog = catalog;
    this.access = access;
    this.failures = failures;
    this.urls = access.urls();
  }

  // ---- 5. Probe service ----

  /**
   * Section 5.2: what a request for the image would get, given the access token the client sends
   * ({@code Authorization: Bearer}). The HTTP status is 200 whatever the answer; a user without
   * access to a restricted page is sent ({@code status} 302, {@code location}) to its
   * lower-resolution service, which the specification allows only with a 30x status.
   */
  @GET
  @Path("probe/{image}")
  public Response probe(
      @PathParam("image") String image, @HeaderParam("Authorization") String authorization) {
    Matcher m = IMAGE.matcher(image);
    Optional<Record> found = m.matches() ? catalog.record(m.group(1)) : Optional.empty();
    if (found.isEmpty()
        || found.get().deleted()
        || Integer.parseInt(m.group(2)) > found.get().pages().size()) {
      return Response.status(404)
          .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
          .entity("404 Not Found: no image '" + image + "' has a probe service here\n")
          .build();
    }
    Record r = found.get();
    int page = Integer.parseInt(m.group(2));
    ObjectNode result = RecordJson.MAPPER.createObjectNode();
    result.put("@context", AuthServices.CONTEXT);
    result.put("type", "AuthProbeResult2");
    if (r.access() == AccessLevel.METADATA) {
      result.put("status", 403);
      result.set("heading", AuthServices.language("This image is not shown"));
      result.set(
          "note", AuthServices.language("The archive describes this document but shows no scans."));
    } else if (r.access() == AccessLevel.OPEN || tokenUser(authorization).isPresent()) {
      result.put("status", 200);
    } else {
      result.put("status", 302);
      ObjectNode location = result.putObject("location");
      String degraded = urls.degradedImageService(3, r.id(), page);
      location.put("id", degraded + "/full/max/0/default.jpg");
      location.put("type", "Image");
      location.put("format", "image/jpeg");
      ObjectNode service = location.putArray("service").addObject();
      service.put("id", degraded);
      service.put("type", "ImageService3");
      service.put("profile", "level2");
      result.set("heading", AuthServices.language("Lower resolution"));
      result.set(
          "note",
          AuthServices.language(
              "Without logging in this image is shown up to "
                  + access.restrictedMaxSize()
                  + " pixels."));
    }
    return Response.ok(RecordJson.write(result), JSON_LD)
        .header("Cache-Control", "no-store")
        .header("Vary", "Authorization")
        .build();
  }

  private Optional<String> tokenUser(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    return access.tokenUser(authorization.substring(7).strip());
  }

  // ---- 3. Access service: the login page ----

  /** Section 3.2: the page the client opens in a new tab, with {@code origin}. */
  @GET
  @Path("login")
  @Produces(MediaType.TEXT_HTML)
  public Response loginPage(
      @QueryParam("origin") String origin, @CookieParam(AccessControl.COOKIE) String cookie) {
    Optional<String> user = access.loggedIn(cookie);
    if (user.isPresent()) {
      String nonce = Secrets.random();
      return page(
              200,
              Pages.done("You are logged in as " + user.get() + ".", nonce),
              null,
              Pages.csp(nonce))
          .build();
    }
    return loginForm(200, null);
  }

  private Response loginForm(int status, String problem) {
    String csrf = Secrets.random();
    return page(
            status,
            Pages.login(urls.authLogin(), csrf, problem),
            access.cookie(CSRF_COOKIE, csrf, 3600, "Strict"))
        .build();
  }

  /**
   * The login form's answer. Refused before the password is looked at when the CSRF token of the
   * form does not match its cookie (a double submit: another site can make a browser post the form
   * but can neither read nor set the cookie), or when the browser says the form came from another
   * origin.
   */
  @POST
  @Path("login")
  @Produces(MediaType.TEXT_HTML)
  public Response login(
      @HeaderParam("Content-Type") String contentType,
      String body,
      @CookieParam(CSRF_COOKIE) String csrfCookie,
      @HeaderParam("Origin") String requestOrigin) {
    // Read here rather than by @FormParam: a body of another type is a 415, not a server error.
    if (!isForm(contentType)) {
      return Response.status(415)
          .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
          .entity(
              "415 Unsupported Media Type: the login form is application/x-www-form-urlencoded\n")
          .build();
    }
    Map<String, String> form = Forms.parse(body);
    String name = form.get("name");
    String password = form.get("password");
    String csrf = form.get("csrf");
    if (!Secrets.wellFormed(csrf)
        || !Secrets.same(csrf, csrfCookie)
        || (requestOrigin != null && !requestOrigin.equals(ownOrigin()))) {
      return page(
              403,
              Pages.message(
                  "Login refused",
                  "This form was not sent from the archive's own login page. Open the login page"
                      + " again."),
              null)
          .build();
    }
    String address = clientAddress();
    long now = System.currentTimeMillis();
    long wait = failures.retryAfter(address, now);
    if (wait > 0) {
      return Response.status(429)
          .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
          .header("Retry-After", Long.toString(wait))
          .header("Cache-Control", "no-store")
          .entity(
              Pages.message(
                  "Too many attempts",
                  "Too many failed logins from your address; try again in " + wait + " seconds."))
          .build();
    }
    Optional<String> session = access.login(name, password);
    if (session.isEmpty()) {
      failures.failed(address, now);
      return loginForm(401, "The name or the password is wrong.");
    }
    String nonce = Secrets.random();
    return page(
            200, Pages.done("You are logged in as " + name + ".", nonce), null, Pages.csp(nonce))
        .header("Set-Cookie", access.setCookie(session.get(), access.sessionLength().toSeconds()))
        .header("Set-Cookie", access.cookie(CSRF_COOKIE, "", 0, "Strict"))
        .build();
  }

  // ---- 4. Access token service ----

  /**
   * Sections 4.2-4.5: a page, status 200, whose script posts the token (or the error) to the
   * viewer's window at {@code origin}, and nowhere else.
   */
  @GET
  @Path("token")
  @Produces(MediaType.TEXT_HTML)
  public Response token(
      @QueryParam("messageId") String messageId,
      @QueryParam("origin") String origin,
      @CookieParam(AccessControl.COOKIE) String cookie) {
    if (origin == null || !ORIGIN.matcher(origin).matches()) {
      return Response.status(400)
          .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
          .entity("400 Bad Request: origin must be the viewer's origin (scheme://host[:port])\n")
          .build();
    }
    ObjectNode message = RecordJson.MAPPER.createObjectNode();
    message.put("@context", AuthServices.CONTEXT);
    if (messageId == null || messageId.length() > 512) {
      message.put("type", "AuthAccessTokenError2");
      message.put("profile", "invalidRequest");
      message.put("messageId", messageId == null ? "" : messageId.substring(0, 512));
      message.set("heading", AuthServices.language("The request for a token was malformed"));
    } else {
      Optional<String> token = access.newToken(cookie);
      if (token.isPresent()) {
        message.put("type", "AuthAccessToken2");
        message.put("messageId", messageId);
        message.put("accessToken", token.get());
        message.put("expiresIn", access.secondsLeft(cookie));
      } else {
        message.put("type", "AuthAccessTokenError2");
        message.put("profile", cookie == null ? "missingAspect" : "invalidAspect");
        message.put("messageId", messageId);
        message.set("heading", AuthServices.language("You are not logged in"));
        message.set(
            "note",
            AuthServices.language("Log in to see the images of this archive at full size."));
      }
    }
    String nonce = Secrets.random();
    return Response.ok(Pages.postMessage(message, origin, nonce))
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .header("Cache-Control", "no-store")
        .header(
            "Content-Security-Policy",
            "default-src 'none'; script-src 'nonce-" + nonce + "'; base-uri 'none'")
        .build();
  }

  // ---- IIIF Authentication API 1.0: access token service ----

  /**
   * The Authentication API 1.0 access token service (<a
   * href="https://iiif.io/api/auth/1.0/#access-token-service">section 2.2</a>) for the login of the
   * cookie it is sent with; its login cookie service is the login page above, its logout service
   * the one below, and its tokens are those of the 2.0 service (a new one replaces the previous
   * one). With {@code messageId} (2.2.4): a page, status 200, whose script posts {@code
   * {"messageId","accessToken","expiresIn"}} or {@code {"messageId","error","description"}} to the
   * window at {@code origin}. Without it (2.2.3): the JSON object itself, errors with 400 or 401.
   */
  @GET
  @Path("1/token")
  public Response token1(
      @QueryParam("messageId") String messageId,
      @QueryParam("origin") String origin,
      @CookieParam(AccessControl.COOKIE) String cookie) {
    // The specification's example origin ends with a slash; postMessage takes it either way.
    String target =
        origin != null && origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
    if (messageId != null && (target == null || !ORIGIN.matcher(target).matches())) {
      return Response.status(400)
          .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
          .entity("400 Bad Request: origin must be the viewer's origin (scheme://host[:port])\n")
          .build();
    }
    ObjectNode message = RecordJson.MAPPER.createObjectNode();
    if (messageId != null) {
      message.put("messageId", messageId.length() > 512 ? messageId.substring(0, 512) : messageId);
    }
    int status;
    if (messageId != null && messageId.length() > 512) {
      status = 400;
      message.put("error", "invalidRequest");
      message.put("description", "messageId is longer than 512 characters");
    } else {
      Optional<String> token = access.newToken(cookie);
      if (token.isPresent()) {
        status = 200;
        message.put("accessToken", token.get());
        message.put("expiresIn", access.secondsLeft(cookie));
      } else {
        status = 401;
        message.put("error", cookie == null ? "missingCredentials" : "invalidCredentials");
        message.put(
            "description",
            "You are not logged in: log in to see the images of this archive at full size.");
      }
    }
    if (messageId == null) {
      return Response.status(status)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(RecordJson.write(message))
          .header("Cache-Control", "no-store")
          .build();
    }
    String nonce = Secrets.random();
    return Response.ok(Pages.postMessage(message, target, nonce))
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .header("Cache-Control", "no-store")
        .header(
            "Content-Security-Policy",
            "default-src 'none'; script-src 'nonce-" + nonce + "'; base-uri 'none'")
        .build();
  }

  // ---- Logout service ----

  /** Ends the login, and deletes its cookie. */
  @GET
  @Path("logout")
  @Produces(MediaType.TEXT_HTML)
  public Response logout(@CookieParam(AccessControl.COOKIE) String cookie) {
    access.logout(cookie);
    String nonce = Secrets.random();
    return page(200, Pages.done("You are logged out.", nonce), null, Pages.csp(nonce))
        .header("Set-Cookie", access.setCookie("", 0))
        .build();
  }

  private Response.ResponseBuilder page(int status, String html, String setCookie) {
    return page(status, html, setCookie, Pages.CSP);
  }

  private Response.ResponseBuilder page(int status, String html, String setCookie, String csp) {
    Response.ResponseBuilder r =
        Response.status(status)
            .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
            .entity(html)
            .header("Cache-Control", "no-store")
            .header("Content-Security-Policy", csp)
            // The login page is never framed (clickjacking); the token page must be.
            .header("X-Frame-Options", "DENY");
    if (setCookie != null) {
      r.header("Set-Cookie", setCookie);
    }
    return r;
  }

  private static boolean isForm(String contentType) {
    try {
      return contentType != null
          && MediaType.valueOf(contentType)
              .isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
    } catch (IllegalArgumentException malformed) {
      return false;
    }
  }

  private String ownOrigin() {
    URI base = URI.create(urls.base());
    return base.getScheme() + "://" + base.getRawAuthority();
  }

  private String clientAddress() {
    try {
      org.eclipse.jetty.server.Request r = jettyRequest == null ? null : jettyRequest.get();
      return r == null ? "unknown" : org.eclipse.jetty.server.Request.getRemoteAddr(r);
    } catch (RuntimeException e) {
      return "unknown";
    }
  }
}
