package org.dossier.oai;

import java.util.Optional;
import java.util.Set;
import org.dossier.oai.xml.pmh.VerbType;

/**
 * The six OAI-PMH 2.0 verbs (section 4) with the arguments each takes: required, optional, and the
 * exclusive {@code resumptionToken} of the three list verbs.
 */
public enum Verb {
  GET_RECORD(VerbType.GET_RECORD, Set.of("identifier", "metadataPrefix"), Set.of(), false),
  IDENTIFY(VerbType.IDENTIFY, Set.of(), Set.of(), false),
  LIST_IDENTIFIERS(
      VerbType.LIST_IDENTIFIERS, Set.of("metadataPrefix"), Set.of("from", "until", "set"), true),
  LIST_METADATA_FORMATS(VerbType.LIST_METADATA_FORMATS, Set.of(), Set.of("identifier"), false),
  LIST_RECORDS(
      VerbType.LIST_RECORDS, Set.of("metadataPrefix"), Set.of("from", "until", "set"), true),
  LIST_SETS(VerbType.LIST_SETS, Set.of(), Set.of(), true);

  private final VerbType wire;
  private final Set<String> required;
  private final Set<String> optional;
  private final boolean resumable;

  Verb(VerbType wire, Set<String> required, Set<String> optional, boolean resumable) {
    this.wire = wire;
    this.required = required;
    this.optional = optional;
    this.resumable = resumable;
  }

  /** The verb named exactly so (verbs are case-sensitive), if there is one. */
  public static Optional<Verb> named(String name) {
    for (Verb v : values()) {
      if (v.wire.value().equals(name)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  public VerbType wire() {
    return wire;
  }

  public String wireName() {
    return wire.value();
  }

  public Set<String> required() {
    return required;
  }

  /** Whether this verb accepts the argument at all (the exclusive resumptionToken included). */
  public boolean accepts(String argument) {
    return required.contains(argument)
        || optional.contains(argument)
        || (resumable && argument.equals("resumptionToken"));
  }
}
