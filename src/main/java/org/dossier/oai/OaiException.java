package org.dossier.oai;

import java.util.List;

/**
 * An OAI-PMH error condition, answered with HTTP 200 and one {@code <error>} per failure (section
 * 3.6 allows several, as when a request has more than one bad argument).
 */
public final class OaiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<Failure> failures;
  private final transient OaiRequest request;

  /** One error code with its message. */
  public record Failure(OaiError error, String message) {}

  OaiException(List<Failure> failures) {
    this(failures, null);
  }

  private OaiException(List<Failure> failures, OaiRequest request) {
    super(
        failures.get(0).error().code().value() + ": " + failures.get(0).message(),
        null,
        false,
        false);
    this.failures = List.copyOf(failures);
    this.request = request;
  }

  public List<Failure> failures() {
    return failures;
  }

  /**
   * The valid request the error answers, to be echoed; null when it must not be (badVerb,
   * badArgument).
   */
  public OaiRequest request() {
    return failures.stream().anyMatch(f -> f.error().hidesRequest()) ? null : request;
  }

  /** The same failures, answering this request. */
  OaiException answering(OaiRequest r) {
    return new OaiException(failures, r);
  }
}
