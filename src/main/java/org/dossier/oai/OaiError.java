package org.dossier.oai;

import org.dossier.oai.xml.pmh.OAIPMHerrorcodeType;

/**
 * The eight error conditions of OAI-PMH 2.0 (section 3.6), each with its wire code and the meaning
 * the specification gives it.
 */
public enum OaiError {
  BAD_ARGUMENT(
      OAIPMHerrorcodeType.BAD_ARGUMENT,
      "The request includes illegal arguments, is missing required arguments, includes a repeated argument, or values for arguments have an illegal syntax."),
  BAD_RESUMPTION_TOKEN(
      OAIPMHerrorcodeType.BAD_RESUMPTION_TOKEN,
      "The value of the resumptionToken argument is invalid or expired."),
  BAD_VERB(
      OAIPMHerrorcodeType.BAD_VERB,
      "Value of the verb argument is not a legal OAI-PMH verb, the verb argument is missing, or the verb argument is repeated."),
  CANNOT_DISSEMINATE_FORMAT(
      OAIPMHerrorcodeType.CANNOT_DISSEMINATE_FORMAT,
      "The metadata format identified by the value given for the metadataPrefix argument is not supported by the item or by the repository."),
  ID_DOES_NOT_EXIST(
      OAIPMHerrorcodeType.ID_DOES_NOT_EXIST,
      "The value of the identifier argument is unknown or illegal in this repository."),
  NO_RECORDS_MATCH(
      OAIPMHerrorcodeType.NO_RECORDS_MATCH,
      "The combination of the values of the from, until, set and metadataPrefix arguments results in an empty list."),
  NO_METADATA_FORMATS(
      OAIPMHerrorcodeType.NO_METADATA_FORMATS,
      "There are no metadata formats available for the specified item."),
  NO_SET_HIERARCHY(OAIPMHerrorcodeType.NO_SET_HIERARCHY, "The repository does not support sets.");

  private final OAIPMHerrorcodeType code;
  private final String meaning;

  OaiError(OAIPMHerrorcodeType code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public OAIPMHerrorcodeType code() {
    return code;
  }

  /**
   * The specification's sentence for this condition, used when there is nothing more specific to
   * say.
   */
  public String meaning() {
    return meaning;
  }

  /**
   * True for the two conditions after which the {@code request} element must carry no attributes
   * (section 3.2: "in cases where the request that generated this response resulted in a badVerb or
   * badArgument error condition, the repository must return the base URL of the protocol request
   * only").
   */
  public boolean hidesRequest() {
    return this == BAD_VERB || this == BAD_ARGUMENT;
  }

  public OaiException exception(String message) {
    return new OaiException(java.util.List.of(new OaiException.Failure(this, message)));
  }
}
