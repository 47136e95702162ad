package org.dossier.web;

import java.util.List;

/** The home page: the archive's collections and its most recently added documents. */
public record HomeView(
    Page page,
    List<Views.CollectionEntry> collections,
    List<Views.Document> recent,
    long documents) {}
