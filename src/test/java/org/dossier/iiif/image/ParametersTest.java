package org.dossier.iiif.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The request parameters against the examples of the Image API 3.0 specification (a 300x200 image).
 */
class ParametersTest {
  static final Limits NONE = new Limits(Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE);

  static String resolve(String region, String size, String rotation, String file, Limits limits) {
    return ImageRequest.parse(region, size, rotation, file).resolve(300, 200, limits).canonical();
  }

  @Test
  void regionExamples() {
    // 4.1 example 3: "region=125,15,120,140"; example 4: "pct:41.6,7.5,40,70" is the same rectangle
    assertEquals(
        "125,15,120,140/max/0/default.jpg",
        resolve("125,15,120,140", "max", "0", "default.jpg", NONE));
    assertEquals(
        "125,15,120,140/max/0/default.jpg",
        resolve("pct:41.6,7.5,40,70", "max", "0", "default.jpg", NONE));
    // examples 5 and 6: "N.B. Returned image is 175,185 px"
    assertEquals(
        "125,15,175,185/max/0/default.jpg",
        resolve("125,15,200,200", "max", "0", "default.jpg", NONE));
    assertEquals(
        "125,15,175,185/max/0/default.jpg",
        resolve("pct:41.6,7.5,66.6,100", "max", "0", "default.jpg", NONE));
    assertEquals(
        "50,0,200,200/max/0/default.jpg", resolve("square", "max", "0", "default.jpg", NONE));
    assertEquals("full/max/0/default.jpg", resolve("0,0,300,200", "max", "0", "default.jpg", NONE));
  }

  @Test
  void sizeExamples() {
    // 4.2 example 1: "size=max ... Assuming that the image has a maxWidth of 200px"
    assertEquals(
        new Dim(200, 133),
        Size.parse("max").resolve(new Rect(0, 0, 300, 200), new Limits(200, 200, Long.MAX_VALUE)));
    // example 1 (upscaled): "^max ... Assuming that the image has a maxWidth of 360px"
    assertEquals(
        new Dim(360, 240),
        Size.parse("^max").resolve(new Rect(0, 0, 300, 200), new Limits(360, 360, Long.MAX_VALUE)));
    assertEquals("full/150,100/0/default.jpg", resolve("full", "150,", "0", "default.jpg", NONE));
    assertEquals("full/225,150/0/default.jpg", resolve("full", ",150", "0", "default.jpg", NONE));
    assertEquals("full/150,100/0/default.jpg", resolve("full", "pct:50", "0", "default.jpg", NONE));
    assertEquals(
        "full/225,100/0/default.jpg", resolve("full", "225,100", "0", "default.jpg", NONE));
    // example 6: "size=!225,100 ... N.B. Returned image is 150,100 px"; "^!360,360 ... 360,240 px"
    assertEquals(
        "full/150,100/0/default.jpg", resolve("full", "!225,100", "0", "default.jpg", NONE));
    assertEquals(
        "full/^360,240/0/default.jpg", resolve("full", "^!360,360", "0", "default.jpg", NONE));
    assertEquals("full/^360,240/0/default.jpg", resolve("full", "^360,", "0", "default.jpg", NONE));
    assertEquals(
        "full/^max/0/default.jpg",
        resolve("full", "^pct:120", "0", "default.jpg", new Limits(360, 360, Long.MAX_VALUE)));
    // "The value of w MUST NOT be greater than the width of the extracted region."
    assertThrows(ImageException.class, () -> resolve("full", "301,", "0", "default.jpg", NONE));
    assertThrows(ImageException.class, () -> resolve("full", "pct:120", "0", "default.jpg", NONE));
    assertThrows(ImageException.class, () -> resolve("full", "pct:0.1", "0", "default.jpg", NONE));
  }

  static String resolve2(String region, String size, String rotation, String file, Limits limits) {
    return ImageRequest.parse2(region, size, rotation, file).resolve(300, 200, limits).canonical();
  }

  @Test
  void imageApi21SizeExamples() {
    // 2.1, 4.2 (a 300x200 image): size=full, 150,, ,150, pct:50, 225,100, !225,100 "is 150,100 px"
    assertEquals("full/full/0/default.jpg", resolve2("full", "full", "0", "default.jpg", NONE));
    assertEquals("full/150,/0/default.jpg", resolve2("full", "150,", "0", "default.jpg", NONE));
    assertEquals("full/225,/0/default.jpg", resolve2("full", ",150", "0", "default.jpg", NONE));
    assertEquals("full/150,/0/default.jpg", resolve2("full", "pct:50", "0", "default.jpg", NONE));
    assertEquals(
        "full/225,100/0/default.jpg", resolve2("full", "225,100", "0", "default.jpg", NONE));
    assertEquals("full/150,/0/default.jpg", resolve2("full", "!225,100", "0", "default.jpg", NONE));
    // "size=max ... Assuming that the image has a maxWidth of 200px": canonical w, (the warning
    // under 4.2: "w, ... the canonical form of request for the max size, unless max is ... full")
    assertEquals(
        "full/200,/0/default.jpg",
        resolve2("full", "max", "0", "default.jpg", new Limits(200, 200, Long.MAX_VALUE)));
    assertEquals("full/full/0/default.jpg", resolve2("full", "max", "0", "default.jpg", NONE));
    // Upscaling needs no ^ (sizeAboveFull), within the limits.
    assertEquals("full/600,/0/default.jpg", resolve2("full", "600,", "0", "default.jpg", NONE));
    assertEquals("full/360,/0/default.jpg", resolve2("full", "pct:120", "0", "default.jpg", NONE));
    assertEquals("full/600,/0/default.jpg", resolve2("full", "!600,600", "0", "default.jpg", NONE));
    // Regions, rotation, quality and format are written as in 3.0.
    assertEquals(
        "125,15,120,140/full/!345/gray.jpg",
        resolve2("pct:41.6,7.5,40,70", "full", "!345.0", "gray.jpg", NONE));
    assertEquals(
        "50,0,200,200/100,/90/default.png", resolve2("square", "100,", "90", "default.png", NONE));
    // 2.1 has no ^; 3.0 has no full; a size past the limits is 404 in 2.1 (section 7), 400 in 3.0.
    assertEquals(
        400,
        assertThrows(ImageException.class, () -> resolve2("full", "^max", "0", "default.jpg", NONE))
            .status());
    assertEquals(
        400,
        assertThrows(ImageException.class, () -> resolve("full", "full", "0", "default.jpg", NONE))
            .status());
    Limits small = new Limits(200, 200, Long.MAX_VALUE);
    assertEquals(
        404,
        assertThrows(
                ImageException.class, () -> resolve2("full", "250,", "0", "default.jpg", small))
            .status());
    assertEquals(
        400,
        assertThrows(ImageException.class, () -> resolve("full", "250,", "0", "default.jpg", small))
            .status());
    assertEquals(
        400,
        assertThrows(
                ImageException.class, () -> resolve2("full", "pct:0.1", "0", "default.jpg", NONE))
            .status());
  }

  @Test
  void rotationIsCanonicalAsSection47Writes() {
    // "SHOULD be represented with a leading 0 if less than 1 ... SHOULD NOT include trailing zeros"
    assertEquals("22.5", Rotation.parse("22.50").canonical());
    assertEquals("!0.5", Rotation.parse("!0.500").canonical());
    assertEquals("90", Rotation.parse("90.0").canonical());
    assertEquals(1, Rotation.parse("90").quarterTurns());
    assertEquals(0, Rotation.parse("360").quarterTurns());
    assertEquals(-1, Rotation.parse("45").quarterTurns());
    // "consist only of decimal digits and '.' (e.g. 0.9 not +0.9)"
    assertThrows(ImageException.class, () -> Rotation.parse("+90"));
    assertThrows(ImageException.class, () -> Rotation.parse("360.5"));
  }

  @Test
  void imageIdsNamePagesOfRecords() {
    assertEquals(
        new ImageId("1950-06-25-report-p3", 12), ImageId.parse("1950-06-25-report-p3-p12"));
    for (String bad :
        new String[] {"x", "x-p0", "-p1", "../x-p1", "a/b-p1", "x-p1.jpg", ".hidden-p1"}) {
      assertEquals(404, assertThrows(ImageException.class, () -> ImageId.parse(bad)).status(), bad);
    }
  }
}
