package org.dossier.iiif.presentation;

/**
 * The two versions of the Presentation API served: 3.0, the current one, and 2.1 for viewers that
 * predate it. Each is named by its JSON-LD context, which is also the {@code profile} of its media
 * type (Presentation 3.0 §6.1, "Requests and Responses").
 */
public enum PresentationVersion {
  V2("2", "http://iiif.io/api/presentation/2/context.json"),
  V3("3", "http://iiif.io/api/presentation/3/context.json");

  private final String segment;
  private final String context;

  PresentationVersion(String segment, String context) {
    this.segment = segment;
    this.context = context;
  }

  /** The version's path segment: {@code /iiif/3/…} or {@code /iiif/2/…}. */
  public String segment() {
    return segment;
  }

  /** The version's number, as {@link org.dossier.urls.Urls} takes it: 2 or 3. */
  public int number() {
    return Integer.parseInt(segment);
  }

  /** The JSON-LD context URI, the value of {@code @context}. */
  public String context() {
    return context;
  }

  /** {@code application/ld+json;profile="{context}"}, the content type the specification gives. */
  public String jsonLdMediaType() {
    return "application/ld+json;profile=\"" + context + "\"";
  }
}
