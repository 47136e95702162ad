package org.dossier.oai;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.dossier.catalog.ArchiveCollection;
import org.dossier.catalog.ReadReplica;
import org.dossier.oai.xml.dc.ElementType;
import org.dossier.oai.xml.oaidc.Dc;
import org.dossier.oai.xml.pmh.DescriptionType;
import org.dossier.oai.xml.pmh.ListSetsType;
import org.dossier.oai.xml.pmh.SetType;

/**
 * ListSets (section 4.6): the two set hierarchies in setSpec order, paged like the other lists with
 * a token that carries the last setSpec sent. A collection's set describes itself with its title
 * and description in oai_dc.
 */
final class ListSets {
  private static final org.dossier.oai.xml.dc.ObjectFactory DC =
      new org.dossier.oai.xml.dc.ObjectFactory();

  private final OaiRepository repository;

  ListSets(OaiRepository repository) {
    this.repository = repository;
  }

  ListSetsType answer(OaiRequest request, Instant now) {
    String after = null;
    long cursor = 0;
    Long knownSize = null;
    if (request.resumptionToken() != null) {
      ResumptionToken token = repository.signer.verify(request.resumptionToken(), now);
      // A replica may answer only once it holds what the previous page was read from (it was
      // served within the second before the token's issue time, which is to the second).
      ReadReplica.requireUpTo(token.expires().minus(repository.tokenLifetime).plusSeconds(1));
      if (token.verb() != Verb.LIST_SETS) {
        throw OaiError.BAD_RESUMPTION_TOKEN.exception(
            "This resumptionToken continues " + token.verb().wireName() + ", not ListSets.");
      }
      after = token.afterId();
      cursor = token.cursor();
      knownSize = token.completeListSize();
    }
    List<SetType> all = allSets();
    int start = 0;
    if (after != null) {
      while (start < all.size() && all.get(start).getSetSpec().compareTo(after) <= 0) {
        start++;
      }
    }
    List<SetType> page = all.subList(start, Math.min(all.size(), start + repository.pageSize));
    if (page.isEmpty()) {
      throw OaiError.NO_RECORDS_MATCH.exception(
          "No sets remain after this resumptionToken's position.");
    }
    ListSetsType list = new ListSetsType();
    list.getSets().addAll(page);
    boolean more = start + page.size() < all.size();
    long size = knownSize == null ? all.size() : knownSize;
    if (more) {
      ResumptionToken next =
          new ResumptionToken(
              Verb.LIST_SETS,
              null,
              null,
              null,
              null,
              null,
              page.get(page.size() - 1).getSetSpec(),
              cursor + page.size(),
              size,
              now.plus(repository.tokenLifetime));
      list.setResumptionToken(
          Tokens.element(repository.signer.sign(next), cursor, size, next.expires()));
    } else if (request.resumptionToken() != null) {
      list.setResumptionToken(Tokens.element("", cursor, size, null));
    }
    return list;
  }

  private List<SetType> allSets() {
    List<SetType> sets = new ArrayList<>();
    sets.add(set(SetSpecs.COLLECTION, "Collections", null));
    for (ArchiveCollection c : repository.catalog.collections()) {
      sets.add(set(SetSpecs.collection(c.id()), c.title(), c.description()));
    }
    sets.add(set(SetSpecs.TYPE, "Document types", null));
    for (Map.Entry<String, String> type : repository.catalog.types().entrySet()) {
      sets.add(set(SetSpecs.type(type.getKey()), type.getValue(), null));
    }
    sets.sort(Comparator.comparing(SetType::getSetSpec));
    return sets;
  }

  private static SetType set(String spec, String name, String description) {
    SetType set = new SetType();
    set.setSetSpec(spec);
    set.setSetName(XmlText.clean(name));
    if (description != null && !description.isBlank()) {
      Dc dc = new Dc();
      dc.setSchemaLocation(MetadataFormat.OAI_DC.schemaLocation());
      ElementType text = new ElementType();
      text.setValue(XmlText.clean(description));
      dc.getTitlesAndCreatorsAndSubjects().add(DC.createDescription(text));
      DescriptionType container = new DescriptionType();
      container.setAny(dc);
      set.getSetDescriptions().add(container);
    }
    return set;
  }
}
