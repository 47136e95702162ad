package org.dossier.oai;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * HTTP content coding for OAI-PMH responses, the {@code <compression>} Identify announces (section
 * 3.1.3): gzip or deflate (zlib, RFC 9110 section 8.4.1.2) as the request's Accept-Encoding
 * prefers, none when it asks for neither or refuses both with q=0.
 */
@Provider
@Compressed
public final class Compression implements WriterInterceptor {

  /** The coding to use for an Accept-Encoding header, or null for none. */
  static String choose(String acceptEncoding) {
    if (acceptEncoding == null || acceptEncoding.isBlank()) {
      return null;
    }
    String best = null;
    double bestQ = 0;
    double wildcard = -1;
    double gzip = -1;
    double deflate = -1;
    for (String part : acceptEncoding.split(",")) {
      String[] pieces = part.split(";");
      String coding = pieces[0].strip().toLowerCase(Locale.ROOT);
      double q = 1;
      for (int i = 1; i < pieces.length; i++) {
        String p = pieces[i].strip();
        if (p.startsWith("q=") || p.startsWith("Q=")) {
          try {
            q = Double.parseDouble(p.substring(2).strip());
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      switch (coding) {
        case "gzip", "x-gzip" -> gzip = Math.max(gzip, q);
        case "deflate" -> deflate = Math.max(deflate, q);
        case "*" -> wildcard = q;
        default -> {}
      }
    }
    if (gzip < 0) {
      gzip = wildcard;
    }
    if (deflate < 0) {
      deflate = wildcard;
    }
    if (gzip > bestQ) {
      best = "gzip";
      bestQ = gzip;
    }
    if (deflate > bestQ) {
      best = "deflate";
    }
    return best;
  }

  @Context private HttpHeaders request;

  @Override
  public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
    context.getHeaders().add(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
    String coding =
        context.getHeaders().containsKey(HttpHeaders.CONTENT_ENCODING)
            ? null
            : choose(request.getHeaderString(HttpHeaders.ACCEPT_ENCODING));
    if (coding == null) {
      context.proceed();
      return;
    }
    context.getHeaders().putSingle(HttpHeaders.CONTENT_ENCODING, coding);
    OutputStream original = context.getOutputStream();
    Fast compressed = coding.equals("gzip") ? new FastGzip(original) : new FastDeflate(original);
    context.setOutputStream((OutputStream) compressed);
    try {
      context.proceed();
      compressed.finish();
    } finally {
      compressed.release();
    }
  }

  /**
   * A compressing stream at the fastest level: a harvest page is mostly markup that compresses well
   * at any level, and the fastest keeps compression from halving a harvester's rate.
   */
  private interface Fast {
    void finish() throws IOException;

    /** Frees the compressor's native memory now rather than when the collector gets to it. */
    void release();
  }

  private static final class FastGzip extends GZIPOutputStream implements Fast {
    FastGzip(OutputStream out) throws IOException {
      super(out, 1 << 16);
      def.setLevel(Deflater.BEST_SPEED);
    }

    @Override
    public void release() {
      def.end();
    }
  }

  private static final class FastDeflate extends DeflaterOutputStream implements Fast {
    FastDeflate(OutputStream out) {
      super(out, new Deflater(Deflater.BEST_SPEED), 1 << 16);
    }

    @Override
    public void release() {
      def.end();
    }
  }
}
