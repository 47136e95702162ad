package org.dossier.web;

import org.dossier.urls.Urls;

/**
 * What every page shows of the site: the archive's name, the OAI-PMH repository identifier that
 * record identifiers are built from, and the URLs every link is spelled by.
 */
public record Site(String archiveName, String oaiRepositoryIdentifier, Urls urls) {}
