package org.dossier.oai;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dossier.catalog.Position;
import org.dossier.catalog.ReadReplica;
import org.dossier.catalog.Record;
import org.dossier.catalog.Renditions;
import org.dossier.catalog.Selection;
import org.dossier.oai.xml.pmh.ListIdentifiersType;
import org.dossier.oai.xml.pmh.ListRecordsType;
import org.dossier.oai.xml.pmh.OAIPMH;
import org.dossier.oai.xml.pmh.ResumptionTokenType;

/**
 * ListRecords and ListIdentifiers (sections 4.5 and 4.3): a page of the selection in (datestamp,
 * id) order, read by keyset after the token's position (never by offset), so a page a million
 * records deep costs what the first does. The first page freezes {@code until} at the request time,
 * so a record changed during the harvest is left for the next incremental harvest rather than sent
 * twice.
 */
final class ListRecords {
  private final OaiRepository repository;

  ListRecords(OaiRepository repository) {
    this.repository = repository;
  }

  ListIdentifiersType identifiers(OaiRequest request, Instant now) {
    Page page = page(request, Verb.LIST_IDENTIFIERS, now, false);
    ListIdentifiersType list = new ListIdentifiersType();
    for (Record r : page.records) {
      list.getHeaders().add(repository.header(r));
    }
    list.setResumptionToken(page.token);
    return list;
  }

  /**
   * A page of records: each one's stored rendition when it is current, otherwise rendered now; the
   * envelope gets an empty ListRecords element with the token, which the records are written into.
   */
  OaiResponses.Rendered records(
      OaiRequest request, Instant now, OAIPMH response, boolean deflated) {
    Page page = page(request, Verb.LIST_RECORDS, now, deflated);
    List<byte[]> records = new ArrayList<>(page.listed.size());
    List<byte[]> pieces = new ArrayList<>(page.listed.size());
    CollectionTitles titles = null;
    for (Renditions.Listed l : page.listed) {
      pieces.add(l.deflated());
      if (l.xml() != null) {
        records.add(l.xml());
      } else {
        if (titles == null) {
          titles = new CollectionTitles(repository.catalog);
        }
        records.add(repository.renderer.render(l.record(), page.format, titles));
      }
    }
    ListRecordsType list = new ListRecordsType();
    list.setResumptionToken(page.token);
    response.setListRecords(list);
    return new OaiResponses.Rendered("ListRecords", records, pieces);
  }

  /**
   * A page: its records (ListIdentifiers) or its records with their renditions (ListRecords), one
   * of the two.
   */
  private record Page(
      List<Record> records,
      List<Renditions.Listed> listed,
      MetadataFormat format,
      ResumptionTokenType token) {}

  /** The records of a page after {@code after}, and one more to tell whether more follow. */
  private List<Renditions.Listed> listed(
      Selection selection,
      Position after,
      MetadataFormat format,
      long generation,
      boolean deflated) {
    return repository
        .catalog
        .renditions()
        .list(selection, after, repository.pageSize + 1, format.prefix(), generation, deflated);
  }

  private Page page(OaiRequest request, Verb verb, Instant now, boolean deflated) {
    MetadataFormat format;
    String set;
    Instant from;
    Instant until;
    Position after = null;
    long cursor = 0;
    long size = -1;
    boolean resumed = request.resumptionToken() != null;
    if (resumed) {
      ResumptionToken token = repository.signer.verify(request.resumptionToken(), now);
      // A replica may answer only once it holds what the previous page was read from (it was
      // served within the second before the token's issue time, which is to the second).
      ReadReplica.requireUpTo(token.expires().minus(repository.tokenLifetime).plusSeconds(1));
      if (token.verb() != verb) {
        throw OaiError.BAD_RESUMPTION_TOKEN.exception(
            "This resumptionToken continues "
                + token.verb().wireName()
                + ", not "
                + verb.wireName()
                + ".");
      }
      format =
          MetadataFormat.byPrefix(token.metadataPrefix())
              .orElseThrow(
                  () ->
                      OaiError.BAD_RESUMPTION_TOKEN.exception(
                          "This resumptionToken names a format no longer disseminated."));
      set = token.set();
      from = token.from();
      until = token.until();
      after = new Position(token.afterDatestamp(), token.afterId());
      cursor = token.cursor();
      size = token.completeListSize();
    } else {
      format = MetadataFormat.require(request.metadataPrefix());
      set = request.set();
      from = request.fromInstant();
      until = request.untilInstant() == null ? now : request.untilInstant();
    }
    Optional<Selection.Scope> scope = SetSpecs.scope(set);
    if (scope.isEmpty()) {
      throw OaiError.NO_RECORDS_MATCH.exception(
          "This repository has no set '" + XmlText.clean(set) + "'.");
    }
    Selection selection = new Selection(from, until, scope.get());
    int pageSize = repository.pageSize;
    List<Record> records = null;
    List<Renditions.Listed> listed = null;
    List<Position> positions;
    long generation = repository.renditionGeneration();
    if (verb == Verb.LIST_RECORDS) {
      listed =
          resumed
              ? repository.readAhead.take(
                  new ReadAhead.Key(format.prefix(), selection, after, generation, deflated))
              : null;
      if (listed == null) {
        listed = listed(selection, after, format, generation, deflated);
      }
      positions = listed.stream().map(l -> new Position(l.datestamp(), l.id())).toList();
    } else {
      records = repository.catalog.list(selection, after, pageSize + 1);
      positions = records.stream().map(r -> new Position(r.datestamp(), r.id())).toList();
    }
    if (positions.isEmpty()) {
      throw OaiError.NO_RECORDS_MATCH.exception(
          resumed
              ? "No records remain after this resumptionToken's position."
              : "No record matches these from, until, set and metadataPrefix arguments.");
    }
    boolean more = positions.size() > pageSize;
    if (more) {
      positions = positions.subList(0, pageSize);
      records = records == null ? null : records.subList(0, pageSize);
      listed = listed == null ? null : listed.subList(0, pageSize);
    }
    if (!more && !resumed) {
      return new Page(records, listed, format, null);
    }
    if (size < 0) {
      size = repository.listSizes.count(repository.catalog, selection);
    }
    if (!more) {
      return new Page(records, listed, format, Tokens.element("", cursor, size, null));
    }
    Position last = positions.get(positions.size() - 1);
    if (verb == Verb.LIST_RECORDS) {
      MetadataFormat f = format;
      repository.readAhead.start(
          new ReadAhead.Key(format.prefix(), selection, last, generation, deflated),
          () -> listed(selection, last, f, generation, deflated));
    }
    ResumptionToken next =
        new ResumptionToken(
            verb,
            format.prefix(),
            set,
            from,
            until,
            last.datestamp(),
            last.id(),
            cursor + positions.size(),
            size,
            now.plus(repository.tokenLifetime));
    return new Page(
        records,
        listed,
        format,
        Tokens.element(repository.signer.sign(next), cursor, size, next.expires()));
  }
}
