package org.dossier.oai;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * An OAI-PMH request parsed at the edge (sections 3.1 and 4): the verb and its arguments, each
 * checked for presence, repetition and syntax. Every argument problem is collected, so that one
 * response names them all as badArgument errors.
 *
 * @param from lower datestamp bound (inclusive), or null
 * @param until upper datestamp bound (inclusive), or null
 */
public record OaiRequest(
    Verb verb,
    String identifier,
    String metadataPrefix,
    DatestampArgument from,
    DatestampArgument until,
    String set,
    String resumptionToken) {

  /** Section 3.4: metadataPrefix characters. */
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9\\-_.!~*'()]+");

  /** Section 2.7.1: a setSpec, colon-separated levels of the same characters. */
  private static final Pattern SET_SPEC =
      Pattern.compile("[A-Za-z0-9\\-_.!~*'()]+(:[A-Za-z0-9\\-_.!~*'()]+)*");

  /**
   * Parses the arguments of a GET query or a POST form.
   *
   * @param arguments every argument name with all the values it was given
   * @throws OaiException badVerb, or badArgument with one failure per problem
   */
  public static OaiRequest parse(Map<String, List<String>> arguments) {
    List<String> verbs = arguments.getOrDefault("verb", List.of());
    if (verbs.isEmpty()) {
      throw OaiError.BAD_VERB.exception("The verb argument is missing.");
    }
    if (verbs.size() > 1) {
      throw OaiError.BAD_VERB.exception("The verb argument is repeated.");
    }
    Verb verb =
        Verb.named(verbs.get(0))
            .orElseThrow(
                () ->
                    OaiError.BAD_VERB.exception(
                        "'" + XmlText.clean(verbs.get(0)) + "' is not an OAI-PMH verb."));

    List<String> problems = new ArrayList<>();
    for (String name : new TreeSet<>(arguments.keySet())) {
      if (name.equals("verb")) {
        continue;
      }
      List<String> values = arguments.get(name);
      if (!verb.accepts(name)) {
        problems.add(
            verb.wireName() + " does not take the argument '" + XmlText.clean(name) + "'.");
      } else if (values.size() > 1) {
        problems.add("The argument '" + name + "' is repeated.");
      } else if (values.get(0).isEmpty()) {
        problems.add("The argument '" + name + "' is empty.");
      }
    }
    String token = single(arguments, "resumptionToken");
    if (token != null) {
      if (arguments.size() > 2) {
        problems.add(
            "resumptionToken is an exclusive argument: it takes no other argument but verb.");
      }
      if (!problems.isEmpty()) {
        throw badArguments(problems);
      }
      return new OaiRequest(verb, null, null, null, null, null, token);
    }
    for (String name : verb.required()) {
      if (!arguments.containsKey(name)) {
        problems.add(verb.wireName() + " requires the argument '" + name + "'.");
      }
    }
    String identifier = single(arguments, "identifier");
    if (identifier != null && !isUri(identifier)) {
      problems.add(
          "The identifier '" + XmlText.clean(identifier) + "' is not a URI (section 2.4).");
    }
    String prefix = single(arguments, "metadataPrefix");
    if (prefix != null && !PREFIX.matcher(prefix).matches()) {
      problems.add("'" + XmlText.clean(prefix) + "' is not a legal metadataPrefix (section 3.4).");
    }
    String set = single(arguments, "set");
    if (set != null && !SET_SPEC.matcher(set).matches()) {
      problems.add("'" + XmlText.clean(set) + "' is not a legal setSpec (section 2.7.1).");
    }
    DatestampArgument from = datestamp(arguments, "from", false, problems);
    DatestampArgument until = datestamp(arguments, "until", true, problems);
    if (from != null && until != null) {
      if (from.dayGranularity() != until.dayGranularity()) {
        problems.add("from and until must have the same granularity (section 3.3.1).");
      } else if (from.instant().isAfter(until.instant())) {
        problems.add("from is later than until.");
      }
    }
    if (!problems.isEmpty()) {
      throw badArguments(problems);
    }
    return new OaiRequest(verb, identifier, prefix, from, until, set, null);
  }

  public Instant fromInstant() {
    return from == null ? null : from.instant();
  }

  public Instant untilInstant() {
    return until == null ? null : until.instant();
  }

  private static DatestampArgument datestamp(
      Map<String, List<String>> arguments, String name, boolean upper, List<String> problems) {
    String text = single(arguments, name);
    if (text == null) {
      return null;
    }
    DatestampArgument parsed = DatestampArgument.parse(text, upper);
    if (parsed == null) {
      problems.add(
          "The "
              + name
              + " argument '"
              + XmlText.clean(text)
              + "' is not a UTC date YYYY-MM-DD or date and time YYYY-MM-DDThh:mm:ssZ (section 3.3.1).");
    }
    return parsed;
  }

  /**
   * The argument's one value; null when it is absent, or repeated or empty (problems reported
   * already).
   */
  private static String single(Map<String, List<String>> arguments, String name) {
    List<String> values = arguments.get(name);
    return values == null || values.size() != 1 || values.get(0).isEmpty() ? null : values.get(0);
  }

  private static boolean isUri(String text) {
    try {
      new URI(text);
      return true;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static OaiException badArguments(List<String> problems) {
    return new OaiException(
        problems.stream().map(p -> new OaiException.Failure(OaiError.BAD_ARGUMENT, p)).toList());
  }
}
