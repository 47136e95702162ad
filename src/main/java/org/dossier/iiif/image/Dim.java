package org.dossier.iiif.image;

/** A width and height in pixels. */
public record Dim(int w, int h) {}
