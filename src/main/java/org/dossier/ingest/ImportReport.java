package org.dossier.ingest;

import java.io.PrintStream;
import java.util.List;

/**
 * What an import did: counts of records by outcome, collections written, and every problem found.
 *
 * @param committed false when nothing was written (problems without --skip-invalid)
 */
public record ImportReport(
    boolean committed,
    int read,
    int inserted,
    int updated,
    int unchanged,
    int collections,
    List<Problem> problems,
    double seconds) {

  public boolean ok() {
    return problems.isEmpty();
  }

  public void print(PrintStream out) {
    for (Problem p : problems) {
      out.println("invalid: " + p);
    }
    if (!committed) {
      out.printf(
          "import refused: %d invalid item(s) of %d read; nothing was written (use --skip-invalid to write the valid ones)%n",
          problems.size(), read);
      return;
    }
    out.printf(
        "imported %d item(s) in %.1f s: %d new, %d updated, %d unchanged records; %d collection(s)%s%n",
        read,
        seconds,
        inserted,
        updated,
        unchanged,
        collections,
        problems.isEmpty() ? "" : "; " + problems.size() + " invalid item(s) skipped");
  }
}
