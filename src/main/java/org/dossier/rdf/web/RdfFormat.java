package org.dossier.rdf.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Variant;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import org.dossier.rdf.Vocab;
import org.eclipse.rdf4j.model.Namespace;
import org.eclipse.rdf4j.rio.RDFFormat;
import org.eclipse.rdf4j.rio.RDFWriter;
import org.eclipse.rdf4j.rio.Rio;
import org.eclipse.rdf4j.rio.helpers.BasicWriterSettings;
import org.eclipse.rdf4j.rio.helpers.JSONLDMode;
import org.eclipse.rdf4j.rio.helpers.JSONLDSettings;

/**
 * The RDF serializations Dossier serves, each with its media type and the file extension of its
 * description URLs ({@code /records/{id}.ttl}). Writers come from rdf4j's Rio registry.
 */
public enum RdfFormat {
  TURTLE(RDFFormat.TURTLE, "text/turtle", "ttl"),
  JSONLD(RDFFormat.JSONLD, "application/ld+json", "jsonld"),
  RDFXML(RDFFormat.RDFXML, "application/rdf+xml", "rdf"),
  NTRIPLES(RDFFormat.NTRIPLES, "application/n-triples", "nt");

  public final RDFFormat rio;
  public final MediaType mediaType;
  public final String extension;

  RdfFormat(RDFFormat rio, String mediaType, String extension) {
    this.rio = rio;
    this.mediaType = MediaType.valueOf(mediaType);
    this.extension = extension;
  }

  public static Optional<RdfFormat> ofExtension(String ext) {
    for (RdfFormat f : values()) {
      if (f.extension.equals(ext)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  public static Optional<RdfFormat> ofMediaType(MediaType type) {
    for (RdfFormat f : values()) {
      if (f.mediaType.isCompatible(type) && !type.isWildcardType() && !type.isWildcardSubtype()) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The Content-Type of a response: UTF-8 where the format has a charset parameter. */
  public String contentType() {
    return this == RDFXML || this == TURTLE || this == NTRIPLES
        ? mediaType + ";charset=utf-8"
        : mediaType.toString();
  }

  /** A writer with Dossier's prefixes (and, where the format can, pretty printing) started. */
  public RDFWriter writer(OutputStream out, boolean pretty) {
    RDFWriter w = Rio.createWriter(rio, out);
    w.getWriterConfig().set(BasicWriterSettings.PRETTY_PRINT, pretty);
    w.getWriterConfig().set(BasicWriterSettings.INLINE_BLANK_NODES, false);
    if (this == JSONLD) {
      w.getWriterConfig().set(JSONLDSettings.JSONLD_MODE, JSONLDMode.COMPACT);
    }
    w.startRDF();
    if (this != NTRIPLES) {
      for (Namespace ns : Vocab.NAMESPACES) {
        w.handleNamespace(ns.getPrefix(), ns.getName());
      }
    }
    return w;
  }

  public static List<RdfFormat> all() {
    return List.of(values());
  }

  /** The formats as variants for choosing one by {@code Accept}, in order of preference. */
  public static List<Variant> variants() {
    return all().stream().map(f -> new Variant(f.mediaType, (String) null, null)).toList();
  }
}
