package org.dossier.oai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.Change;
import org.dossier.catalog.Renditions;
import org.dossier.config.Settings;
import org.dossier.projection.Projection;
import org.dossier.urls.Urls;

/**
 * Every record rendered in every metadata format when it changes, so that ListRecords and GetRecord
 * copy stored bytes instead of rendering (issue 19): a projection of the change log into the
 * catalog's {@code renditions} table.
 *
 * <p>It never has to be current for OAI-PMH to be right: a request uses a rendition only while it
 * matches the record's content hash and datestamp and this renderer's generation, and renders the
 * record itself otherwise. A start with another base URL, repository identifier or archive name
 * (another {@link RecordRenderer#fingerprint}) begins a new generation, which the follower fills
 * from the change log in the background while requests render.
 */
public final class OaiRenditions implements Projection<OaiRenditions.Batch> {
  static final String NAME = "oai";

  /** Records rendered and written at a time when a collection change re-renders its members. */
  private static final int MEMBER_CHUNK = 500;

  private final Catalog catalog;
  private final RecordRenderer renderer;
  private final String fingerprint;
  private volatile Renditions.State state;

  public OaiRenditions(Catalog catalog, Settings settings, Urls urls) {
    this(catalog, new RecordRenderer(urls, settings));
  }

  OaiRenditions(Catalog catalog, RecordRenderer renderer) {
    this.catalog = catalog;
    this.renderer = renderer;
    this.fingerprint = renderer.fingerprint();
    Renditions.State s = catalog.renditions().state(NAME);
    if (!s.fingerprint().equals(fingerprint)) {
      s = catalog.renditions().startWith(NAME, fingerprint);
    }
    this.state = s;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public long appliedSeq() {
    return state.appliedSeq();
  }

  /** Requests render a record themselves while its rendition is missing or out of date. */
  @Override
  public boolean readersNeverWait() {
    return true;
  }

  /** The generation whose renditions are current; requests ask for renditions of it. */
  long generation() {
    return state.generation();
  }

  /**
   * The records a batch of changes names, rendered, and the collections it changes (with the
   * sequence of each one's last change), whose members are rendered when the batch is applied.
   */
  public record Batch(
      List<Renditions.Rendition> renditions,
      Map<String, Long> collections,
      long lastSeq,
      long readSeq) {}

  @Override
  public Batch read(Catalog catalog, List<Change> changes) {
    // Read before anything else: a collection change after it is caught when the batch is written.
    long readSeq = catalog.lastChangeSeq();
    Set<String> records = new LinkedHashSet<>();
    Map<String, Long> collections = new LinkedHashMap<>();
    for (Change c : changes) {
      switch (c.entity()) {
        case RECORD -> records.add(c.id());
        case COLLECTION -> collections.put(c.id(), c.seq());
        case STREAM -> {}
      }
    }
    return new Batch(
        render(catalog, records), collections, changes.get(changes.size() - 1).seq(), readSeq);
  }

  private List<Renditions.Rendition> render(Catalog catalog, Set<String> ids) {
    List<Renditions.Rendition> out = new ArrayList<>(ids.size() * MetadataFormat.values().length);
    CollectionTitles titles = new CollectionTitles(catalog);
    for (Renditions.Source s : catalog.renditions().sources(ids)) {
      for (MetadataFormat f : MetadataFormat.values()) {
        byte[] xml = renderer.render(s.record(), f, titles);
        out.add(
            new Renditions.Rendition(
                s.record().id(),
                f.prefix(),
                s.contentHash(),
                s.record().datestamp(),
                xml,
                Deflated.piece(xml)));
      }
    }
    return out;
  }

  @Override
  public void apply(Batch batch, boolean more) {
    long generation = state.generation();
    try {
      write(batch, generation);
    } catch (RuntimeException e) {
      try {
        adoptRestart();
      } catch (RuntimeException unread) {
        e.addSuppressed(unread);
      }
      throw e;
    }
    state = new Renditions.State(batch.lastSeq(), generation, fingerprint);
  }

  private void write(Batch batch, long generation) {
    Renditions store = catalog.renditions();
    // A changed collection's members carry its title: those not rendered again for a change of
    // their own later in the log are rendered here, a chunk at a time (they can be many), before
    // the batch moves the projection past the collection's change.
    Set<String> members = new LinkedHashSet<>();
    batch.collections().forEach((id, seq) -> members.addAll(store.membersUnchangedSince(id, seq)));
    List<String> all = new ArrayList<>(members);
    for (int i = 0; i < all.size(); i += MEMBER_CHUNK) {
      long readSeq = catalog.lastChangeSeq();
      Set<String> chunk =
          new LinkedHashSet<>(all.subList(i, Math.min(all.size(), i + MEMBER_CHUNK)));
      store.write(NAME, generation, render(catalog, chunk), state.appliedSeq(), readSeq);
    }
    store.write(NAME, generation, batch.renditions(), batch.lastSeq(), batch.readSeq());
  }

  /**
   * After a failed write: when another process restarted the projection with this node's
   * fingerprint (a rebuild command, say), its generation is taken up, so that the next attempt
   * starts over in it instead of failing like this one.
   */
  private void adoptRestart() {
    Renditions.State s = catalog.renditions().state(NAME);
    if (s.generation() != state.generation() && s.fingerprint().equals(fingerprint)) {
      state = s;
    }
  }

  /**
   * The renditions live in the catalog, which every node of a cluster shares: one node renders them
   * (two would render every record twice and move each other's progress back and forth).
   */
  @Override
  public boolean sharedByCluster() {
    return true;
  }

  /**
   * Reads the progress the writing node made (and the generation it writes, which requests ask
   * for); a state of another fingerprint is left alone, as this node's settings are the cluster's.
   */
  @Override
  public void reload() {
    Renditions.State s = catalog.renditions().state(NAME);
    if (s.fingerprint().equals(fingerprint)) {
      state = s;
    }
  }

  @Override
  public void rebuild(Catalog catalog) {
    state = catalog.renditions().restart(NAME, fingerprint);
  }

  @Override
  public void close() {
    // Nothing of its own to close: the renditions live in the catalog.
  }
}
