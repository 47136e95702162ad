package org.dossier.catalog;

import java.time.Instant;

/**
 * Which records a listing walks, as OAI-PMH selective harvesting asks: a datestamp range (both
 * ends inclusive, either open) and at most one set. Sets are {@code collection} (records in any
 * collection), {@code collection:ID}, {@code type} (records with any type) or {@code type:KEY}.
 */
public record Selection(Instant from, Instant until, String set) {

  public static final Selection ALL = new Selection(null, null, null);
}
