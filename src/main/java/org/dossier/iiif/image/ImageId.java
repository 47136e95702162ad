package org.dossier.iiif.image;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.urls.Urls;

/**
 * The identifier of an image service, read back: {@code {recordId}-p{n}} names page n (from 1) of a
 * record, as {@link Urls#imageId} writes it. Record ids never contain '/', so an identifier can
 * never name a path (Image API 3.0, <a href="https://iiif.io/api/image/3.0/#3-identifier">section
 * 3</a>, leaves its form to the server).
 */
public record ImageId(String recordId, int page) {
  private static final Pattern FORM =
      Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]{0,127})-p([1-9][0-9]{0,5})");

  /**
   * @throws ImageException 404 when the text is not an identifier this server could have issued
   */
  public static ImageId parse(String text) {
    Matcher m = text == null ? null : FORM.matcher(text);
    if (m == null || !m.matches()) {
      throw ImageException.notFound("no image '" + text + "'");
    }
    return new ImageId(m.group(1), Integer.parseInt(m.group(2)));
  }

  @Override
  public String toString() {
    return Urls.imageId(recordId, page);
  }
}
