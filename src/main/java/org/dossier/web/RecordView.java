package org.dossier.web;

import java.util.List;

/**
 * A document page: its description, where it belongs, and its machine-readable forms.
 *
 * @param type a link to the search for this type, or null
 * @param rights the rights statement, or null
 * @param texts the document's texts (or its pages' OCR), one section each
 * @param query the search the reader came from, whose matches the texts mark, or null
 * @param searchUrl where the "search in this document" form sends its query, or null when the
 *     document has no text to search
 */
public record RecordView(
    Page page,
    String title,
    String date,
    String summary,
    Views.Link type,
    List<Views.Link> people,
    List<Views.Link> places,
    List<String> subjects,
    List<String> languages,
    String source,
    String archive,
    Views.Link rights,
    List<Views.Link> collections,
    int pageCount,
    String manifest,
    String manifestDragAndDrop,
    String oaiRecord,
    String turtle,
    String viewerScript,
    String miradorScript,
    String iiifLogo,
    List<Views.TextSection> texts,
    String recordId,
    String query,
    String searchUrl) {}
