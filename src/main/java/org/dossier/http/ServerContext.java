package org.dossier.http;

import java.nio.file.Path;
import org.dossier.catalog.Catalog;
import org.dossier.config.Settings;
import org.dossier.search.SearchIndex;

/**
 * What the HTTP resources share: the settings, the public base URL and, once it is open, the
 * catalog. Until then the server answers 503 to everything but {@code /health}.
 */
public final class ServerContext {
  private final Settings settings;
  private volatile String baseUrl;
  private volatile Catalog catalog;
  private volatile SearchIndex searchIndex;

  ServerContext(Settings settings) {
    this.settings = settings;
  }

  public Settings settings() {
    return settings;
  }

  /** The public base URL, without a trailing slash: every absolute link starts with it. */
  public String baseUrl() {
    return baseUrl;
  }

  void baseUrl(String url) {
    baseUrl = url;
  }

  public Path dataDir() {
    return settings.dataDir();
  }

  /** The image store: page scan paths in the catalog are relative to it. */
  public Path imageStore() {
    return dataDir().resolve("images");
  }

  /** The catalog; only called by resources, which run after {@link #isReady()}. */
  public Catalog catalog() {
    Catalog c = catalog;
    if (c == null) {
      throw new IllegalStateException("the catalog is not open yet");
    }
    return c;
  }

  void catalog(Catalog c) {
    catalog = c;
  }

  /** The search index, open from when the catalog is; it follows the catalog's change log. */
  public SearchIndex searchIndex() {
    SearchIndex s = searchIndex;
    if (s == null) {
      throw new IllegalStateException("the search index is not open yet");
    }
    return s;
  }

  void searchIndex(SearchIndex s) {
    searchIndex = s;
  }

  boolean hasSearchIndex() {
    return searchIndex != null;
  }

  public boolean isReady() {
    return catalog != null;
  }
}
