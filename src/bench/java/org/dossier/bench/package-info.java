/**
 * Benchmarks, run as {@code java -jar target/dossier-bench.jar NAME}; each prints its figures one
 * per line. A source set of its own ({@code src/bench}), compiled with the tests and packed into
 * its own jar, so the server's jar carries none of it; like the wiring, it may use every package.
 */
package org.dossier.bench;
