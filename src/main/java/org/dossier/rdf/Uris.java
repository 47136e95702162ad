package org.dossier.rdf;

import java.util.Optional;
import org.dossier.urls.Slugs;
import org.dossier.urls.ThingKind;
import org.dossier.urls.Urls;
import org.eclipse.rdf4j.model.IRI;

/**
 * The linked data's URIs as rdf4j IRIs, spelled by {@link Urls}. Things have URIs under {@code
 * /id/} (a record, a person, a place, a subject, a document type, a collection) and each is
 * described by a document under its own path ({@code /records/{id}}, {@code /people/{slug}}, …). A
 * thing's key is its catalog id, percent-encoded, or its name as a {@link Slugs#slug}.
 */
public final class Uris {
  private final Urls urls;

  public Uris(Urls urls) {
    this.urls = urls;
  }

  /** The URIs of a server whose public base URL is {@code baseUrl}. */
  public Uris(String baseUrl) {
    this(new Urls(baseUrl));
  }

  public Urls urls() {
    return urls;
  }

  /** The base URL, without a trailing slash: the store remembers which one it was projected for. */
  public String base() {
    return urls.base();
  }

  /**
   * The URI of a thing: {@code {base}/id/{kind}/{key}}; key is a ready segment ({@link
   * ThingKind#key}).
   */
  public IRI thing(ThingKind kind, String key) {
    return Vocab.VF.createIRI(urls.thing(kind, key));
  }

  public IRI record(String id) {
    return thing(ThingKind.RECORD, ThingKind.RECORD.key(id));
  }

  public IRI collection(String id) {
    return thing(ThingKind.COLLECTION, ThingKind.COLLECTION.key(id));
  }

  public IRI person(String name) {
    return thing(ThingKind.PERSON, ThingKind.PERSON.key(name));
  }

  public IRI place(String name) {
    return thing(ThingKind.PLACE, ThingKind.PLACE.key(name));
  }

  public IRI subject(String name) {
    return thing(ThingKind.SUBJECT, ThingKind.SUBJECT.key(name));
  }

  public IRI type(String type) {
    return thing(ThingKind.TYPE, ThingKind.TYPE.key(type));
  }

  /** The concept scheme of the document types. */
  public IRI typeScheme() {
    return Vocab.VF.createIRI(urls.things(ThingKind.TYPE));
  }

  /**
   * The description document of a thing (HTML or RDF by {@code Accept}); key as in {@link #thing}.
   */
  public String page(ThingKind kind, String key) {
    return urls.description(kind, key);
  }

  /** The named graph a thing's own triples live in: the thing's URI itself. */
  public IRI graph(ThingKind kind, String key) {
    return thing(kind, key);
  }

  /** The record's IIIF Presentation 3 manifest. */
  public String manifest(String recordId) {
    return urls.manifest(3, recordId);
  }

  /** The IIIF Image API service of page {@code n} (1-based) of a record. */
  public String imageService(String recordId, int n) {
    return urls.imageService(recordId, n);
  }

  /** A record's text of one kind and language, served as {@code text/plain}. */
  public IRI recordText(String recordId, String kind, String language) {
    return Vocab.VF.createIRI(urls.recordText(recordId, kind, language));
  }

  /** The dataset as VoID names it. */
  public IRI dataset() {
    return Vocab.VF.createIRI(urls.dataset());
  }

  /** The thing a URI under {@code /id/} names, or empty for any other URI. */
  public Optional<Thing> parse(String uri) {
    String prefix = urls.idSpace();
    if (!uri.startsWith(prefix)) {
      return Optional.empty();
    }
    String rest = uri.substring(prefix.length());
    int slash = rest.indexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    Optional<ThingKind> kind = ThingKind.ofIdSegment(rest.substring(0, slash));
    String key = rest.substring(slash + 1);
    if (kind.isEmpty() || key.isEmpty() || key.contains("/") || key.contains("#")) {
      return Optional.empty();
    }
    return Optional.of(new Thing(kind.get(), key));
  }

  /**
   * A thing named under {@code /id/}: its kind and key (percent-encoded catalog id or slug, as in
   * the URI).
   */
  public record Thing(ThingKind kind, String key) {}
}
