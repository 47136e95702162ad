package org.dossier.web;

import java.util.List;

/** A collection page: its title, description and one page of its documents in date order. */
public record CollectionView(
    Page page,
    String title,
    String description,
    long size,
    int first,
    int last,
    List<Views.Document> documents,
    Views.Pager pager) {}
