package org.dossier.testing;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.query.Dataset;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.TDB2Factory;

/**
 * A real Apache Jena Fuseki on a free loopback port, over an in-memory TDB2 dataset whose default
 * graph is the union of its named graphs (as Dossier's own endpoint has it), for the remote-store
 * tests and the benchmark.
 */
public final class Fuseki implements AutoCloseable {
  private final FusekiServer server;

  private Fuseki(FusekiServer server) {
    this.server = server;
  }

  public static Fuseki start() {
    Dataset dataset = TDB2Factory.createDataset();
    dataset.getContext().set(TDB2.symUnionDefaultGraph, true);
    // A runaway query (the timeout tests send one) must not keep a core busy after the test.
    dataset.getContext().set(org.apache.jena.query.ARQ.queryTimeout, "5000");
    FusekiServer server =
        FusekiServer.create().loopback(true).port(0).add("/ds", dataset).build().start();
    return new Fuseki(server);
  }

  public String queryUrl() {
    return "http://127.0.0.1:" + server.getPort() + "/ds/query";
  }

  public String updateUrl() {
    return "http://127.0.0.1:" + server.getPort() + "/ds/update";
  }

  /** The graph store protocol endpoint, for loading a dump. */
  public String dataUrl() {
    return "http://127.0.0.1:" + server.getPort() + "/ds/data";
  }

  @Override
  public void close() {
    server.stop();
  }
}
