package org.dossier.iiif.presentation;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.HexFormat;
import java.util.zip.CRC32;
import org.dossier.urls.Urls;

/**
 * {@code GET /iiif/logo.png}: the provider logo that manifests name, with a validator and long
 * caching.
 */
@Path(Urls.LOGO)
public final class LogoResource {

  @GET
  public Response logo(@Context HttpHeaders headers) {
    byte[] png = Logo.png();
    CRC32 crc = new CRC32();
    crc.update(png);
    String etag = "\"logo-" + HexFormat.of().toHexDigits((int) crc.getValue()) + "\"";
    Response.ResponseBuilder response =
        Validators.ifNoneMatch(headers, etag)
            ? Response.notModified()
            : Response.ok(png, "image/png");
    return response.header("ETag", etag).header("Cache-Control", "public, max-age=86400").build();
  }
}
