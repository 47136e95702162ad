/**
 * Stores derived from the catalog (the search index, the RDF store, and whatever comes next) and
 * the one follower that keeps them in step with the catalog's change log: same poll interval, batch
 * size and start-up policy for all, lag reported in one place. A projection only says how to read
 * and apply a batch; when and how often is the follower's business.
 */
package org.dossier.projection;
