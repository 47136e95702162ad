package org.dossier.rdf.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.dossier.rdf.LinkedData;
import org.dossier.rdf.RdfStore;
import org.dossier.urls.Urls;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.repository.RepositoryConnection;
import org.eclipse.rdf4j.repository.RepositoryResult;
import org.eclipse.rdf4j.rio.RDFWriter;

/**
 * {@code /dumps/}: the whole dataset as gzipped N-Triples and Turtle, written straight from the
 * store to the response as it is read, so memory does not grow with the dataset. The ETag follows
 * the change-log sequence the store reflects.
 */
@Path("/dumps")
public final class DumpResource {
  /** The dump files: name and serialization. */
  public enum Dump {
    NTRIPLES("dataset.nt.gz", RdfFormat.NTRIPLES),
    TURTLE("dataset.ttl.gz", RdfFormat.TURTLE);

    public final String file;
    public final RdfFormat format;

    Dump(String file, RdfFormat format) {
      this.file = file;
      this.format = format;
    }
  }

  private final LinkedData linkedData;
  private final Urls urls;
  private final String archive;

  DumpResource(LinkedData linkedData, Urls urls, String archiveName) {
    this.linkedData = linkedData;
    this.urls = urls;
    this.archive = archiveName;
  }

  @GET
  public Response index() {
    StreamingOutput page =
        out -> {
          try (Html h = new Html(out, "Dumps — " + archive, "en")) {
            h.body();
            h.element("h1", "Dumps of " + archive);
            h.open("p")
                .text("The whole linked-data dataset, as described by the ")
                .link(urls.voidDocument(), "VoID document")
                .text(". Files are made on request from the" + " current state of the store.")
                .end();
            h.open("ul");
            for (Dump d : Dump.values()) {
              h.open("li")
                  .link(urls.dump(d.file), d.file)
                  .text(" — " + d.format.rio.getName() + ", gzip")
                  .end();
            }
            h.end();
          }
        };
    return Response.ok(page, MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).build();
  }

  /**
   * HEAD answers the headers without reading the store (JAX-RS would otherwise run GET and drop the
   * body).
   */
  @jakarta.ws.rs.HEAD
  @Path("/{file}")
  public Response head(@PathParam("file") String file, @Context Request request) {
    Response full = dump(file, request);
    return Response.fromResponse(full).entity(null).build();
  }

  @GET
  @Path("/{file}")
  public Response dump(@PathParam("file") String file, @Context Request request) {
    Dump dump =
        List.of(Dump.values()).stream().filter(d -> d.file.equals(file)).findFirst().orElse(null);
    if (dump == null) {
      return Response.status(404)
          .type(MediaType.TEXT_PLAIN_TYPE)
          .entity(
              "404 Not Found: the dumps are "
                  + Dump.NTRIPLES.file
                  + " and "
                  + Dump.TURTLE.file
                  + ".\n")
          .build();
    }
    RdfStore.State state = linkedData.state();
    EntityTag tag =
        new EntityTag(
            dump.name().toLowerCase(java.util.Locale.ROOT)
                + "-"
                + state.seq()
                + "-"
                + Integer.toHexString(state.base().hashCode()));
    Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
    if (unchanged != null) {
      return unchanged.build();
    }
    RdfStore store = linkedData.store();
    StreamingOutput body =
        out -> {
          GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16);
          try (RepositoryConnection c = store.connection();
              RepositoryResult<Statement> all = c.getStatements(null, null, null, false)) {
            RDFWriter w = dump.format.writer(gzip, false);
            for (Statement s : all) {
              if (!RdfStore.isBookkeeping(s)) {
                w.handleStatement(s);
              }
            }
            w.endRDF();
          }
          gzip.finish();
        };
    return Response.ok(body, "application/gzip")
        .header("Content-Disposition", "attachment; filename=\"" + dump.file + "\"")
        .tag(tag)
        .build();
  }
}
