package org.dossier.rdf.web;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dossier.rdf.Vocab;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.Namespace;
import org.eclipse.rdf4j.model.Resource;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.model.util.Models;
import org.eclipse.rdf4j.model.vocabulary.DCTERMS;
import org.eclipse.rdf4j.model.vocabulary.RDFS;
import org.eclipse.rdf4j.model.vocabulary.SKOS;

/**
 * A plain HTML view of any description document: the thing's properties as a table, the other
 * resources of the document (a record's aggregation and page images) below, and the records that
 * link to it. The public pages of the site are richer; this view keeps the linked data browsable.
 */
final class DescriptionHtml {
  private DescriptionHtml() {}

  static void render(
      IRI thing, Model model, String archiveName, List<Alternate> alternates, OutputStream out) {
    String label = label(model, thing).orElse(thing.stringValue());
    try (Html h = new Html(out, label + " — " + archiveName, "en")) {
      for (Alternate a : alternates) {
        h.empty(
            "link", "rel", "alternate", "type", a.format().mediaType.toString(), "href", a.url());
      }
      h.body();
      h.element("h1", label);
      h.open("p").text("URI: ").link(thing.stringValue(), thing.stringValue()).end();
      h.open("p").text("This description as ");
      for (int i = 0; i < alternates.size(); i++) {
        Alternate a = alternates.get(i);
        h.link(a.url(), a.format().rio.getName());
        h.text(i + 1 < alternates.size() ? ", " : ".");
      }
      h.end();
      table(h, model, thing);
      Set<Resource> others = new LinkedHashSet<>();
      Set<Resource> linking = new LinkedHashSet<>();
      for (Statement s : model) {
        if (s.getSubject().equals(thing)) {
          continue;
        }
        if (thing.equals(s.getObject())) {
          linking.add(s.getSubject());
        } else if (!model.contains(thing, null, s.getSubject())) {
          continue;
        } else {
          others.add(s.getSubject());
        }
      }
      for (Resource other : others) {
        h.element("h2", label(model, other).orElse(other.stringValue()));
        table(h, model, other);
      }
      if (!linking.isEmpty()) {
        h.element("h2", "Records that name it (" + linking.size() + ")");
        h.open("ul");
        for (Resource r : linking) {
          h.open("li").link(r.stringValue(), label(model, r).orElse(r.stringValue())).end();
        }
        h.end();
      }
    }
  }

  private static void table(Html h, Model model, Resource subject) {
    Map<IRI, List<Value>> rows = new LinkedHashMap<>();
    for (Statement s : model.getStatements(subject, null, null)) {
      rows.computeIfAbsent(s.getPredicate(), p -> new ArrayList<>()).add(s.getObject());
    }
    h.open("table").open("tbody");
    for (Map.Entry<IRI, List<Value>> row : rows.entrySet()) {
      h.open("tr");
      h.open("th", "scope", "row").link(row.getKey().stringValue(), prefixed(row.getKey())).end();
      h.open("td");
      List<Value> values = row.getValue();
      for (int i = 0; i < values.size(); i++) {
        Value v = values.get(i);
        if (v.isIRI()) {
          h.link(v.stringValue(), label(model, (IRI) v).orElse(prefixed((IRI) v)));
        } else {
          h.text(v.stringValue());
        }
        if (i + 1 < values.size()) {
          h.empty("br");
        }
      }
      h.end().end();
    }
    h.end().end();
  }

  static Optional<String> label(Model model, Resource r) {
    for (IRI p : List.of(SKOS.PREF_LABEL, DCTERMS.TITLE, Vocab.SCHEMA_NAME, RDFS.LABEL)) {
      Optional<String> l = Models.objectString(model.getStatements(r, p, null));
      if (l.isPresent()) {
        return l;
      }
    }
    return Optional.empty();
  }

  private static String prefixed(IRI iri) {
    for (Namespace ns : Vocab.NAMESPACES) {
      if (iri.getNamespace().equals(ns.getName())) {
        return ns.getPrefix() + ":" + iri.getLocalName();
      }
    }
    return iri.stringValue();
  }

  /** Another representation of the same description: its format and URL. */
  record Alternate(RdfFormat format, String url) {}
}
