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
    ImageId id = ImageId.parse(image);
    service.source(id);
    return Response.seeOther(URI.create(serviceId(id) + "/info.json")).build();
  }

  @GET
  @Path("{image}/info.json")
  public Response info(
      @PathParam("image") String image,
      @HeaderParam("Accept") String accept,
      @Context Request request)
      throws IOException {
    ImageId id = ImageId.parse(image);
    ImageService.Entry entry = service.entry(id);
    String body =
        InfoJson.write(
            serviceId(id),
            entry.pyramid(),
            service.limits(),
            entry.source().record(),
            urls.manifest(3, id.recordId()));
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    EntityTag tag = new EntityTag(RecordJson.sha256(body).substring(0, 24));
    Date modified = Date.from(entry.pyramid().built());
    Response.ResponseBuilder r = request.evaluatePreconditions(modified, tag);
    if (r == null) {
      r = Response.ok(bytes, contentType(accept)).header("Content-Length", bytes.length);
    }
    return r.tag(tag)
        .lastModified(modified)
        .header("Cache-Control", cache)
        .header("Vary", "Accept")
        .header("Link", PROFILE_LINK)
        .build();
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
    ImageId id = ImageId.parse(image);
    ImageRequest parsed = ImageRequest.parse(region, size, rotation, file);
    ImageService.Entry entry = service.entry(id);
    ImageRequest.Plan plan =
        parsed.resolve(entry.pyramid().width(), entry.pyramid().height(), service.limits());
    // Same pyramid, same canonical request: same bytes.
    EntityTag tag =
        new EntityTag(
            entry.pyramid().version() + "-" + RecordJson.sha256(plan.canonical()).substring(0, 16));
    Date modified = Date.from(entry.pyramid().built());
    Response.ResponseBuilder r = request.evaluatePreconditions(modified, tag);
    if (r == null) {
      byte[] bytes = service.image(entry, plan);
      r = Response.ok(bytes, plan.format().mediaType()).header("Content-Length", bytes.length);
    }
    return r.tag(tag)
        .lastModified(modified)
        .header("Cache-Control", cache)
        .header("Link", "<" + serviceId(id) + "/" + plan.canonical() + ">;rel=\"canonical\"")
        .header("Link", PROFILE_LINK)
        .build();
  }

  private String serviceId(ImageId id) {
    return urls.imageService(3, id.toString());
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
}
