package org.dossier.web;

/** An error page: the status, a heading and a sentence for the reader; never internals. */
public record ErrorView(Page page, int status, String heading, String message) {}
