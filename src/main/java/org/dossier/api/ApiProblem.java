package org.dossier.api;

import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.dossier.catalog.RecordJson;
import org.dossier.ingest.Problem;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An error of the admin API, answered as an RFC 9457 problem document ({@code
 * application/problem+json}): {@code type}, {@code title}, {@code status}, {@code detail}, and for
 * refused input the per-item {@code problems} (where, field, reason) as an import reports them.
 */
final class ApiProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  static final String MEDIA_TYPE = "application/problem+json";

  /** The problem type of input that fails the import checks. */
  static final String INVALID_INPUT = "urn:dossier:problem:invalid-input";

  private final int status;
  private final String type;
  private final transient List<Problem> problems;
  private final transient Map<String, Object> extra;
  private final transient Map<String, String> headers;

  private ApiProblem(
      int status,
      String type,
      String detail,
      List<Problem> problems,
      Map<String, Object> extra,
      Map<String, String> headers) {
    super(detail);
    this.status = status;
    this.type = type;
    this.problems = problems;
    this.extra = extra;
    this.headers = headers;
  }

  static ApiProblem of(int status, String detail) {
    return new ApiProblem(status, "about:blank", detail, List.of(), Map.of(), Map.of());
  }

  static ApiProblem of(int status, String detail, Map<String, String> headers) {
    return new ApiProblem(status, "about:blank", detail, List.of(), Map.of(), headers);
  }

  /** Input refused by the import checks (422), with what was wrong item by item. */
  static ApiProblem invalid(String detail, List<Problem> problems, Map<String, Object> extra) {
    return new ApiProblem(422, INVALID_INPUT, detail, problems, extra, Map.of());
  }

  int status() {
    return status;
  }

  Response toResponse() {
    Response.ResponseBuilder response =
        Response.status(status)
            .type(MEDIA_TYPE)
            .header("Cache-Control", "no-store")
            .entity(document(status, type, getMessage(), problems, extra));
    headers.forEach(response::header);
    return response.build();
  }

  /** The problem document as text. */
  static String document(
      int status, String type, String detail, List<Problem> problems, Map<String, Object> extra) {
    ObjectNode doc = RecordJson.MAPPER.createObjectNode();
    doc.put("type", type);
    doc.put("title", type.equals(INVALID_INPUT) ? "Invalid input" : title(status));
    doc.put("status", status);
    if (detail != null && !detail.isBlank()) {
      doc.put("detail", detail);
    }
    extra.forEach((k, v) -> doc.set(k, RecordJson.MAPPER.valueToTree(v)));
    if (!problems.isEmpty()) {
      ArrayNode list = doc.putArray("problems");
      for (Problem p : problems) {
        list.addObject().put("where", p.where()).put("field", p.field()).put("reason", p.reason());
      }
    }
    return RecordJson.write(doc);
  }

  /**
   * The reason phrase of a status (RFC 9110), which a problem of type about:blank takes as title.
   */
  static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 406 -> "Not Acceptable";
      case 409 -> "Conflict";
      case 410 -> "Gone";
      case 412 -> "Precondition Failed";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Content";
      case 428 -> "Precondition Required";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      default -> {
        Response.Status known = Response.Status.fromStatusCode(status);
        yield known == null ? "Error " + status : known.getReasonPhrase();
      }
    };
  }
}
