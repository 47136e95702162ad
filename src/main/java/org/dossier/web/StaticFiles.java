package org.dossier.web;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * {@code GET /static/{file}}: the stylesheet, the viewer's start script, the IIIF logo and the
 * Mirador bundle, from the jar's {@code static/} folder. Each is read once, kept with its gzip form
 * (Mirador shrinks from 2.3 MB to about a quarter), and served with an ETag so revisits cost a 304.
 */
@Path("/static/{file: [A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*}")
public final class StaticFiles {
  private static final Map<String, String> TYPES =
      Map.of(
          "css", "text/css;charset=UTF-8",
          "js", "text/javascript;charset=UTF-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "txt", "text/plain;charset=UTF-8");

  /**
   * The files read, and the names found missing, most recently used first: bounded, so that
   * requests for random names cannot fill the memory.
   */
  private final LoadingCache<String, Optional<Asset>> cache;

  StaticFiles(int entries) {
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(entries)
            .executor(Runnable::run) // evict on the request's thread: no pool of our own
            .build(StaticFiles::load);
  }

  /** How many files and missing names are kept now (for tests). */
  long cached() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  private record Asset(byte[] plain, byte[] gzipped, String type, EntityTag etag) {}

  @GET
  public Response file(
      @PathParam("file") String file,
      @HeaderParam("Accept-Encoding") String acceptEncoding,
      @HeaderParam("If-None-Match") String ifNoneMatch) {
    Optional<Asset> found = cache.get(file);
    if (found.isEmpty()) {
      return Response.status(404).type("text/plain").entity("404 Not Found\n").build();
    }
    Asset a = found.get();
    // The tag as it travels (RFC 9110 8.8.3: a strong tag is its value in quotes);
    // EntityTag.toString is deprecated.
    String quoted = '"' + a.etag().getValue() + '"';
    if (ifNoneMatch != null && (ifNoneMatch.contains(quoted) || ifNoneMatch.strip().equals("*"))) {
      return Response.notModified(a.etag()).header("Cache-Control", "public, max-age=3600").build();
    }
    boolean gzip = a.gzipped() != null && acceptEncoding != null && acceptEncoding.contains("gzip");
    Response.ResponseBuilder r =
        Response.ok(gzip ? a.gzipped() : a.plain(), a.type())
            .tag(a.etag())
            .header("Cache-Control", "public, max-age=3600")
            .header("Vary", "Accept-Encoding")
            .header("X-Content-Type-Options", "nosniff");
    if (gzip) {
      r.header("Content-Encoding", "gzip");
    }
    return r.build();
  }

  private static Optional<Asset> load(String file) {
    String extension = file.substring(file.lastIndexOf('.') + 1);
    String type = TYPES.get(extension);
    if (type == null) {
      return Optional.empty();
    }
    try (InputStream in = StaticFiles.class.getResourceAsStream("/static/" + file)) {
      if (in == null) {
        return Optional.empty();
      }
      byte[] plain = in.readAllBytes();
      byte[] gzipped = null;
      if (!extension.equals("png")) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 3);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
          gz.write(plain);
        }
        gzipped = out.toByteArray();
      }
      String hash =
          HexFormat.of()
              .formatHex(MessageDigest.getInstance("SHA-256").digest(plain))
              .substring(0, 20);
      return Optional.of(new Asset(plain, gzipped, type, new EntityTag(hash)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
