package org.dossier.rdf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dossier.rdf.Uris.Thing;
import org.dossier.urls.ThingKind;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.Resource;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.model.impl.LinkedHashModel;
import org.eclipse.rdf4j.model.vocabulary.DCTERMS;
import org.eclipse.rdf4j.repository.RepositoryConnection;
import org.eclipse.rdf4j.repository.RepositoryResult;

/**
 * The description document of a thing, read from the store: its own graph, plus what makes the
 * document readable on its own. For a record, the graphs of the people, places, subjects, type and
 * collections it names (so their labels come along); for the others, the records that name them (at
 * most {@code rdf.description-max-links}), with their titles.
 */
public final class Descriptions {
  /** Titles are added for this many linking records. */
  static final int TITLED_LINKS = 500;

  private final RdfStore store;
  private final Uris uris;
  private final int maxLinks;

  /**
   * @param maxLinks the most records linking to a thing that its description lists (a type of a
   *     million documents must not build a million-statement document per request); the full list
   *     is a SPARQL query away
   */
  public Descriptions(RdfStore store, Uris uris, int maxLinks) {
    this.store = store;
    this.uris = uris;
    this.maxLinks = maxLinks;
  }

  /** The thing's description, or empty when the store holds nothing about it. */
  public Optional<Model> describe(Thing thing) {
    IRI iri = uris.thing(thing.kind(), thing.key());
    try (RepositoryConnection c = store.connection()) {
      Model m = new LinkedHashModel();
      add(c, iri, m);
      if (m.isEmpty()) {
        return Optional.empty();
      }
      if (thing.kind() == ThingKind.RECORD) {
        List<IRI> linked = new ArrayList<>();
        for (Statement s : m.getStatements(iri, null, null)) {
          if (s.getObject().isIRI()) {
            uris.parse(s.getObject().stringValue()).ifPresent(t -> linked.add((IRI) s.getObject()));
          }
        }
        for (IRI other : linked.stream().distinct().toList()) {
          add(c, other, m);
        }
      } else {
        IRI link = RecordRdf.linkPredicate(thing.kind());
        List<Resource> records = new ArrayList<>();
        try (RepositoryResult<Statement> r = c.getStatements(null, link, iri, false)) {
          for (Statement s : r) {
            if (records.size() >= maxLinks) {
              break;
            }
            m.add(s.getSubject(), s.getPredicate(), s.getObject());
            records.add(s.getSubject());
          }
        }
        for (Resource rec : records.subList(0, Math.min(records.size(), TITLED_LINKS))) {
          try (RepositoryResult<Statement> r = c.getStatements(rec, DCTERMS.TITLE, null, false)) {
            r.forEach(s -> m.add(s.getSubject(), s.getPredicate(), s.getObject()));
          }
        }
      }
      return Optional.of(m);
    }
  }

  /** Whether the store holds the thing's own graph (cheap: one lookup, no description built). */
  public boolean exists(Thing thing) {
    IRI iri = uris.thing(thing.kind(), thing.key());
    try (RepositoryConnection c = store.connection()) {
      return c.hasStatement(iri, null, null, false, iri);
    }
  }

  private void add(RepositoryConnection c, IRI graph, Model m) {
    for (Statement s : store.graph(c, graph)) {
      m.add(s.getSubject(), s.getPredicate(), s.getObject());
    }
  }
}
