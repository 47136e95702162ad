package org.dossier.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.CatalogWriter;
import org.dossier.config.Settings;
import org.dossier.http.DerivedStores;
import org.dossier.iiif.image.ImagePyramids;
import org.dossier.sample.SampleArchive;
import org.dossier.storage.LocalStore;
import org.dossier.storage.ObjectStore;
import org.dossier.storage.S3Store;
import org.dossier.storage.Storage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "rebuild",
    description =
        "Recreate what is derived from the catalog: the RDF store, the search index, missing sample scans and the image pyramids."
            + " Stop the server first: it holds the search index and the RDF store open.")
final class RebuildCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(
      names = "--refresh-stream",
      description =
          "Also re-issue every live record and collection in the IIIF Change Discovery streams,"
              + " after a Refresh activity, so that harvesters fetch every manifest again (after an"
              + " upgrade that writes manifests differently, say). Datestamps do not move.")
  boolean refreshStream;

  @Override
  public Integer call() throws Exception {
    Settings settings = common.settings();
    Path images = settings.dataDir().resolve("images");
    try (Catalog catalog = common.openCatalog(settings)) {
      // Every store's lock first: when a running server holds one, nothing is done and the user is
      // told.
      Runnable whenLocked =
          refreshStream
              ? () -> {
                try (CatalogWriter w = catalog.writer()) {
                  long n = w.refresh();
                  w.commit();
                  System.out.println(
                      "rebuilt: "
                          + n
                          + " resource(s) re-issued in the change streams after a Refresh");
                }
              }
              : () -> {};
      if (!DerivedStores.rebuild(settings, catalog, System.out, System.err, whenLocked)) {
        return Main.ENVIRONMENT;
      }
      int scans;
      // Into the bucket with storage.type=s3 (no tile cache: the client alone, as import opens it).
      try (ObjectStore root =
          Storage.isRemote(settings) ? S3Store.open(settings) : new LocalStore(images)) {
        scans =
            SampleArchive.fillScans(
                catalog, root instanceof S3Store bucket ? bucket.under("images") : root);
      }
      System.out.println("rebuilt: " + scans + " sample scan(s) rendered");
      ImagePyramids.Report report = ImagePyramids.rebuild(settings, catalog, images, System.err);
      System.out.println(
          "rebuilt: "
              + report.built()
              + " image pyramid(s) built, "
              + report.upToDate()
              + " up to date, "
              + report.failed()
              + " failed");
      return report.failed() == 0 ? 0 : Main.INVALID_INPUT;
    }
  }
}
