package org.dossier.bench;

import java.nio.file.Path;

/**
 * A third-party SPARQL server that the {@code rdf} benchmark measures beside Dossier's endpoint,
 * loaded with Dossier's own dump. Found through {@link java.util.ServiceLoader}; none ships in the
 * jars (Apache Jena Fuseki is a test dependency), so {@code bench/rdf.sh} runs the benchmark on the
 * test class path where one is registered.
 */
public interface ReferenceEndpoint extends AutoCloseable {
  /** The server's name and version, as the figures name it. */
  String name();

  /**
   * Starts the server on a loopback port, loads a gzipped N-Triples dump into its default graph.
   *
   * @return the URL of its SPARQL query endpoint
   */
  String start(Path ntriplesGz, Path workDir) throws Exception;

  @Override
  void close();
}
