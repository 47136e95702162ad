package org.dossier.web;

import java.util.List;

/**
 * A document page: its description, where it belongs, and its machine-readable forms.
 *
 * @param type a link to the search for this type, or null
 * @param rights the rights statement, or null
 */
public record RecordView(Page page, String title, String date, String summary, Views.Link type,
    List<Views.Link> people, List<Views.Link> places, List<String> subjects, List<String> languages,
    String source, String archive, Views.Link rights, List<Views.Link> collections, int pageCount,
    String manifest, String manifestDragAndDrop, String oaiRecord, String turtle, String viewerScript,
    String miradorScript, String iiifLogo) {}
