package org.dossier.search;

/** One value of a facet and how many of the results carry it. */
public record FacetCount(String value, long count) {}
