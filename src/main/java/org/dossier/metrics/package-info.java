/**
 * What the server counts for {@code /metrics}: one registry per server, the counters each protocol
 * increments (it gets a {@link org.dossier.metrics.Metrics} through its feature's constructor) and
 * the HTTP request counters and latency histograms by route class. Uses no other package of ours,
 * so every protocol may use it.
 */
package org.dossier.metrics;
