package org.dossier.search;

/**
 * A place in a record's text where a query matched, with the matching words marked.
 *
 * @param kind the text's kind: "transcript", "translation", "ocr-plain", or "ocr" for a page's OCR
 * @param language the text's ISO 639 code, or null when unknown
 * @param page the page (1-based) when the text is a page's OCR, else null
 * @param offset where the snippet starts in that text, in chars (for a page's OCR, in the page's
 *     {@code readingText()}), so places can be told apart and ordered
 */
public record TextSnippet(
    String kind, String language, Integer page, int offset, Snippet snippet) {}
