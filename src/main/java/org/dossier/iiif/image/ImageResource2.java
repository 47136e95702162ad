package org.dossier.iiif.image;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.dossier.access.AccessControl;

/**
 * The Image API 2.1 endpoints under {@code /iiif/image/2/}, for viewers and harvesters that speak
 * 2.x: the same images and pyramids as 3.0, with 2.1's info.json and size syntax (<a
 * href="https://iiif.io/api/image/2.1/#uri-syntax">section 2</a>).
 */
@Path("/iiif/image/2")
public final class ImageResource2 {
  private final ImageResource v3;

  ImageResource2(ImageResource v3) {
    this.v3 = v3;
  }

  /** "the base URI ... SHOULD result in a 303 status code ... to the image information document" */
  @GET
  @Path("{image}")
  public Response base(@PathParam("image") String image) throws IOException {
    return v3.baseResponse(2, image);
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
    return v3.infoResponse(2, image, accept, authorization, cookie, request);
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
    return v3.imageResponse(2, image, region, size, rotation, file, cookie, request);
  }
}
