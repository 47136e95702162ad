package org.dossier.iiif.presentation;

import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One form a Presentation resource can take: its API version and whether it is labelled as JSON-LD
 * with the version's profile or as plain {@code application/json}. The body is the same either way.
 * {@link #negotiate} picks the form a request's {@code Accept} header prefers (RFC 9110 §12.5.1,
 * with the JSON-LD {@code profile} parameter as Presentation 3.0 §6.1 uses it).
 */
public record Representation(PresentationVersion version, boolean jsonLd) {

  public static final Representation V3_JSON_LD = new Representation(PresentationVersion.V3, true);
  public static final Representation V3_JSON = new Representation(PresentationVersion.V3, false);
  public static final Representation V2_JSON_LD = new Representation(PresentationVersion.V2, true);
  public static final Representation V2_JSON = new Representation(PresentationVersion.V2, false);

  /** The exact Content-Type header value. */
  public String contentType() {
    return jsonLd ? version.jsonLdMediaType() : MediaType.APPLICATION_JSON;
  }

  /** A short tag that keeps ETags of different representations apart. */
  String tag() {
    return version.segment() + (jsonLd ? "l" : "j");
  }

  /**
   * The offered representation the client prefers: highest quality value first, then the one its
   * most specific matching range names more exactly, then the order of {@code offers}.
   *
   * @param accept the Accept header's media ranges (Jersey gives {@code *}{@code /*} when absent)
   * @param offers what this resource can answer, the server's preference first
   * @return empty when every offer has quality 0 (answer 406)
   */
  public static Optional<Representation> negotiate(
      List<MediaType> accept, List<Representation> offers) {
    Representation best = null;
    double bestQuality = 0;
    int bestSpecificity = -1;
    for (Representation offer : offers) {
      double quality = 0;
      int specificity = -1;
      for (MediaType range : accept) {
        int s = offer.specificity(range);
        if (s > specificity) {
          specificity = s;
          quality = quality(range);
        }
      }
      if (quality > bestQuality
          || (quality == bestQuality && quality > 0 && specificity > bestSpecificity)) {
        best = offer;
        bestQuality = quality;
        bestSpecificity = specificity;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * How exactly a media range names this representation: -1 not at all, 0 for {@code *}/{@code *},
   * 1 for {@code application/*}, 2 for the type without a profile, 3 for the type with this
   * profile.
   */
  int specificity(MediaType range) {
    String subtype = jsonLd ? "ld+json" : "json";
    if (range.isWildcardType()) {
      return 0;
    }
    if (!range.getType().equalsIgnoreCase("application")) {
      return -1;
    }
    if (range.isWildcardSubtype()) {
      return 1;
    }
    if (!range.getSubtype().equalsIgnoreCase(subtype)) {
      return -1;
    }
    String profile = range.getParameters().get("profile");
    if (profile == null) {
      return 2;
    }
    // The profile parameter is a space-separated list of URIs (RFC 6906 §3.1).
    boolean named =
        jsonLd && Arrays.asList(profile.strip().split("\\s+")).contains(version.context());
    return named ? 3 : -1;
  }

  private static double quality(MediaType range) {
    String q = range.getParameters().get("q");
    if (q == null) {
      return 1;
    }
    try {
      return Math.max(0, Math.min(1, Double.parseDouble(q)));
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
