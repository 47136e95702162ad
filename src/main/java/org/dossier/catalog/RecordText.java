package org.dossier.catalog;

/**
 * One text of a record (TEMP contract stub until the fulltext branch lands).
 *
 * @param kind "transcript", "translation" or "ocr-plain"
 * @param language ISO 639 code as imported
 */
public record RecordText(String kind, String language, String text) {}
