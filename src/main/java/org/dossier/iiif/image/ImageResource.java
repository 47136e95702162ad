package org.dossier.iiif.image;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import org.dossier.access.AccessControl;
import org.dossier.access.AuthServices;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordJson;
import org.dossier.config.Settings;
import org.dossier.urls.Urls;

/**
 * The Image API 3.0 endpoints under {@code /iiif/image/3/}: the base URI (303 to info.json), the
 * image information document and image requests (<a
 * href="https://iiif.io/api/image/3.0/#2-uri-syntax">section 2</a>).
 */
@Path("/iiif/image/3")
public final class ImageResource {
  static final String JSON_LD = "application/ld+json;profile=\"" + InfoJson.CONTEXT + "\"";
  private static final String PROFILE_LINK = "<" + InfoJson.PROFILE_URI + ">;rel=\"profile\"";
  private static final String PROFILE_LINK_2 = "<" + InfoJson2.PROFILE_URI + ">;rel=\"profile\"";
  private static final String LEVEL0_2 = "http://iiif.io/api/image/2/level0.json";
  private static final String LEVEL0_LINK =
      "<http://iiif.io/api/image/3/level0.json>;rel=\"profile\"";
  private static final String LEVEL0_LINK_2 = "<" + LEVEL0_2 + ">;rel=\"profile\"";

  private final Urls urls;
  private final ImageService service;
  private final String cache;
  private final AccessControl access;
  private final Limits degradedLimits;

  ImageResource(Urls urls, ImageService service, Settings settings, AccessControl access) {
    this.urls = urls;
    this.service = service;
    this.access = access;
    int side = access.restrictedMaxSize();
    this.degradedLimits = new Limits(side, side, (long) side * side);
    // Derived files: long-lived, revalidated by ETag and Last-Modified when a scan changes.
    this.cache = "public, max-age=" + settings.get(Settings.IIIF_IMAGE_CACHE_MAX_AGE);
  }

  /**
   * Section 2.1: "the base URI ... SHOULD result in a 303 status code ... to the image information
   * document".
   */
  @GET
  @Path("{image}")
  public Response base(@PathParam("image") String image) throws IOException {
    return baseResponse(3, image);
  }

  @GET
  @Path("{image}/info.json")
  public Response info(
      @PathParam("image") String image,
      @HeaderParam("Accept") String accept,
      @HeaderParam("Authorization") String authorization,
      @CookieParam(AccessControl.COOKIE) String cookie,
      @Context Request request)
      throws IOException {
    return infoResponse(3, image, accept, authorization, cookie, request);
  }

  @GET
  @Path("{image}/{region}/{size}/{rotation}/{file}")
  public Response image(
      @PathParam("image") String image,
      @PathParam("region") String region,
      @PathParam("size") String size,
      @PathParam("rotation") String rotation,
      @PathParam("file") String file,
      @CookieParam(AccessControl.COOKIE) String cookie,
      @Context Request request)
      throws IOException {
    return imageResponse(3, image, region, size, rotation, file, cookie, request);
  }

  /**
   * An image service's identifier read from the path: a page's full service, or (with {@link
   * Urls#DEGRADED_SUFFIX}) its lower-resolution one, which only pages of restricted-images records
   * have and which serves everybody up to {@code access.restricted-max-size}.
   */
  private record Named(ImageId id, boolean degraded) {
    static Named parse(String image) {
      if (image != null && image.endsWith(Urls.DEGRADED_SUFFIX)) {
        return new Named(
            ImageId.parse(image.substring(0, image.length() - Urls.DEGRADED_SUFFIX.length())),
            true);
      }
      return new Named(ImageId.parse(image), false);
    }
  }

  /** The service's entry; a degraded service of a page whose record is not restricted is none. */
  private ImageService.Entry entry(Named named) throws IOException {
    ImageService.Entry entry = service.entry(named.id());
    if (named.degraded() && !AccessControl.controlled(entry.source().record())) {
      throw ImageException.notFound(
          "no image '"
              + named.id()
              + Urls.DEGRADED_SUFFIX
              + "': only the pages of restricted-images records have a lower-resolution service");
    }
    return entry;
  }

  private String serviceId(int api, Named named) {
    return serviceId(api, named.id()) + (named.degraded() ? Urls.DEGRADED_SUFFIX : "");
  }

  /** The base URI of version {@code api}: 303 to its info.json. */
  Response baseResponse(int api, String image) throws IOException {
    Named named = Named.parse(image);
    if (named.degraded()) {
      entry(named);
    } else {
      service.source(named.id());
    }
    return Response.seeOther(URI.create(serviceId(api, named) + "/info.json")).build();
  }

  /**
   * info.json of Image API {@code api} (2 or 3), over the same pyramid.
   *
   * <p>The full service of a restricted page is a tier of access (IIIF Authentication 1.0, 3.2):
   * asked for without an access token of a live login ({@code Authorization: Bearer}) and without
   * the login cookie, it answers 302 to the info.json of the page's lower-resolution service, which
   * everybody may have; 1.0 clients see the other {@code id} and offer the login.
   */
  Response infoResponse(
      int api, String image, String accept, String authorization, String cookie, Request request)
      throws IOException {
    Named named = Named.parse(image);
    ImageId id = named.id();
    ImageService.Entry entry = entry(named);
    Record record = entry.source().record();
    Limits limits = named.degraded() ? degradedLimits : service.limits();
    // The full service of a restricted page declares its probe service (IIIF Auth 2.0, 2.1: "the
    // probe service MUST be declared in the Image Information Document") and the 1.0 login
    // service; its lower-resolution service declares the 1.0 login service (1.0, 4: the client
    // "checks for authentication services in the JSON received").
    boolean probe = !named.degraded() && AccessControl.controlled(record);
    if (probe && !access.authorised(authorization, cookie)) {
      return Response.status(Response.Status.FOUND)
          .location(URI.create(serviceId(api, new Named(id, true)) + "/info.json"))
          .header("Cache-Control", "no-store")
          .header("Vary", "Authorization, Cookie")
          .build();
    }
    String body =
        api == 2
            ? InfoJson2.write(serviceId(2, named), entry.pyramid(), limits, record)
            : InfoJson.write(
                serviceId(3, named),
                entry.pyramid(),
                limits,
                record,
                urls.manifest(3, id.recordId()),
                probe ? AuthServices.probe(urls, id.toString()) : null);
    if (named.degraded()) {
      body = lowerResolution(body, access.restrictedMaxSize());
    }
    if (AccessControl.controlled(record)) {
      body = withLogin1(body, api);
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    EntityTag tag = new EntityTag(RecordJson.sha256(body).substring(0, 24));
    Date modified = Date.from(entry.pyramid().built());
    Response.ResponseBuilder r = request.evaluatePreconditions(modified, tag);
    if (r == null) {
      String type = api == 2 ? contentType2(accept) : contentType(accept);
      r = Response.ok(bytes, type).header("Content-Length", bytes.length);
    }
    if (probe) {
      // Answered whole only to a login: no shared cache may keep it.
      return r.tag(tag)
          .lastModified(modified)
          .header("Cache-Control", "private, no-cache")
          .header("Vary", "Accept, Authorization, Cookie")
          .header("Link", profileLink(api))
          .build();
    }
    return r.tag(tag)
        .lastModified(modified)
        .header("Cache-Control", cache)
        .header("Vary", "Accept")
        .header(
            "Link", named.degraded() ? (api == 2 ? LEVEL0_LINK_2 : LEVEL0_LINK) : profileLink(api))
        .build();
  }

  /**
   * The info.json of a service of a restricted page with the IIIF Authentication 1.0 login service
   * added to its {@code service}: after the 2.0 probe in Image API 3.0 (an array), alone in 2.1 (an
   * object, as the 1.0 specification's example has it).
   */
  private String withLogin1(String info, int api) {
    tools.jackson.databind.node.ObjectNode node =
        (tools.jackson.databind.node.ObjectNode) RecordJson.read(info);
    tools.jackson.databind.node.ObjectNode login = AuthServices.login1(urls);
    if (api == 2) {
      node.set("service", login);
    } else {
      tools.jackson.databind.JsonNode services = node.get("service");
      if (services != null && services.isArray()) {
        ((tools.jackson.databind.node.ArrayNode) services).add(login);
      } else {
        node.putArray("service").add(login);
      }
    }
    return RecordJson.write(node);
  }

  /** An image request of Image API {@code api} (2 or 3): a stored tile or size, else computed. */
  Response imageResponse(
      int api,
      String image,
      String region,
      String size,
      String rotation,
      String file,
      String cookie,
      Request request)
      throws IOException {
    Named named = Named.parse(image);
    ImageId id = named.id();
    ImageRequest parsed =
        api == 2
            ? ImageRequest.parse2(region, size, rotation, file)
            : ImageRequest.parse(region, size, rotation, file);
    ImageService.Entry entry = entry(named);
    Record record = entry.source().record();
    ImageRequest.Plan plan =
        parsed.resolve(
            entry.pyramid().width(),
            entry.pyramid().height(),
            named.degraded() ? degradedLimits : service.limits());
    boolean controlled = AccessControl.controlled(record) && !named.degraded();
    // What counts is the resolution asked for, not the size of the answer: the whole image at the
    // request's scale. (A tile of 512 pixels cut at full resolution is full resolution; tiles
    // stitched together would give the whole scan.)
    int wholeWidth =
        (int) Math.ceil((double) plan.size().w() * entry.pyramid().width() / plan.region().w());
    int wholeHeight =
        (int) Math.ceil((double) plan.size().h() * entry.pyramid().height() / plan.region().h());
    if (named.degraded() && Math.max(wholeWidth, wholeHeight) > access.restrictedMaxSize()) {
      throw ImageException.forbidden(
          "the lower-resolution service of image '"
              + id
              + "' serves it at most "
              + access.restrictedMaxSize()
              + " pixels on its longer side (this request asks for "
              + Math.max(wholeWidth, wholeHeight)
              + ")");
    }
    if (controlled && !access.mayView(record, wholeWidth, wholeHeight, cookie)) {
      throw ImageException.unauthorized(
          "image '"
              + id
              + "' is shown at more than "
              + access.restrictedMaxSize()
              + " pixels (on its longer side, at the resolution asked for) only to users who have"
              + " logged in at "
              + urls.authLogin()
              + "; everybody may have it up to that size, or from "
              + serviceId(api, new Named(id, true)));
    }
    // Same pyramid, same canonical request: same bytes.
    EntityTag tag =
        new EntityTag(
            entry.pyramid().version()
                + "-"
                + RecordJson.sha256(api + "/" + plan.canonical()).substring(0, 16));
    Date modified = Date.from(entry.pyramid().built());
    Response.ResponseBuilder r = request.evaluatePreconditions(modified, tag);
    if (r == null) {
      byte[] bytes = service.image(entry, plan);
      r = Response.ok(bytes, plan.format().mediaType()).header("Content-Length", bytes.length);
    }
    if (controlled) {
      // Whether this URL is answered depends on the login: no shared cache may keep it.
      r.header("Vary", "Cookie");
    }
    return r.tag(tag)
        .lastModified(modified)
        .header("Cache-Control", controlled ? "private, no-cache" : cache)
        .header(
            "Link", "<" + serviceId(api, named) + "/" + plan.canonical() + ">;rel=\"canonical\"")
        .header("Link", profileLink(api))
        .build();
  }

  /**
   * The info.json of a lower-resolution service: no tiles (they would be cut at full resolution)
   * and only the sizes within the limit, so that a viewer asks for whole images it may have. It
   * claims compliance level 0 (whole images at the listed sizes), and in 2.1 not {@code sizeByW}:
   * OpenSeadragon (Mirador's image viewer) cuts tiles of its own from a level 1 or 2 service
   * without {@code tiles}, at every resolution, and uses the sizes only for level 0.
   */
  private static String lowerResolution(String info, int max) {
    tools.jackson.databind.node.ObjectNode node =
        (tools.jackson.databind.node.ObjectNode) RecordJson.read(info);
    node.remove("tiles");
    tools.jackson.databind.JsonNode profile = node.get("profile");
    if (profile != null && profile.isArray()) {
      tools.jackson.databind.node.ArrayNode level0 = RecordJson.MAPPER.createArrayNode();
      level0.add(LEVEL0_2);
      for (int i = 1; i < profile.size(); i++) {
        tools.jackson.databind.JsonNode p = profile.get(i);
        if (p.isObject() && p.has("supports")) {
          tools.jackson.databind.node.ArrayNode supports = RecordJson.MAPPER.createArrayNode();
          for (tools.jackson.databind.JsonNode f : p.get("supports")) {
            if (!"sizeByW".equals(f.asString())) {
              supports.add(f);
            }
          }
          ((tools.jackson.databind.node.ObjectNode) p).set("supports", supports);
        }
        level0.add(p);
      }
      node.set("profile", level0);
    } else {
      node.put("profile", "level0");
    }
    tools.jackson.databind.JsonNode sizes = node.get("sizes");
    if (sizes != null && sizes.isArray()) {
      tools.jackson.databind.node.ArrayNode kept = RecordJson.MAPPER.createArrayNode();
      for (tools.jackson.databind.JsonNode size : sizes) {
        if (Math.max(size.path("width").asInt(), size.path("height").asInt()) <= max) {
          kept.add(size);
        }
      }
      node.set("sizes", kept);
    }
    return RecordJson.write(node);
  }

  private static String profileLink(int api) {
    return api == 2 ? PROFILE_LINK_2 : PROFILE_LINK;
  }

  private String serviceId(int api, ImageId id) {
    return urls.imageService(api, id.toString());
  }

  /**
   * Section 5.1: JSON-LD with the context as profile, unless the client asks for plain JSON (and
   * not for JSON-LD).
   */
  static String contentType(String accept) {
    if (accept != null
        && accept.contains("application/json")
        && !accept.contains("application/ld+json")) {
      return "application/json";
    }
    return JSON_LD;
  }

  /**
   * Image API 2.1, section 5.1: "If the client explicitly wants the JSON-LD content-type, then it
   * MUST specify this in an Accept header, otherwise the server MUST return the regular JSON
   * content-type."
   */
  static String contentType2(String accept) {
    if (accept != null && accept.contains("application/ld+json")) {
      return "application/ld+json;profile=\"" + InfoJson2.CONTEXT + "\"";
    }
    return "application/json";
  }
}
