package org.dossier.web;

import java.util.List;
import org.dossier.search.Snippet;

/** The small values that page templates show, made by the resources from catalog and index data. */
public final class Views {
  private Views() {}

  /** A link with a label. */
  public record Link(String label, String url) {}

  /**
   * A document in a list: its date as shown, linked title and summary, with matches marked if
   * searched, and the places in its texts where a search matched.
   *
   * @param searchWithinUrl the search for the same words within this document only, or null
   */
  public record Document(
      String url,
      String date,
      Snippet title,
      Snippet summary,
      List<TextPlace> texts,
      String searchWithinUrl) {

    /** A document listed without places in its texts. */
    public Document(String url, String date, Snippet title, Snippet summary) {
      this(url, date, title, summary, List.of(), null);
    }
  }

  /**
   * A place in a document's text where a search matched: which text ("Transcript (Russian)") and
   * the words around.
   */
  public record TextPlace(String label, Snippet snippet) {}

  /**
   * One text on a document page, in its own section.
   *
   * @param anchor the section's id, for links to it
   * @param label "Transcript (Russian)", "Page 2 (OCR)"
   * @param language the text's ISO 639 code for the {@code lang} attribute, or null when unknown
   * @param dir "rtl" for a script written right to left, else null
   * @param plainUrl the text as {@code text/plain}, or null (a page's OCR)
   * @param paragraphs the text's paragraphs, the words a search matched marked
   * @param marks how many places are marked
   */
  public record TextSection(
      String anchor,
      String label,
      String language,
      String dir,
      String plainUrl,
      List<Snippet> paragraphs,
      int marks) {}

  /** A collection on the home page. */
  public record CollectionEntry(String url, String title, String description, long size) {}

  /** One value of a facet: its label, count, and the URL that toggles it as a filter. */
  public record FacetValue(String label, long count, String url, boolean selected) {}

  /** A facet: heading and values. */
  public record Facet(String heading, String id, List<FacetValue> values) {}

  /** A filter in force, with the URL that removes it. */
  public record ActiveFilter(String label, String removeUrl) {}

  /**
   * Links to the other pages of a list; {@code current} is 1-based; null URLs where there is none.
   */
  public record Pager(int current, int last, String previous, String next, List<PageLink> pages) {
    public boolean needed() {
      return last > 1;
    }
  }

  /** A numbered page link; a null url is a gap ("…"). */
  public record PageLink(int number, String url, boolean current) {}

  /** One of several mutually exclusive choices (an order), linked; the current one is marked. */
  public record Choice(String label, String url, boolean current) {}

  /** A hidden form field carrying a parameter through a form. */
  public record Hidden(String name, String value) {}
}
