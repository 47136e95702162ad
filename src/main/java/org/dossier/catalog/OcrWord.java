package org.dossier.catalog;

/** A word of a page's OCR and its box in the scan's pixels (TEMP contract stub). */
public record OcrWord(String text, int x, int y, int w, int h) {}
