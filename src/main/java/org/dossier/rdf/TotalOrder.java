package org.dossier.rdf;

import org.eclipse.rdf4j.model.BNode;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Literal;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.model.base.CoreDatatype;
import org.eclipse.rdf4j.query.algebra.evaluation.util.ValueComparator;

/**
 * ORDER BY over a total order of RDF terms. rdf4j's own comparison of literals is not transitive
 * across kinds that SPARQL leaves unordered against each other (a date against a year, say, which
 * the archive's records mix): sorting more than a few dozen such rows then fails with "Comparison
 * method violates its general contract", a 500 for a well-formed query. Here every term has its
 * place: unbound, blank nodes, IRIs, then literals (the order SPARQL 1.1 §15.1 gives); literals by
 * kind (numbers, then dates and times, then booleans, then strings, then the rest), numbers by
 * value, dates and times by their ISO form (chronological for the years, months and days the
 * archive has), strings by code point, and ties broken by datatype and language so that no two
 * different terms compare equal.
 */
final class TotalOrder extends ValueComparator {
  @Override
  public int compare(Value a, Value b) {
    if (a == b) {
      return 0;
    }
    int byKind = Integer.compare(rank(a), rank(b));
    if (byKind != 0) {
      return byKind;
    }
    if (a instanceof Literal x && b instanceof Literal y) {
      return literals(x, y);
    }
    return a.stringValue().compareTo(b.stringValue());
  }

  private static int rank(Value v) {
    if (v == null) {
      return 0;
    }
    if (v instanceof BNode) {
      return 1;
    }
    if (v instanceof IRI) {
      return 2;
    }
    if (v instanceof Literal) {
      return 4;
    }
    return 3; // an RDF-star triple
  }

  private static int literals(Literal x, Literal y) {
    int gx = group(x);
    int gy = group(y);
    if (gx != gy) {
      return Integer.compare(gx, gy);
    }
    int c = 0;
    if (gx == NUMBER) {
      c = numbers(x, y);
    }
    if (c == 0) {
      c = x.getLabel().compareTo(y.getLabel());
    }
    if (c == 0) {
      c = x.getDatatype().stringValue().compareTo(y.getDatatype().stringValue());
    }
    if (c == 0) {
      c = x.getLanguage().orElse("").compareTo(y.getLanguage().orElse(""));
    }
    return c;
  }

  private static final int NUMBER = 0;
  private static final int TIME = 1;
  private static final int BOOLEAN = 2;
  private static final int STRING = 3;
  private static final int OTHER = 4;

  private static int group(Literal l) {
    CoreDatatype type = l.getCoreDatatype();
    if (type.isXSDDatatype()) {
      CoreDatatype.XSD xsd = type.asXSDDatatypeOrNull();
      if (xsd.isNumericDatatype() && valid(l)) {
        return NUMBER;
      }
      if (xsd.isCalendarDatatype()) {
        return TIME;
      }
      if (xsd == CoreDatatype.XSD.BOOLEAN) {
        return BOOLEAN;
      }
      if (xsd == CoreDatatype.XSD.STRING) {
        return STRING;
      }
      return OTHER;
    }
    return type == CoreDatatype.RDF.LANGSTRING ? STRING : OTHER;
  }

  /** A number whose label is not one (an ill-typed literal) is ordered with the others. */
  private static boolean valid(Literal l) {
    try {
      l.doubleValue();
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static int numbers(Literal x, Literal y) {
    CoreDatatype.XSD tx = x.getCoreDatatype().asXSDDatatypeOrNull();
    CoreDatatype.XSD ty = y.getCoreDatatype().asXSDDatatypeOrNull();
    boolean floating =
        tx == CoreDatatype.XSD.DOUBLE
            || tx == CoreDatatype.XSD.FLOAT
            || ty == CoreDatatype.XSD.DOUBLE
            || ty == CoreDatatype.XSD.FLOAT;
    if (floating) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    return x.decimalValue().compareTo(y.decimalValue());
  }
}
