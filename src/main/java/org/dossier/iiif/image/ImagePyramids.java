package org.dossier.iiif.image;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.Position;
import org.dossier.catalog.Record;
import org.dossier.catalog.ScanLocks;
import org.dossier.catalog.Selection;
import org.dossier.config.Settings;
import org.dossier.storage.Storage;

/**
 * The {@code rebuild} command's part: the pyramid of every page of every live record, built unless
 * current.
 */
public final class ImagePyramids {
  private ImagePyramids() {}

  /** What a rebuild did. */
  public record Report(int built, int upToDate, int failed) {}

  /**
   * @param log where a line per failed page goes
   */
  public static Report rebuild(Settings settings, Catalog catalog, Path imageStore, PrintStream log)
      throws IOException {
    // On object storage the command keeps no tile cache of its own, and never empties the one of a
    // server running beside it.
    Settings own =
        Storage.isRemote(settings)
            ? settings
                .with(
                    Settings.STORAGE_CACHE_DIR,
                    settings.dataDir().resolve("work").resolve("rebuild-cache").toString())
                .with(Settings.STORAGE_CACHE_MB, "0")
            : settings;
    try (Storage storage = Storage.open(own, imageStore)) {
      return rebuild(settings, catalog, imageStore, storage, log);
    }
  }

  private static Report rebuild(
      Settings settings, Catalog catalog, Path imageStore, Storage storage, PrintStream log)
      throws IOException {
    Pyramids pyramids =
        Pyramids.of(
            settings, null, org.dossier.metrics.Metrics.NONE, storage, new ScanLocks(catalog));
    ImageSources sources =
        new ImageSources(
            catalog, imageStore, storage.remote() ? storage.scans() : null, PendingScans.NONE);
    int built = 0;
    int current = 0;
    int failed = 0;
    Position after = null;
    while (true) {
      List<Record> page = catalog.list(Selection.ALL, after, 200);
      if (page.isEmpty()) {
        return new Report(built, current, failed);
      }
      for (Record r : page) {
        if (r.deleted()) {
          continue;
        }
        for (int n = 1; n <= r.pages().size(); n++) {
          ImageId id = new ImageId(r.id(), n);
          try {
            ImageSources.Source source = sources.resolve(id);
            if (pyramids.ensure(source) == Pyramids.Outcome.BUILT) {
              built++;
            } else {
              current++;
            }
          } catch (ImageException e) {
            failed++;
            log.println("image " + id + ": " + e.getMessage());
          }
        }
      }
      after = Position.after(page.get(page.size() - 1));
    }
  }
}
