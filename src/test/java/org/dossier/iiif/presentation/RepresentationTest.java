package org.dossier.iiif.presentation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RepresentationTest {
  private static final List<Representation> OFFERS =
      List.of(Representation.V3_JSON_LD, Representation.V3_JSON, Representation.V2_JSON_LD);

  private static MediaType range(String type, String subtype, String... parameters) {
    Map<String, String> map = new java.util.HashMap<>();
    for (int i = 0; i + 1 < parameters.length; i += 2) {
      map.put(parameters[i], parameters[i + 1]);
    }
    return new MediaType(type, subtype, map);
  }

  @Test
  void theMostSpecificMatchingRangeSetsTheQuality() {
    // */* at 1 but the 3.0 profile explicitly at 0: 3.0 JSON-LD is refused, plain JSON is not.
    List<MediaType> accept =
        List.of(
            MediaType.WILDCARD_TYPE,
            range("application", "ld+json", "profile", PresentationVersion.V3.context(), "q", "0"));
    assertEquals(Optional.of(Representation.V3_JSON), Representation.negotiate(accept, OFFERS));
  }

  @Test
  void aProfileListNamesEveryProfileInIt() {
    List<MediaType> accept =
        List.of(
            range(
                "application",
                "ld+json",
                "profile",
                "http://example.org/other " + PresentationVersion.V2.context()));
    assertEquals(Optional.of(Representation.V2_JSON_LD), Representation.negotiate(accept, OFFERS));
  }

  @Test
  void anUnknownProfileMatchesNothing() {
    List<MediaType> accept =
        List.of(range("application", "ld+json", "profile", "http://example.org/other"));
    assertEquals(Optional.empty(), Representation.negotiate(accept, OFFERS));
  }
}
