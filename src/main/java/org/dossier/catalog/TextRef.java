package org.dossier.catalog;

/**
 * A record's text as its body lists it, without the text itself (TEMP contract stub until the
 * fulltext branch lands).
 *
 * @param kind "transcript", "translation" or "ocr-plain"
 * @param language ISO 639 code as imported
 * @param length the text's length in characters
 */
public record TextRef(String kind, String language, int length) {}
