package org.dossier.testing;

import java.nio.file.Path;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.query.ARQ;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.dossier.bench.ReferenceEndpoint;

/**
 * Apache Jena Fuseki for the {@code rdf} benchmark: a TDB2 database on disk (as LMDB is for
 * Dossier), filled by TDB2's phased bulk loader from Dossier's N-Triples dump, served on a loopback
 * port with the same 30 s query timeout.
 */
public final class FusekiReference implements ReferenceEndpoint {
  private FusekiServer server;

  @Override
  public String name() {
    return "Apache Jena Fuseki " + org.apache.jena.Jena.VERSION + " (TDB2)";
  }

  @Override
  public String start(Path ntriplesGz, Path workDir) {
    // Fuseki logs two lines per request; Dossier logs none. Measure the servers, not their logs.
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.jena", "warn");
    DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(workDir.resolve("tdb2").toString());
    DataLoader loader = LoaderFactory.phasedLoader(dsg, (format, args) -> {});
    loader.startBulk();
    loader.load(ntriplesGz.toString());
    loader.finishBulk();
    dsg.getContext().set(ARQ.queryTimeout, "30000");
    server = FusekiServer.create().loopback(true).port(0).add("/ds", dsg).build().start();
    return "http://127.0.0.1:" + server.getPort() + "/ds/query";
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop();
    }
  }
}
