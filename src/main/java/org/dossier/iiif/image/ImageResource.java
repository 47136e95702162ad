package org.dossier.iiif.image;

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

  private final Urls urls;
  private final ImageService service;
  private final String cache;

  ImageResource(Urls urls, ImageService service, Settings settings) {
    this.urls = urls;
    this.service = service;
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
      @Context Request request)
      throws IOException {
    return infoResponse(3, image, accept, request);
  }

  @GET
  @Path("{image}/{region}/{size}/{rotation}/{file}")
  public Response image(
      @PathParam("image") String image,
      @PathParam("region") String region,
      @PathParam("size") String size,
      @PathParam("rotation") String rotation,
      @PathParam("file") String file,
      @Context Request request)
      throws IOException {
    return imageResponse(3, image, region, size, rotation, file, request);
  }

  /** The base URI of version {@code api}: 303 to its info.json. */
  Response baseResponse(int api, String image) throws IOException {
    ImageId id = ImageId.parse(image);
    service.source(id);
    return Response.seeOther(URI.create(serviceId(api, id) + "/info.json")).build();
  }

  /** info.json of Image API {@code api} (2 or 3), over the same pyramid. */
  Response infoResponse(int api, String image, String accept, Request request) throws IOException {
    ImageId id = ImageId.parse(image);
    ImageService.Entry entry = service.entry(id);
    String body =
        api == 2
            ? InfoJson2.write(
                serviceId(2, id), entry.pyramid(), service.limits(), entry.source().record())
            : InfoJson.write(
                serviceId(3, id),
                entry.pyramid(),
                service.limits(),
                entry.source().record(),
                urls.manifest(3, id.recordId()));
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    EntityTag tag = new EntityTag(RecordJson.sha256(body).substring(0, 24));
    Date modified = Date.from(entry.pyramid().built());
    Response.ResponseBuilder r = request.evaluatePreconditions(modified, tag);
    if (r == null) {
      String type = api == 2 ? contentType2(accept) : contentType(accept);
      r = Response.ok(bytes, type).header("Content-Length", bytes.length);
    }
    return r.tag(tag)
        .lastModified(modified)
        .header("Cache-Control", cache)
        .header("Vary", "Accept")
        .header("Link", profileLink(api))
        .build();
  }

  /** An image request of Image API {@code api} (2 or 3): a stored tile or size, else computed. */
  Response imageResponse(
      int api,
      String image,
      String region,
      String size,
      String rotation,
      String file,
      Request request)
      throws IOException {
    ImageId id = ImageId.parse(image);
    ImageRequest parsed =
        api == 2
            ? ImageRequest.parse2(region, size, rotation, file)
            : ImageRequest.parse(region, size, rotation, file);
    ImageService.Entry entry = service.entry(id);
    ImageRequest.Plan plan =
        parsed.resolve(entry.pyramid().width(), entry.pyramid().height(), service.limits());
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
    return r.tag(tag)
        .lastModified(modified)
        .header("Cache-Control", cache)
        .header("Link", "<" + serviceId(api, id) + "/" + plan.canonical() + ">;rel=\"canonical\"")
        .header("Link", profileLink(api))
        .build();
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
