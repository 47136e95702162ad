package org.dossier.ingest;

import java.io.PrintStream;
import java.util.List;

/**
 * What an import did: counts of records by outcome, collections written, and every problem found.
 *
 * @param committed false when nothing was written (problems without --skip-invalid)
 * @param read items read
 * @param invalid items refused; each has one or more of the {@code problems}
 */
public record ImportReport(
    boolean committed,
    int read,
    int invalid,
    int inserted,
    int updated,
    int unchanged,
    int collections,
    List<Problem> problems,
    double seconds) {

  public boolean ok() {
    return problems.isEmpty();
  }

  /** "N problem(s)" when an item had more than one, so that the counts are not taken as items. */
  private String problemCount() {
    return problems.size() == invalid ? "" : " (" + problems.size() + " problems)";
  }

  public void print(PrintStream out) {
    for (Problem p : problems) {
      out.println("invalid: " + p);
    }
    if (!committed) {
      out.printf(
          "import refused: %d invalid item(s)%s of %d read; nothing was written (use --skip-invalid to write the valid ones)%n",
          invalid, problemCount(), read);
      return;
    }
    out.printf(
        "imported %d item(s) in %.1f s: %d new, %d updated, %d unchanged records; %d collection(s)%s%n",
        read - invalid,
        seconds,
        inserted,
        updated,
        unchanged,
        collections,
        problems.isEmpty() ? "" : "; " + invalid + " invalid item(s) skipped" + problemCount());
  }
}
