package org.dossier.rdf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.rdf4j.model.IRI;

/**
 * Every URI of the linked data, built from the public base URL. Things have URIs under
 * {@code /id/} (a record, a person, a place, a subject, a document type, a collection) and each
 * is described by a document under its own path ({@code /records/{id}}, {@code /people/{slug}},
 * …). Names become path segments through {@link #slug}, which is reversible.
 */
public final class Uris {

  /** The kinds of things with URIs of their own: path segment under {@code /id/} and of the description. */
  public enum Kind {
    RECORD("record", "records"),
    PERSON("person", "people"),
    PLACE("place", "places"),
    SUBJECT("subject", "subjects"),
    TYPE("type", "types"),
    COLLECTION("collection", "collections");

    public final String idSegment;
    public final String pageSegment;

    Kind(String idSegment, String pageSegment) {
      this.idSegment = idSegment;
      this.pageSegment = pageSegment;
    }

    public static Optional<Kind> ofIdSegment(String segment) {
      for (Kind k : values()) {
        if (k.idSegment.equals(segment)) {
          return Optional.of(k);
        }
      }
      return Optional.empty();
    }

    /** Records and collections are named by their catalog id; the others by a name turned into a slug. */
    public boolean namedByCatalogId() {
      return this == RECORD || this == COLLECTION;
    }
  }

  private final String base;

  public Uris(String baseUrl) {
    this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  public String base() {
    return base;
  }

  /** The URI of a thing: {@code {base}/id/{kind}/{key}}; key is a catalog id or a slug. */
  public IRI thing(Kind kind, String key) {
    return Vocab.VF.createIRI(base + "/id/" + kind.idSegment + "/" + key);
  }

  public IRI record(String id) {
    return thing(Kind.RECORD, id);
  }

  public IRI collection(String id) {
    return thing(Kind.COLLECTION, id);
  }

  public IRI person(String name) {
    return thing(Kind.PERSON, slug(name));
  }

  public IRI place(String name) {
    return thing(Kind.PLACE, slug(name));
  }

  public IRI subject(String name) {
    return thing(Kind.SUBJECT, slug(name));
  }

  public IRI type(String type) {
    return thing(Kind.TYPE, slug(type));
  }

  /** The description document of a thing (HTML or RDF by {@code Accept}). */
  public String page(Kind kind, String key) {
    return base + "/" + kind.pageSegment + "/" + key;
  }

  /** The named graph a thing's own triples live in: the thing's URI itself. */
  public IRI graph(Kind kind, String key) {
    return thing(kind, key);
  }

  public String manifest(String recordId) {
    return base + "/iiif/3/" + recordId + "/manifest";
  }

  /** The IIIF Image API service of page {@code n} (1-based) of a record. */
  public String imageService(String recordId, int n) {
    return base + "/iiif/image/3/" + org.dossier.urls.Urls.imageId(recordId, n);
  }

  public String sparqlEndpoint() {
    return base + "/sparql";
  }

  public String dump(String file) {
    return base + "/dumps/" + file;
  }

  public String voidDocument() {
    return base + "/.well-known/void";
  }

  /** The dataset as VoID names it. */
  public IRI dataset() {
    return Vocab.VF.createIRI(base + "/.well-known/void#dataset");
  }

  /** The thing a URI under {@code /id/} names, or empty for any other URI. */
  public Optional<Thing> parse(String uri) {
    String prefix = base + "/id/";
    if (!uri.startsWith(prefix)) {
      return Optional.empty();
    }
    String rest = uri.substring(prefix.length());
    int slash = rest.indexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    Optional<Kind> kind = Kind.ofIdSegment(rest.substring(0, slash));
    String key = rest.substring(slash + 1);
    if (kind.isEmpty() || key.isEmpty() || key.contains("/") || key.contains("#")) {
      return Optional.empty();
    }
    return Optional.of(new Thing(kind.get(), key));
  }

  /** A thing named under {@code /id/}: its kind and key (catalog id or slug, as in the URI). */
  public record Thing(Kind kind, String key) {}

  /**
   * Turns a name into a path segment the way Wikipedia titles do: spaces become underscores,
   * letters, digits, '-', '.', '~' stay, everything else (an underscore included) is
   * percent-encoded as UTF-8. Reversible by {@link #unslug}, so two different names never share a
   * URI and the name can be read back from the URI.
   */
  public static String slug(String name) {
    StringBuilder s = new StringBuilder(name.length() + 8);
    for (byte b : name.strip().getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c == ' ') {
        s.append('_');
      } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '~') {
        s.append((char) c);
      } else {
        s.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return s.toString();
  }

  /**
   * The name a slug stands for, or empty when the text is not a slug {@link #slug} could have
   * written (so that each thing is served under one URI only).
   */
  public static Optional<String> unslug(String slug) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < slug.length(); i++) {
      char c = slug.charAt(i);
      if (c == '_') {
        bytes.write(' ');
      } else if (c == '%' && i + 2 < slug.length()) {
        int hi = Character.digit(slug.charAt(i + 1), 16);
        int lo = Character.digit(slug.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return Optional.empty();
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else if (c < 128) {
        bytes.write(c);
      } else {
        return Optional.empty();
      }
    }
    String name = bytes.toString(StandardCharsets.UTF_8);
    return !name.isBlank() && slug(name).equals(slug) ? Optional.of(name) : Optional.empty();
  }
}
