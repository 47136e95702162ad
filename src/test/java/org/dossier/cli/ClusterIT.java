package org.dossier.cli;

import static org.dossier.testing.JarProcesses.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dossier.catalog.RecordJson;
import org.dossier.testing.Fuseki;
import org.dossier.testing.JarProcesses;
import org.dossier.testing.JarProcesses.Check;
import org.dossier.testing.JarProcesses.Node;
import org.dossier.testing.Postgres;
import org.eclipse.rdf4j.query.BindingSet;
import org.eclipse.rdf4j.query.TupleQueryResult;
import org.eclipse.rdf4j.repository.RepositoryConnection;
import org.eclipse.rdf4j.repository.sparql.SPARQLRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Two {@code serve} processes of the packaged jar on one PostgreSQL catalog and one Fuseki (the
 * shared RDF store), as a cluster behind a load balancer runs them: a harvest that alternates
 * between the nodes gets every record once, and finishes on one node when the other is killed; a
 * change made through one node is seen through the other within a bound; killing the node that
 * writes the RDF store hands the work to the other within a bound, and the store ends equal to one
 * rebuilt from the catalog; a node whose shared settings differ is refused.
 */
class ClusterIT {
  private static final int RECORDS = 600;
  private static final int PAGE_SIZE = 50;
  private static final String REPOSITORY = "cluster.example.org";
  private static final String BASE_URL = "http://archive.cluster.test";
  private static final String SECRET = "a-shared-secret-for-every-node-0123456789";
  private static final String OAI_NS = "http://www.openarchives.org/OAI/2.0/";

  /** How long a change made through one node may take to be seen through the other. */
  private static final long VISIBLE_WITHIN_SECONDS = 10;

  /** How long the surviving node may take to hold the writer lease after the writer is killed. */
  private static final long TAKEOVER_WITHIN_SECONDS = 10;

  @TempDir Path dir;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private JarProcesses jar;
  private Fuseki fuseki;
  private Fuseki rebuilt;

  @BeforeEach
  void harness() {
    jar = new JarProcesses(dir, Duration.ofSeconds(30));
  }

  @AfterEach
  void stop() {
    jar.close();
    if (fuseki != null) {
      fuseki.close();
    }
    if (rebuilt != null) {
      rebuilt.close();
    }
  }

  @Test
  void twoNodesServeOneCatalogAndHandOverTheSharedWorkWhenOneDies() throws Exception {
    String catalogUrl = Postgres.freshDatabaseUrl();
    fuseki = Fuseki.start();
    Map<String, String> cluster = new HashMap<>();
    cluster.put("DOSSIER_CATALOG_URL", catalogUrl);
    cluster.put("DOSSIER_CATALOG_USER", Postgres.USER);
    cluster.put("DOSSIER_SERVER_BASE_URL", BASE_URL);
    cluster.put("DOSSIER_OAI_TOKEN_SECRET", SECRET);
    cluster.put("DOSSIER_OAI_REPOSITORY_IDENTIFIER", REPOSITORY);
    cluster.put("DOSSIER_OAI_PAGE_SIZE", Integer.toString(PAGE_SIZE));
    cluster.put("DOSSIER_RDF_STORE", "sparql");
    cluster.put("DOSSIER_RDF_STORE_URL", fuseki.queryUrl());
    cluster.put("DOSSIER_RDF_UPDATE_URL", fuseki.updateUrl());
    cluster.put("DOSSIER_PROJECTION_POLL_MILLIS", "200");
    cluster.put("DOSSIER_PROJECTION_BATCH_SIZE", "50");
    cluster.put("DOSSIER_CLUSTER_HEARTBEAT_MILLIS", "500");

    // The records, imported by a command: it leaves every store to the nodes (memory RDF store).
    Path records = dir.resolve("records.jsonl");
    Generator.write(records, RECORDS, new Random(5));
    Map<String, String> command = new HashMap<>(cluster);
    command.put("DOSSIER_RDF_STORE", "memory");
    assertEquals(
        0, jar.run(command, "import", "--data", dir.resolve("cmd").toString(), records.toString()));
    Set<String> all = new HashSet<>();
    for (int i = 1; i <= RECORDS; i++) {
      all.add(String.format("synthetic-%08d", i));
    }

    Node a = jar.start("a", cluster);
    Node b = jar.start("b", cluster);
    a.awaitReady();
    b.awaitReady();
    await(() -> writers(a, b) == 1, 20, "exactly one node holds the writer lease");
    try {
      await(() -> caughtUp(a) && caughtUp(b), 300, "both nodes' stores caught up");
    } catch (AssertionError e) {
      throw new AssertionError(
          e.getMessage() + "\nnode a: " + a.body("/health") + "\nnode b: " + b.body("/health"), e);
    }
    assertEquals(RECORDS, sparqlCount(b), "SPARQL through the node that does not write");

    // A harvest whose pages alternate between the nodes gets every record once.
    List<String> harvested = harvest(List.of(a, b), -1, null);
    assertEquals(RECORDS, harvested.size(), "records harvested, duplicates included");
    assertEquals(all, new HashSet<>(harvested));

    // A record put through node A is seen through node B.
    String token = jar.writeToken(cluster, dir.resolve("cmd"));
    ObjectNode record = Generator.record(RECORDS + 1, new Random(1));
    String id = record.get("id").asString();
    record.put("title", "Clusterwide heliotrope telegram");
    long t0 = System.nanoTime();
    HttpResponse<String> put =
        http.send(
            HttpRequest.newBuilder(a.uri("/api/v1/records/" + id))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(RecordJson.write(record)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertTrue(put.statusCode() / 100 == 2, put.statusCode() + " " + put.body());
    String oaiId = URLEncoder.encode("oai:" + REPOSITORY + ":" + id, StandardCharsets.UTF_8);
    long oai =
        visible(
            () ->
                b.body("/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=" + oaiId)
                    .contains("heliotrope"),
            t0);
    long iiif = visible(() -> b.status("/iiif/3/" + id + "/manifest") == 200, t0);
    long search = visible(() -> b.body("/search?q=heliotrope").contains(id), t0);
    long sparql = visible(() -> sparqlCount(b) == RECORDS + 1, t0);
    System.out.printf(
        "ClusterIT: a record put through node a seen through node b after: OAI-PMH %d ms, IIIF %d"
            + " ms, search %d ms, SPARQL %d ms%n",
        oai, iiif, search, sparql);

    // A harvest cut by the death of the node that does not write finishes on the other.
    Node writer = isWriter(a) ? a : b;
    Node other = writer == a ? b : a;
    List<String> second = harvest(List.of(other, writer), 2, other);
    assertFalse(other.process.isAlive(), "killed mid-harvest");
    assertEquals(RECORDS + 1, second.size(), "records harvested, duplicates included");
    assertEquals(RECORDS + 1, new HashSet<>(second).size());
    Node restarted = jar.start(other.name, cluster);
    restarted.awaitReady();
    await(() -> caughtUp(restarted), 60, "the restarted node caught up");
    assertFalse(isWriter(restarted), "the restarted node follows; the writer keeps the lease");

    // Killing the writer while it projects a burst of changes: the other node takes over.
    Path changed = dir.resolve("changed.jsonl");
    Generator.write(changed, RECORDS, new Random(6));
    long before = rdfApplied(writer);
    assertEquals(
        0, jar.run(command, "import", "--data", dir.resolve("cmd").toString(), changed.toString()));
    long head = health(writer).get("projections").get(0).get("catalogSeq").asLong();
    await(() -> rdfApplied(writer) > before, 20, "the writer is at work");
    long appliedAtKill = rdfApplied(writer);
    writer.process.destroyForcibly();
    long killed = System.nanoTime();
    assertTrue(writer.process.waitFor(10, TimeUnit.SECONDS));
    await(() -> isWriter(restarted), TAKEOVER_WITHIN_SECONDS, "the survivor holds the lease");
    long takeover = (System.nanoTime() - killed) / 1_000_000;
    await(() -> caughtUp(restarted), 120, "the survivor's stores caught up");
    long caughtUp = (System.nanoTime() - killed) / 1_000_000;
    System.out.printf(
        "ClusterIT: writer killed with the RDF store at change %d of %d; the other node held the"
            + " lease after %d ms and had caught up after %d ms%n",
        appliedAtKill, head, takeover, caughtUp);

    // The shared store equals one rebuilt from the catalog by a command into another Fuseki.
    rebuilt = Fuseki.start();
    Map<String, String> rebuild = new HashMap<>(cluster);
    rebuild.put("DOSSIER_RDF_STORE_URL", rebuilt.queryUrl());
    rebuild.put("DOSSIER_RDF_UPDATE_URL", rebuilt.updateUrl());
    // (It exits 1 for the synthetic records' scans, which do not exist; the stores are rebuilt.)
    jar.run(rebuild, "rebuild", "--data", dir.resolve("rebuild").toString());
    assertTrue(jar.lastOutput().contains("rebuilt: rdf, up to change"), jar.lastOutput());
    Set<String> shared = quads(fuseki.queryUrl());
    Set<String> fresh = quads(rebuilt.queryUrl());
    assertTrue(shared.size() > RECORDS * 5, "statements: " + shared.size());
    Set<String> extra = new HashSet<>(shared);
    extra.removeAll(fresh);
    Set<String> missing = new HashSet<>(fresh);
    missing.removeAll(shared);
    assertEquals(Set.of(), extra, "in the shared store, not in the rebuild");
    assertEquals(Set.of(), missing, "in the rebuild, not in the shared store");

    // A node with another repository identifier is refused, naming the setting.
    Map<String, String> differing = new HashMap<>(cluster);
    differing.put("DOSSIER_OAI_REPOSITORY_IDENTIFIER", "elsewhere.example.org");
    Node refused = jar.start("c", differing);
    assertTrue(refused.process.waitFor(60, TimeUnit.SECONDS), "the node with another setting ends");
    assertNotEquals(0, refused.process.exitValue());
    String log = refused.log();
    assertTrue(log.contains("oai.repository-identifier: elsewhere.example.org on this node"), log);
    assertTrue(log.contains(REPOSITORY + " on node "), log);
  }

  // ---- what the nodes say ----

  private JsonNode health(Node node) throws Exception {
    return RecordJson.read(node.body("/health"));
  }

  private boolean isWriter(Node node) throws Exception {
    return node.process.isAlive() && health(node).get("cluster").get("writer").asBoolean();
  }

  private int writers(Node... all) throws Exception {
    int n = 0;
    for (Node node : all) {
      n += isWriter(node) ? 1 : 0;
    }
    return n;
  }

  private boolean caughtUp(Node node) throws Exception {
    for (JsonNode p : health(node).get("projections")) {
      if (p.get("changesBehind").asLong() != 0) {
        return false;
      }
    }
    return true;
  }

  private long rdfApplied(Node node) throws Exception {
    if (!node.process.isAlive()) {
      return 0;
    }
    for (JsonNode p : health(node).get("projections")) {
      if (p.get("name").asString().equals("rdf")) {
        return p.get("appliedSeq").asLong();
      }
    }
    throw new AssertionError("no rdf projection");
  }

  private long sparqlCount(Node node) throws Exception {
    String query =
        "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a"
            + " <http://www.europeana.eu/schemas/edm/ProvidedCHO> }";
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(node.uri("/sparql"))
                .header("Accept", "application/sparql-results+json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return RecordJson.read(r.body())
        .get("results")
        .get("bindings")
        .get(0)
        .get("n")
        .get("value")
        .asLong();
  }

  /** Every statement of Dossier's graphs in a store, the projection's bookkeeping left out. */
  private static Set<String> quads(String queryUrl) {
    SPARQLRepository repository = new SPARQLRepository(queryUrl);
    Set<String> all = new HashSet<>();
    try (RepositoryConnection c = repository.getConnection();
        TupleQueryResult r =
            c.prepareTupleQuery(
                    "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o }"
                        + " FILTER(?g != <urn:dossier:projection>) }")
                .evaluate()) {
      for (BindingSet row : r) {
        all.add(
            row.getValue("g")
                + " "
                + row.getValue("s")
                + " "
                + row.getValue("p")
                + " "
                + row.getValue("o"));
      }
    } finally {
      repository.shutDown();
    }
    return all;
  }

  /**
   * ListIdentifiers, each page from the next node in turn; with {@code killAfter} pages, {@code
   * victim} is killed and the rest comes from the nodes still alive.
   */
  private List<String> harvest(List<Node> turns, int killAfter, Node victim) throws Exception {
    List<String> ids = new ArrayList<>();
    String token = null;
    int page = 0;
    do {
      if (page == killAfter) {
        victim.process.destroyForcibly();
        assertTrue(victim.process.waitFor(10, TimeUnit.SECONDS));
      }
      Node node = turns.get(page % turns.size());
      if (!node.process.isAlive()) {
        node = turns.stream().filter(n -> n.process.isAlive()).findFirst().orElseThrow();
      }
      String xml =
          node.body(
              token == null
                  ? "/oai?verb=ListIdentifiers&metadataPrefix=oai_dc"
                  : "/oai?verb=ListIdentifiers&resumptionToken="
                      + URLEncoder.encode(token, StandardCharsets.UTF_8));
      token = page(xml, ids);
      page++;
    } while (token != null);
    return ids;
  }

  /** Adds a ListIdentifiers page's record ids to {@code ids}; returns its token, or null. */
  private static String page(String xml, List<String> ids) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    Document d =
        f.newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    assertEquals(0, d.getElementsByTagNameNS(OAI_NS, "error").getLength(), xml);
    NodeList headers = d.getElementsByTagNameNS(OAI_NS, "header");
    for (int i = 0; i < headers.getLength(); i++) {
      Element h = (Element) headers.item(i);
      String oaiId = h.getElementsByTagNameNS(OAI_NS, "identifier").item(0).getTextContent();
      ids.add(oaiId.substring(oaiId.lastIndexOf(':') + 1));
    }
    NodeList tokens = d.getElementsByTagNameNS(OAI_NS, "resumptionToken");
    if (tokens.getLength() == 0) {
      return null;
    }
    String t = tokens.item(0).getTextContent().strip();
    return t.isEmpty() ? null : t;
  }

  // ---- waiting ----

  /** Milliseconds from {@code t0} until {@code check} holds; fails past the visibility bound. */
  private static long visible(Check check, long t0) {
    await(check, VISIBLE_WITHIN_SECONDS, "seen through the other node");
    return (System.nanoTime() - t0) / 1_000_000;
  }
}
