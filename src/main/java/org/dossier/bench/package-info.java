/** Benchmarks, run as {@code dossier bench NAME}; each prints its figures one per line. */
package org.dossier.bench;
