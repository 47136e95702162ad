package org.dossier.iiif.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.dossier.catalog.RecordJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One image's tile pyramid on disk: tiles {@code tiles/{scaleFactor}/{col}_{row}.jpg} at every
 * scale factor that info.json lists, and the full image at each listed size, {@code
 * sizes/{w}x{h}.jpg}. Its description is kept beside it in {@code pyramid.json}, with the source's
 * size and modification time so that a changed scan is noticed.
 *
 * @param dir the folder of this version of the pyramid on local storage; null on object storage
 * @param folder the same folder as a key in the pyramid store: {@code {scan path}/v-{version}}
 * @param bands 1 for a grayscale scan, 3 for colour
 * @param version names the source state and settings the pyramid was built from
 */
record Pyramid(
    Path dir,
    String folder,
    int width,
    int height,
    int bands,
    int tileSize,
    List<Integer> scaleFactors,
    List<Dim> sizes,
    String version,
    Instant built) {

  /**
   * Levels whose longest side spans at most this many tiles are also stored whole, and listed as
   * sizes.
   */
  static final int SIZE_TILES = 4;

  Pyramid {
    scaleFactors = List.copyOf(scaleFactors);
    sizes = List.copyOf(sizes);
  }

  /**
   * Powers of two from 1 until the whole image fits one tile, as the tiles of section 5.4 are
   * usually given (a viewer zooms out until one tile holds the image).
   */
  static List<Integer> scaleFactors(int width, int height, int tileSize) {
    List<Integer> factors = new ArrayList<>();
    for (int s = 1; ; s *= 2) {
      factors.add(s);
      if (ceilDiv(width, s) <= tileSize && ceilDiv(height, s) <= tileSize) {
        return factors;
      }
    }
  }

  /**
   * The sizes listed in info.json (section 5.3), smallest first: the small levels, inside the
   * limits.
   */
  static List<Dim> sizes(
      int width, int height, int tileSize, List<Integer> scaleFactors, Limits limits) {
    List<Dim> sizes = new ArrayList<>();
    for (int i = scaleFactors.size() - 1; i >= 0; i--) {
      Dim level = level(width, height, scaleFactors.get(i));
      if (Math.max(level.w(), level.h()) <= SIZE_TILES * tileSize
          && limits.allows(level.w(), level.h())) {
        sizes.add(level);
      }
    }
    return sizes;
  }

  /**
   * The size of the image at a scale factor: "ceil(width / s)" as in the tile calculation of the
   * implementation notes.
   */
  static Dim level(int width, int height, int scaleFactor) {
    return new Dim(ceilDiv(width, scaleFactor), ceilDiv(height, scaleFactor));
  }

  Dim level(int scaleFactor) {
    return level(width, height, scaleFactor);
  }

  static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  /** The name of a tile inside the pyramid's folder. */
  static String tile(int scaleFactor, int col, int row) {
    return "tiles/" + scaleFactor + "/" + col + "_" + row + ".jpg";
  }

  /** The name of a stored size inside the pyramid's folder. */
  static String size(Dim size) {
    return "sizes/" + size.w() + "x" + size.h() + ".jpg";
  }

  /** True when the level at this scale factor is stored whole as a size. */
  boolean hasWholeLevel(int scaleFactor) {
    return sizes.contains(level(scaleFactor));
  }

  /**
   * The name of the stored file that is exactly the answer to a request ({@link #tile}, {@link
   * #size}), or null when it must be computed: a tile as the implementation notes (section 3)
   * compute them, or a listed size of the full image, unrotated, in its own colours, as JPEG.
   */
  String storedFile(ImageRequest.Plan plan) {
    if (!plan.rotation().isIdentity()
        || !plan.quality().keepsPixels()
        || plan.format() != Format.JPG) {
      return null;
    }
    Rect r = plan.region();
    Dim out = plan.size();
    if (r.coversAll(width, height) && sizes.contains(out)) {
      return size(out);
    }
    for (int s : scaleFactors) {
      int span = tileSize * s;
      if (r.x() % span == 0
          && r.y() % span == 0
          && r.w() == Math.min(span, width - r.x())
          && r.h() == Math.min(span, height - r.y())
          && out.w() == ceilDiv(r.w(), s)
          && out.h() == ceilDiv(r.h(), s)) {
        return tile(s, r.x() / span, r.y() / span);
      }
    }
    return null;
  }

  // ---- pyramid.json ----

  void writeDescription(Path file) throws IOException {
    Path partial =
        Files.createTempFile(
            file.getParent(), Pyramids.PARTIAL_PREFIX + "pyramid-" + Pyramids.PID + "-", ".part");
    Files.write(partial, description());
    Files.move(
        partial,
        file,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /** The {@code pyramid.json} of this pyramid. */
  byte[] description() {
    ObjectNode node = RecordJson.MAPPER.createObjectNode();
    node.put("version", version);
    node.put("folder", folder.substring(folder.lastIndexOf('/') + 1));
    node.put("width", width);
    node.put("height", height);
    node.put("bands", bands);
    node.put("tileSize", tileSize);
    ArrayNode factors = node.putArray("scaleFactors");
    scaleFactors.forEach(factors::add);
    ArrayNode list = node.putArray("sizes");
    for (Dim d : sizes) {
      list.addObject().put("width", d.w()).put("height", d.h());
    }
    node.put("built", built.toString());
    return RecordJson.write(node).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * The pyramid a {@code pyramid.json} describes, or null when there is none or it cannot be read.
   */
  static Pyramid readDescription(Path file, String key) {
    try {
      return parse(Files.readString(file), file.getParent(), key);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The pyramid a {@code pyramid.json} describes, or null when it cannot be read.
   *
   * @param parent the local folder holding it, or null on object storage
   * @param key the scan's path, which names the pyramid's folder in the store
   */
  static Pyramid parse(String json, Path parent, String key) {
    try {
      JsonNode node = RecordJson.read(json);
      String name = node.get("folder").asString();
      List<Integer> factors = new ArrayList<>();
      node.get("scaleFactors").forEach(n -> factors.add(n.asInt()));
      List<Dim> sizes = new ArrayList<>();
      node.get("sizes")
          .forEach(n -> sizes.add(new Dim(n.get("width").asInt(), n.get("height").asInt())));
      return new Pyramid(
          parent == null ? null : parent.resolve(name),
          key + "/" + name,
          node.get("width").asInt(),
          node.get("height").asInt(),
          node.get("bands").asInt(),
          node.get("tileSize").asInt(),
          factors,
          sizes,
          node.get("version").asString(),
          Instant.parse(node.get("built").asString()));
    } catch (RuntimeException e) {
      return null;
    }
  }
}
