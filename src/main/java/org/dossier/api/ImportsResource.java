package org.dossier.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dossier.catalog.RecordJson;
import org.dossier.ingest.ImportReport;
import org.dossier.ingest.Importer;
import org.dossier.urls.Urls;
import org.glassfish.jersey.server.ContainerRequest;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An import over HTTP: the body (JSON Lines or CSV) is read as it arrives, item by item, through
 * the same importer, checks and all-or-nothing transaction as {@code dossier import}; the answer is
 * its report. With {@code skip-invalid=true} the valid items are written and the others reported.
 */
@Path(Urls.API + "/imports")
public final class ImportsResource {
  static final String NDJSON = "application/x-ndjson";
  static final String JSONL = "application/jsonl";
  static final String CSV = "text/csv";

  private final Api api;

  ImportsResource(Api api) {
    this.api = api;
  }

  @POST
  @Consumes({NDJSON, JSONL, CSV})
  @Produces(Api.JSON)
  public Response post(
      @QueryParam("skip-invalid") String skipInvalid,
      @Context HttpHeaders headers,
      @Context ContainerRequest request,
      InputStream body)
      throws IOException {
    boolean skip;
    if (skipInvalid == null || skipInvalid.equals("false")) {
      skip = false;
    } else if (skipInvalid.equals("true")) {
      skip = true;
    } else {
      throw ApiProblem.of(400, "skip-invalid is true or false, not '" + skipInvalid + "'");
    }
    MediaType type = headers.getMediaType();
    Importer.Format format =
        type != null && type.isCompatible(MediaType.valueOf(CSV))
            ? Importer.Format.CSV
            : Importer.Format.JSON_LINES;
    ImportReport report = api.importer.importStream("body", format, body, skip);
    request.setProperty(
        AuditLog.DETAIL,
        (report.committed() ? "committed" : "refused")
            + " read="
            + report.read()
            + " invalid="
            + report.invalid()
            + " inserted="
            + report.inserted()
            + " updated="
            + report.updated()
            + " collections="
            + report.collections());
    if (!report.committed()) {
      throw ApiProblem.invalid(
          report.invalid()
              + " invalid item(s) of "
              + report.read()
              + " read; nothing was written (skip-invalid=true writes the valid ones)",
          report.problems(),
          counts(report));
    }
    if (report.inserted() + report.updated() + report.collections() > 0) {
      api.changed();
    }
    ObjectNode answer = RecordJson.MAPPER.createObjectNode();
    counts(report).forEach((k, v) -> answer.set(k, RecordJson.MAPPER.valueToTree(v)));
    ArrayNode problems = answer.putArray("problems");
    report
        .problems()
        .forEach(
            p ->
                problems
                    .addObject()
                    .put("where", p.where())
                    .put("field", p.field())
                    .put("reason", p.reason()));
    return Response.ok(RecordJson.write(answer)).build();
  }

  private static Map<String, Object> counts(ImportReport report) {
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("committed", report.committed());
    counts.put("read", report.read());
    counts.put("invalid", report.invalid());
    counts.put("inserted", report.inserted());
    counts.put("updated", report.updated());
    counts.put("unchanged", report.unchanged());
    counts.put("collections", report.collections());
    counts.put("seconds", Math.round(report.seconds() * 1000) / 1000.0);
    return counts;
  }
}
