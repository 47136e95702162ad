package org.dossier.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The server's configuration: every key it knows, with its default, loaded once from (in rising
 * precedence) the defaults below, an optional properties file, {@code DOSSIER_*} environment
 * variables and explicit overrides from the command line. Immutable; passed to whoever needs it.
 */
public final class Settings {

  public static final Setting<String> SERVER_HOST =
      Setting.text(
          "server.host",
          "127.0.0.1",
          "Address the HTTP server binds to; 0.0.0.0 listens on every interface.");
  public static final Setting<Integer> SERVER_PORT =
      Setting.integer(
          "server.port", 8080, 0, 65535, "TCP port of the HTTP server; 0 picks a free one.");
  public static final Setting<String> SERVER_BASE_URL =
      Setting.text(
          "server.base-url",
          "",
          "Public base URL every absolute link is built from (no trailing slash); empty means http://localhost:{port}.");
  public static final Setting<String> SERVER_PATH_PREFIX =
      Setting.matching(
          "server.path-prefix",
          "auto",
          "auto|strip|keep",
          "What the reverse proxy does with the path of server.base-url (such as /archive):"
              + " auto: requests under that path are served with it removed, others as they are, so a proxy that strips it and one that passes it on both work;"
              + " strip: requests are served as they arrive (for a path that begins with one Dossier serves itself, such as /iiif);"
              + " keep: only requests under that path are served, others are answered 404.");
  public static final Setting<List<AddressRange>> SERVER_TRUSTED_PROXIES =
      new Setting<>(
          "server.trusted-proxies",
          "",
          "Addresses or CIDR ranges (comma-separated) of the reverse proxies whose Forwarded and X-Forwarded-* headers are believed (client address, https); empty trusts none.",
          text -> {
            try {
              return AddressRange.parseList(text);
            } catch (IllegalArgumentException e) {
              throw new IllegalArgumentException("server.trusted-proxies: " + e.getMessage());
            }
          });
  public static final Setting<Integer> SERVER_SHUTDOWN_GRACE_SECONDS =
      Setting.integer(
          "server.shutdown-grace-seconds",
          30,
          0,
          3600,
          "On SIGTERM, how long requests in flight may take to finish before the server stops anyway.");
  public static final Setting<Integer> SERVER_MAX_THREADS =
      Setting.integer(
          "server.max-threads",
          200,
          8,
          10_000,
          "Most threads serving requests at once; the rest of the work waits for one.");
  public static final Setting<Integer> SERVER_MAX_CONNECTIONS =
      Setting.integer(
          "server.max-connections",
          1000,
          1,
          1_000_000,
          "Most open connections; beyond it new ones wait in the accept queue (server.accept-queue) until one closes.");
  public static final Setting<Integer> SERVER_ACCEPT_QUEUE =
      Setting.integer(
          "server.accept-queue",
          128,
          0,
          65_535,
          "Length of the operating system's queue of connections not yet accepted (listen backlog); 0 leaves the system's default.");
  public static final Setting<Integer> SERVER_IDLE_TIMEOUT_SECONDS =
      Setting.integer(
          "server.idle-timeout-seconds",
          30,
          1,
          3600,
          "A connection on which nothing is sent or received for this long is closed.");
  public static final Setting<Integer> SERVER_MAX_HEADER_BYTES =
      Setting.integer(
          "server.max-header-bytes",
          8192,
          1024,
          1_048_576,
          "Largest request line and headers together, in bytes; beyond it 431 (or 414 for the request line alone).");
  public static final Setting<Integer> SERVER_MAX_URI_LENGTH =
      Setting.integer(
          "server.max-uri-length",
          4096,
          256,
          1_048_576,
          "Longest request URI (path and query) in characters; beyond it 414 URI Too Long.");
  public static final Setting<Integer> SERVER_MAX_BODY_BYTES =
      Setting.integer(
          "server.max-body-bytes",
          65_536,
          0,
          1_073_741_824,
          "Largest request body of any route without a limit of its own, in bytes; beyond it 413 Content Too Large.");
  public static final Setting<String> DATA_DIR =
      Setting.text(
          "data.dir",
          "data",
          "Data directory: the SQLite catalog, page scans (images/) and derived stores live here.");
  public static final Setting<String> CATALOG_URL =
      Setting.text(
          "catalog.url",
          "",
          "JDBC URL of the catalog; empty means a SQLite file {data.dir}/catalog.db. Give jdbc:postgresql://host/db for PostgreSQL.");
  public static final Setting<String> CATALOG_USER =
      Setting.text("catalog.user", "", "Database user for a PostgreSQL catalog.");
  public static final Setting<String> CATALOG_PASSWORD =
      Setting.text(
          "catalog.password",
          "",
          "Database password for a PostgreSQL catalog (prefer the DOSSIER_CATALOG_PASSWORD environment variable).");
  public static final Setting<Integer> CATALOG_POOL_SIZE =
      Setting.integer(
          "catalog.pool-size", 8, 1, 512, "Largest number of open database connections.");
  public static final Setting<Integer> CATALOG_CONNECT_TIMEOUT_MILLIS =
      Setting.integer(
          "catalog.connect-timeout-millis",
          2000,
          250,
          600_000,
          "How long (milliseconds) a request waits for a database connection; past it, as while the database is down, it is answered 503 with Retry-After.");
  public static final Setting<String> ARCHIVE_NAME =
      Setting.text(
          "archive.name",
          "Dossier Sample Archive",
          "The archive's name, shown on pages and in protocol descriptions.");
  public static final Setting<String> ARCHIVE_DEFAULT_RIGHTS =
      Setting.text(
          "archive.default-rights",
          "http://rightsstatements.org/vocab/CNE/1.0/",
          "Rights statement URI for records that carry none (default: Copyright Not Evaluated).");
  public static final Setting<Boolean> ARCHIVE_LOAD_SAMPLE =
      Setting.bool(
          "archive.load-sample",
          true,
          "Demo mode: serve loads the bundled sample archive when the catalog is the embedded SQLite"
              + " one and the data directory is new (missing or empty); false never does."
              + " serve --sample loads it into any empty catalog.");
  public static final Setting<Integer> IIIF_COLLECTION_PAGE_SIZE =
      Setting.integer(
          "iiif.collection-page-size",
          1000,
          2,
          100_000,
          "Most members one IIIF collection document lists; larger collections are split into child collections.");
  public static final Setting<Integer> IIIF_PRESENTATION_CACHE_MAX_AGE =
      Setting.integer(
          "iiif.presentation.cache-max-age",
          300,
          0,
          31_536_000,
          "Seconds a client or proxy may reuse an IIIF manifest or collection before revalidating it (Cache-Control max-age).");

  public static final Setting<Integer> IIIF_COLLECTION_MAX_CONCURRENT =
      Setting.integer(
          "iiif.collection-max-concurrent",
          16,
          1,
          10_000,
          "Most IIIF collections (and their parts) served at once; another is answered 503 with Retry-After.");
  public static final Setting<Integer> IIIF_IMAGE_TILE_SIZE =
      Setting.integer(
          "iiif.image.tile-size",
          512,
          64,
          4096,
          "Width and height of the pyramid tiles the IIIF Image API advertises and stores.");
  public static final Setting<Integer> IIIF_IMAGE_MAX_WIDTH =
      Setting.integer(
          "iiif.image.max-width",
          4096,
          1,
          65535,
          "Largest width in pixels of an image the IIIF Image API returns (maxWidth in info.json).");
  public static final Setting<Integer> IIIF_IMAGE_MAX_HEIGHT =
      Setting.integer(
          "iiif.image.max-height",
          4096,
          1,
          65535,
          "Largest height in pixels of an image the IIIF Image API returns (maxHeight in info.json).");
  public static final Setting<Integer> IIIF_IMAGE_MAX_AREA =
      Setting.integer(
          "iiif.image.max-area",
          16777216,
          1,
          Integer.MAX_VALUE,
          "Largest width*height of an image the IIIF Image API returns (maxArea in info.json).");
  public static final Setting<Integer> IIIF_IMAGE_MAX_SOURCE_PIXELS =
      Setting.integer(
          "iiif.image.max-source-pixels",
          300000000,
          1,
          Integer.MAX_VALUE,
          "Page scans whose header declares more pixels than this are refused before they are decoded.");
  public static final Setting<Integer> IIIF_IMAGE_JP2_DECODE_MEMORY_MB =
      Setting.integer(
          "iiif.image.jp2-decode-memory-mb",
          768,
          0,
          1048576,
          "Native memory (MB) that pyramid builds may hold to decode a resolution of a single-tile JPEG 2000 whole, which is faster than in bands; shared by concurrent builds; 0 always decodes in bands.");
  public static final Setting<Integer> IIIF_IMAGE_CONCURRENCY =
      Setting.integer(
          "iiif.image.concurrency",
          4,
          1,
          1024,
          "How many computed image requests and pyramid builds run at once; past it the server answers 503 with Retry-After.");
  public static final Setting<Integer> IIIF_IMAGE_WAIT_SECONDS =
      Setting.integer(
          "iiif.image.wait-seconds",
          30,
          0,
          300,
          "How long a computed image request past iiif.image.concurrency waits for its turn before it is answered 503.");
  public static final Setting<Integer> IIIF_IMAGE_CACHE_MAX_AGE =
      Setting.integer(
          "iiif.image.cache-max-age",
          2592000,
          0,
          Integer.MAX_VALUE,
          "Cache-Control max-age in seconds of IIIF images and info.json (derived files; ETag and Last-Modified revalidate them).");

  public static final Setting<Integer> IIIF_IMAGE_PYRAMID_CACHE_ENTRIES =
      Setting.integer(
          "iiif.image.pyramid-cache-entries",
          10_000,
          0,
          10_000_000,
          "How many scans' pyramid descriptions are kept in memory (the most recently used); the others are read from disk again when asked for.");
  public static final Setting<Integer> IIIF_DISCOVERY_PAGE_SIZE =
      Setting.integer(
          "iiif.discovery.page-size",
          500,
          1,
          100_000,
          "Activities per page of the IIIF Change Discovery streams. Changing it renumbers every page of the streams.");

  public static final Setting<Integer> IIIF_DISCOVERY_CACHE_MAX_AGE =
      Setting.integer(
          "iiif.discovery.cache-max-age",
          60,
          0,
          31_536_000,
          "Seconds a client or proxy may reuse a Change Discovery stream's collection or its last page (full pages never change and are cached for a year).");

  public static final Setting<Integer> IIIF_SEARCH_PAGE_SIZE =
      Setting.integer(
          "iiif.search.page-size",
          100,
          1,
          10_000,
          "Hits per page of an IIIF Content Search answer; further hits are on linked pages.");
  public static final Setting<Integer> IIIF_SEARCH_AUTOCOMPLETE_TERMS =
      Setting.integer(
          "iiif.search.autocomplete-terms",
          20,
          1,
          1000,
          "Most words an IIIF Content Search autocomplete answer suggests, the most frequent first.");
  public static final Setting<Integer> IIIF_SEARCH_MAX_QUERY_LENGTH =
      Setting.integer(
          "iiif.search.max-query-length",
          500,
          1,
          100_000,
          "Longest q, in characters, that IIIF Content Search and autocomplete accept; a longer one is answered 400.");
  public static final Setting<Integer> IIIF_SEARCH_CACHE_MB =
      Setting.integer(
          "iiif.search.cache-mb",
          64,
          0,
          1_048_576,
          "Memory (MiB) for the word indexes of recently searched records, so that a search does not read a document's OCR each time; 0 keeps none.");

  public static final Setting<String> OAI_ADMIN_EMAIL =
      Setting.matching(
          "oai.admin-email",
          "admin@example.org",
          "\\S+@(\\S+\\.)+\\S+",
          "E-mail address of the repository's administrator, shown by OAI-PMH Identify.");
  public static final Setting<String> OAI_REPOSITORY_IDENTIFIER =
      Setting.matching(
          "oai.repository-identifier",
          "dossier.example.org",
          "[a-zA-Z][a-zA-Z0-9-]*(\\.[a-zA-Z][a-zA-Z0-9-]*)+",
          "Domain name in OAI identifiers (oai:{this}:{record id}); one you control, never changed once harvested.");
  public static final Setting<Integer> OAI_MAX_FORM_BYTES =
      Setting.integer(
          "oai.max-form-bytes",
          16_384,
          256,
          1_048_576,
          "Largest body of an OAI-PMH POST (a form of verb and arguments), in bytes; beyond it 413.");
  public static final Setting<Integer> OAI_PAGE_SIZE =
      Setting.integer(
          "oai.page-size",
          100,
          1,
          10_000,
          "Records, headers or sets per OAI-PMH list response before a resumption token.");
  public static final Setting<String> OAI_TOKEN_SECRET =
      Setting.text(
          "oai.token-secret",
          "",
          "Secret that signs OAI-PMH resumption tokens (give every replica the same one); empty means a random one kept in {data.dir}/oai-token-secret.");
  public static final Setting<String> OAI_TOKEN_SECRET_FILE =
      Setting.text(
          "oai.token-secret-file",
          "",
          "A file whose content (surrounding white space removed) is the resumption-token secret, when oai.token-secret is empty: a secret mounted the same on every node.");
  public static final Setting<Integer> OAI_TOKEN_LIFETIME_HOURS =
      Setting.integer(
          "oai.token-lifetime-hours",
          24,
          1,
          24 * 365,
          "How long (hours) an OAI-PMH resumption token stays valid after it is issued.");
  public static final Setting<String> OAI_EDM_PROVIDER =
      Setting.text(
          "oai.edm-provider",
          "",
          "Name given as edm:provider in EDM records (the aggregator that delivers them to Europeana); empty means archive.name.");

  public static final Setting<Integer> PROJECTION_POLL_MILLIS =
      Setting.integer(
          "projection.poll-millis",
          1000,
          10,
          86_400_000,
          "How often (milliseconds) the server looks in the catalog's change log for changes to apply to every derived store (search index, RDF store).");
  public static final Setting<Integer> PROJECTION_BATCH_SIZE =
      Setting.integer(
          "projection.batch-size",
          2000,
          1,
          100_000,
          "Change-log entries a derived store applies at a time (one transaction of the RDF store).");
  public static final Setting<Integer> PROJECTION_NICE =
      Setting.integer(
          "projection.nice",
          10,
          0,
          19,
          "The Linux nice value of the threads that apply changes to the derived stores: background work that then yields the processors to requests (a PUT, a harvest) and takes every idle cycle; 0 runs it as the request threads.");
  public static final Setting<String> PROJECTION_STARTUP =
      Setting.matching(
          "projection.startup",
          "background",
          "catch-up|background",
          "At start, background: the server is ready once the catalog is open, answers from the derived stores as they are while they catch up (or re-project after a base-URL change) and reports their lag in /health;"
              + " catch-up: the derived stores apply the change log before the server turns ready.");

  public static final Setting<String> RDF_STORE =
      Setting.text(
          "rdf.store",
          "lmdb",
          "Where the RDF projection lives: lmdb or native (in {data.dir}/rdf), memory (rebuilt at each start), sparql or rdf4j (remote, see rdf.store-url).");
  public static final Setting<String> RDF_STORE_URL =
      Setting.text(
          "rdf.store-url",
          "",
          "For rdf.store=sparql the SPARQL 1.1 query endpoint; for rdf.store=rdf4j the repository URL (http://host/rdf4j-server/repositories/ID).");
  public static final Setting<String> RDF_UPDATE_URL =
      Setting.text(
          "rdf.update-url",
          "",
          "For rdf.store=sparql the SPARQL 1.1 update endpoint; empty means rdf.store-url.");
  public static final Setting<String> RDF_LICENSE =
      Setting.text(
          "rdf.license",
          "http://creativecommons.org/publicdomain/zero/1.0/",
          "Licence of the metadata published as linked data (dumps, SPARQL), stated in the VoID description.");
  public static final Setting<Integer> RDF_DESCRIPTION_MAX_LINKS =
      Setting.integer(
          "rdf.description-max-links",
          1000,
          1,
          1_000_000,
          "Most documents the description of a person, place, subject, type or collection lists (the full list is a SPARQL query away).");
  public static final Setting<Integer> RDF_DUMP_MAX_CONCURRENT =
      Setting.integer(
          "rdf.dump-max-concurrent",
          2,
          1,
          1000,
          "Most whole-dataset dumps (/dumps/...) written at once; another is answered 503 with Retry-After.");
  public static final Setting<Integer> SPARQL_TIMEOUT_SECONDS =
      Setting.integer(
          "sparql.timeout-seconds",
          30,
          1,
          3600,
          "Longest time a SPARQL query may run before it is stopped and answered with an error.");
  public static final Setting<Integer> SPARQL_MAX_RESULTS =
      Setting.integer(
          "sparql.max-results",
          10000,
          1,
          10_000_000,
          "Most rows (SELECT) or triples (CONSTRUCT, DESCRIBE) one SPARQL answer may hold; larger results are refused with an error.");
  public static final Setting<Integer> SPARQL_MAX_CONCURRENT =
      Setting.integer(
          "sparql.max-concurrent",
          4,
          1,
          10_000,
          "Most SPARQL queries evaluated at once; another is answered 503 with Retry-After.");
  public static final Setting<Integer> SPARQL_WAIT_SECONDS =
      Setting.integer(
          "sparql.wait-seconds",
          10,
          0,
          300,
          "How long a query past sparql.max-concurrent waits for its turn before it is answered 503.");
  public static final Setting<Integer> SPARQL_CACHE_BYTES =
      Setting.integer(
          "sparql.cache-bytes",
          16_777_216,
          0,
          1_073_741_824,
          "Memory for SPARQL answers kept until the RDF store next changes (a repeated query is answered from it without a turn); answers over 1 MB are not kept; 0 keeps none.");
  public static final Setting<Integer> SPARQL_MAX_BODY_BYTES =
      Setting.integer(
          "sparql.max-body-bytes",
          1_048_576,
          1024,
          1_073_741_824,
          "Largest body of a SPARQL POST (the query, directly or as a form), in bytes; beyond it 413.");
  public static final Setting<Integer> SITE_SITEMAP_URLS =
      Setting.integer(
          "site.sitemap-urls",
          50_000,
          10,
          50_000,
          "Most URLs one sitemap file lists (the sitemaps protocol allows 50,000); above it /sitemap.xml is an index of parts.");

  public static final Setting<Integer> SITE_SEARCH_MAX_CONCURRENT =
      Setting.integer(
          "site.search-max-concurrent",
          16,
          1,
          10_000,
          "Most searches (the search page and IIIF Content Search) answered at once; another is answered 503 with Retry-After.");
  public static final Setting<Integer> SITE_STATIC_CACHE_ENTRIES =
      Setting.integer(
          "site.static-cache-entries",
          256,
          0,
          1_000_000,
          "How many files under /static/ (with their gzip form) and how many names found missing there are kept in memory (the most recently used).");

  public static final Setting<Boolean> METRICS_ENABLED =
      Setting.bool(
          "metrics.enabled",
          true,
          "Serve /metrics in the Prometheus text format and count requests for it.");
  public static final Setting<Integer> METRICS_PORT =
      Setting.integer(
          "metrics.port",
          0,
          0,
          65535,
          "0: /metrics is served on server.port, to the addresses of metrics.allow; otherwise only on this port (bound to server.host), which serves nothing else.");
  public static final Setting<String> METRICS_ALLOW =
      Setting.matching(
          "metrics.allow",
          "127.0.0.1,::1",
          "[0-9A-Fa-f:./,\\s]*",
          "Comma-separated IP addresses and CIDR ranges allowed to read /metrics on server.port; others get 403.");
  public static final Setting<String> LOG_ACCESS =
      Setting.text(
          "log.access",
          "off",
          "Access log: off, stdout, or a file path (appended to); one line per request, those Jetty refuses itself included.");
  public static final Setting<String> LOG_ACCESS_FORMAT =
      Setting.matching(
          "log.access-format",
          "combined",
          "combined|json",
          "Access log line format: combined (Apache's, then the request id and the duration in ms) or json (one object per line).");
  public static final Setting<String> LOG_FORMAT =
      Setting.matching(
          "log.format",
          "text",
          "text|json",
          "Format of the server's own log on standard error: text, or json (one object per line with time, level, logger, message and request_id).");
  public static final Setting<Integer> HEALTH_MAX_LAG_SECONDS =
      Setting.integer(
          "health.max-lag-seconds",
          300,
          1,
          31_536_000,
          "/health/ready answers 503 while a derived store has had a change waiting for longer than this.");
  public static final Setting<Integer> API_MAX_BODY_BYTES =
      Setting.integer(
          "api.max-body-bytes",
          1_048_576,
          1024,
          1_073_741_824,
          "Largest body of an admin API request that sends one record or collection, in bytes; beyond it 413. Imports (POST /api/v1/imports) are streamed and have no limit.");
  public static final Setting<String> API_CORS_ORIGINS =
      Setting.matching(
          "api.cors-origins",
          "",
          "(|https?://[^\\s,/*]+(\\s*,\\s*https?://[^\\s,/*]+)*)",
          "Origins (scheme://host[:port], comma-separated) whose scripts may call the admin API from a browser; empty for none. Never '*'.");
  public static final Setting<Integer> API_AUTH_FAILURES_PER_MINUTE =
      Setting.integer(
          "api.auth-failures-per-minute",
          10,
          1,
          1_000_000,
          "Requests to the admin API with a missing or wrong token one client address may make in a minute; the next is answered 429 with Retry-After.");
  public static final Setting<Integer> API_TOKEN_CACHE_SECONDS =
      Setting.integer(
          "api.token-cache-seconds",
          5,
          0,
          3600,
          "How long the server keeps a checked token (and whether any token exists) in memory: a token created or revoked on the command line takes effect within this time.");
  public static final Setting<Integer> API_MAX_UPLOAD_MB =
      Setting.integer(
          "api.max-upload-mb",
          512,
          1,
          1_048_576,
          "Largest page scan PUT /api/v1/records/{id}/pages/{n}/image accepts, in MiB (it is streamed to disk); beyond it 413.");

  public static final Setting<String> STORAGE_TYPE =
      Setting.matching(
          "storage.type",
          "local",
          "local|s3",
          "Where page scans and image pyramids are kept: local (images/ and pyramids/ in the data directory) or s3 (an S3-compatible bucket, storage.s3.*).");
  public static final Setting<String> STORAGE_S3_ENDPOINT =
      Setting.text(
          "storage.s3.endpoint",
          "",
          "URL of the S3-compatible server (http://minio:9000, https://rgw.example.org); empty for Amazon S3 itself.");
  public static final Setting<String> STORAGE_S3_BUCKET =
      Setting.text("storage.s3.bucket", "", "Bucket holding scans and pyramids (storage.type=s3).");
  public static final Setting<String> STORAGE_S3_PREFIX =
      Setting.text(
          "storage.s3.prefix",
          "",
          "Key prefix inside the bucket (dossier/ say); scans are under {prefix}images/, pyramids under {prefix}pyramids/.");
  public static final Setting<String> STORAGE_S3_REGION =
      Setting.text(
          "storage.s3.region",
          "us-east-1",
          "Region to sign requests for; MinIO and Ceph accept us-east-1.");
  public static final Setting<Boolean> STORAGE_S3_PATH_STYLE =
      Setting.bool(
          "storage.s3.path-style",
          true,
          "Address the bucket in the path (http://host/bucket/key), as MinIO and Ceph expect; false for virtual-hosted style (http://bucket.host/key).");
  public static final Setting<String> STORAGE_S3_ACCESS_KEY =
      Setting.text(
          "storage.s3.access-key",
          "",
          "Access key id; empty to take it, with the secret, from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or ~/.aws as the AWS SDK does.");
  public static final Setting<String> STORAGE_S3_SECRET_KEY =
      Setting.text(
          "storage.s3.secret-key",
          "",
          "Secret access key (prefer the DOSSIER_STORAGE_S3_SECRET_KEY or AWS_SECRET_ACCESS_KEY environment variable).");
  public static final Setting<Integer> STORAGE_S3_TIMEOUT_MILLIS =
      Setting.integer(
          "storage.s3.timeout-millis",
          3000,
          100,
          600_000,
          "How long (milliseconds) one call to the object store may take to connect or stay silent; it is tried once more, then image requests are answered 503 with Retry-After.");
  public static final Setting<String> STORAGE_CACHE_DIR =
      Setting.text(
          "storage.cache-dir",
          "",
          "Folder of this node's disk cache of tiles read from object storage; empty for {data.dir}/tile-cache. Emptied at start.");
  public static final Setting<Integer> STORAGE_CACHE_MB =
      Setting.integer(
          "storage.cache-mb",
          1024,
          0,
          16_777_216,
          "Largest size (MiB) of the tile cache; the least recently used tiles are removed beyond it. 0 keeps none.");

  public static final Setting<Integer> ACCESS_RESTRICTED_MAX_SIZE =
      Setting.integer(
          "access.restricted-max-size",
          800,
          16,
          100_000,
          "The longest side (pixels) of an image of a restricted-images record that a user who has not logged in is given; larger requests are answered 401, and the IIIF Auth probe points such users to a service of this size.");

  public static final Setting<Integer> ACCESS_SESSION_MINUTES =
      Setting.integer(
          "access.session-minutes",
          480,
          1,
          525_600,
          "How long (minutes) a login through the IIIF access service lasts; its access tokens end with it.");

  public static final Setting<Integer> ACCESS_LOGIN_FAILURES_PER_MINUTE =
      Setting.integer(
          "access.login-failures-per-minute",
          10,
          1,
          100_000,
          "Failed logins that one client address may make in a minute on the IIIF access service; the next is answered 429 with Retry-After.");

  public static final Setting<String> CATALOG_READ_URL =
      Setting.text(
          "catalog.read-url",
          "",
          "JDBC URL of a PostgreSQL streaming replica of catalog.url that reads of the public routes may be sent to (same user and password); empty means every query goes to catalog.url.");
  public static final Setting<Integer> CATALOG_READ_MAX_STALENESS_MILLIS =
      Setting.integer(
          "catalog.read-max-staleness-millis",
          5000,
          0,
          3_600_000,
          "Reads go to the replica only while it holds everything committed on the primary longer ago than this (milliseconds); otherwise to the primary.");
  public static final Setting<String> CLUSTER_NODE_NAME =
      Setting.text(
          "cluster.node-name",
          "",
          "This node's name among the nodes that share a PostgreSQL catalog (shown in /health, the logs and refusals); empty means host name:port.");
  public static final Setting<Integer> CLUSTER_HEARTBEAT_MILLIS =
      Setting.integer(
          "cluster.heartbeat-millis",
          1000,
          100,
          60_000,
          "How often (milliseconds) a node on a PostgreSQL catalog tries for the writer lease, or confirms it holds it, and marks itself alive.");
  public static final Setting<Integer> CLUSTER_NODE_TIMEOUT_SECONDS =
      Setting.integer(
          "cluster.node-timeout-seconds",
          15,
          2,
          86_400,
          "A node not seen for this long no longer counts as running: its shared settings are not compared with a starting node's.");

  /** Every key, in the order {@code conf/dossier.properties} documents them. */
  public static final List<Setting<?>> ALL =
      List.of(
          SERVER_HOST,
          SERVER_PORT,
          SERVER_BASE_URL,
          SERVER_PATH_PREFIX,
          SERVER_TRUSTED_PROXIES,
          SERVER_SHUTDOWN_GRACE_SECONDS,
          SERVER_MAX_THREADS,
          SERVER_MAX_CONNECTIONS,
          SERVER_ACCEPT_QUEUE,
          SERVER_IDLE_TIMEOUT_SECONDS,
          SERVER_MAX_HEADER_BYTES,
          SERVER_MAX_URI_LENGTH,
          SERVER_MAX_BODY_BYTES,
          DATA_DIR,
          CATALOG_URL,
          CATALOG_USER,
          CATALOG_PASSWORD,
          CATALOG_POOL_SIZE,
          CATALOG_CONNECT_TIMEOUT_MILLIS,
          ARCHIVE_NAME,
          ARCHIVE_DEFAULT_RIGHTS,
          ARCHIVE_LOAD_SAMPLE,
          OAI_REPOSITORY_IDENTIFIER,
          OAI_ADMIN_EMAIL,
          OAI_PAGE_SIZE,
          OAI_MAX_FORM_BYTES,
          OAI_TOKEN_SECRET,
          OAI_TOKEN_SECRET_FILE,
          OAI_TOKEN_LIFETIME_HOURS,
          OAI_EDM_PROVIDER,
          IIIF_COLLECTION_PAGE_SIZE,
          IIIF_PRESENTATION_CACHE_MAX_AGE,
          IIIF_COLLECTION_MAX_CONCURRENT,
          IIIF_IMAGE_TILE_SIZE,
          IIIF_IMAGE_MAX_WIDTH,
          IIIF_IMAGE_MAX_HEIGHT,
          IIIF_IMAGE_MAX_AREA,
          IIIF_IMAGE_MAX_SOURCE_PIXELS,
          IIIF_IMAGE_JP2_DECODE_MEMORY_MB,
          IIIF_IMAGE_CONCURRENCY,
          IIIF_IMAGE_WAIT_SECONDS,
          IIIF_IMAGE_CACHE_MAX_AGE,
          IIIF_IMAGE_PYRAMID_CACHE_ENTRIES,
          IIIF_SEARCH_PAGE_SIZE,
          IIIF_SEARCH_AUTOCOMPLETE_TERMS,
          IIIF_SEARCH_MAX_QUERY_LENGTH,
          IIIF_SEARCH_CACHE_MB,
          IIIF_DISCOVERY_PAGE_SIZE,
          IIIF_DISCOVERY_CACHE_MAX_AGE,
          PROJECTION_POLL_MILLIS,
          PROJECTION_BATCH_SIZE,
          PROJECTION_NICE,
          PROJECTION_STARTUP,
          RDF_STORE,
          RDF_STORE_URL,
          RDF_UPDATE_URL,
          RDF_LICENSE,
          RDF_DESCRIPTION_MAX_LINKS,
          RDF_DUMP_MAX_CONCURRENT,
          SPARQL_TIMEOUT_SECONDS,
          SPARQL_MAX_RESULTS,
          SPARQL_MAX_CONCURRENT,
          SPARQL_WAIT_SECONDS,
          SPARQL_CACHE_BYTES,
          SPARQL_MAX_BODY_BYTES,
          SITE_SITEMAP_URLS,
          SITE_SEARCH_MAX_CONCURRENT,
          SITE_STATIC_CACHE_ENTRIES,
          METRICS_ENABLED,
          METRICS_PORT,
          METRICS_ALLOW,
          LOG_ACCESS,
          LOG_ACCESS_FORMAT,
          LOG_FORMAT,
          HEALTH_MAX_LAG_SECONDS,
          API_MAX_BODY_BYTES,
          API_CORS_ORIGINS,
          API_AUTH_FAILURES_PER_MINUTE,
          API_TOKEN_CACHE_SECONDS,
          API_MAX_UPLOAD_MB,
          STORAGE_TYPE,
          STORAGE_S3_ENDPOINT,
          STORAGE_S3_BUCKET,
          STORAGE_S3_PREFIX,
          STORAGE_S3_REGION,
          STORAGE_S3_PATH_STYLE,
          STORAGE_S3_ACCESS_KEY,
          STORAGE_S3_SECRET_KEY,
          STORAGE_S3_TIMEOUT_MILLIS,
          STORAGE_CACHE_DIR,
          STORAGE_CACHE_MB,
          ACCESS_RESTRICTED_MAX_SIZE,
          ACCESS_SESSION_MINUTES,
          ACCESS_LOGIN_FAILURES_PER_MINUTE,
          CLUSTER_NODE_NAME,
          CLUSTER_HEARTBEAT_MILLIS,
          CLUSTER_NODE_TIMEOUT_SECONDS,
          CATALOG_READ_URL,
          CATALOG_READ_MAX_STALENESS_MILLIS);

  /**
   * Keys an earlier version knew, with what took their place: a file naming one is refused with
   * this advice.
   */
  private static final Map<String, String> REPLACED =
      Map.of(
          "rdf.poll-seconds",
          "projection.poll-millis (in milliseconds; it applies to every derived store)");

  private final Map<String, Object> values;

  private Settings(Map<String, Object> values) {
    this.values = values;
  }

  /** Only the defaults: what a run with no file, no environment and no options gets. */
  public static Settings defaults() {
    return resolve(Map.of());
  }

  /**
   * Loads the configuration.
   *
   * @param file a properties file, or null for none
   * @param environment the process environment (only {@code DOSSIER_*} variables are read)
   * @param overrides values given on the command line, by key
   * @throws IllegalArgumentException for an unreadable file, an unknown key or a bad value
   */
  public static Settings load(
      Path file, Map<String, String> environment, Map<String, String> overrides) {
    Map<String, String> texts = new HashMap<>();
    if (file != null) {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "cannot read configuration file " + file + ": " + e.getMessage());
      }
      for (String key : properties.stringPropertyNames()) {
        if (REPLACED.containsKey(key)) {
          throw new IllegalArgumentException(
              file + ": the key '" + key + "' was replaced by " + REPLACED.get(key));
        }
        if (ALL.stream().noneMatch(s -> s.key().equals(key))) {
          throw new IllegalArgumentException(file + ": unknown configuration key '" + key + "'");
        }
        texts.put(key, properties.getProperty(key));
      }
    }
    for (Setting<?> setting : ALL) {
      String fromEnvironment = environment.get(setting.environmentVariable());
      if (fromEnvironment != null) {
        texts.put(setting.key(), fromEnvironment);
      }
    }
    texts.putAll(overrides);
    return resolve(texts);
  }

  /**
   * What {@link #load} would refuse, every problem at once rather than the first: a missing or
   * unreadable file, unknown or replaced keys, and each value that does not parse (named with where
   * it came from). The settings returned hold the defaults in place of the bad values, so that the
   * rest of a configuration can still be looked at.
   */
  public static Checked check(
      Path file, Map<String, String> environment, Map<String, String> overrides) {
    List<String> problems = new java.util.ArrayList<>();
    Map<String, String> texts = new HashMap<>();
    Map<String, String> sources = new HashMap<>();
    if (file != null) {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException | IllegalArgumentException e) {
        problems.add("cannot read configuration file " + file + ": " + e);
      }
      for (String key : new java.util.TreeSet<>(properties.stringPropertyNames())) {
        if (REPLACED.containsKey(key)) {
          problems.add(file + ": the key '" + key + "' was replaced by " + REPLACED.get(key));
        } else if (ALL.stream().noneMatch(s -> s.key().equals(key))) {
          problems.add(file + ": unknown configuration key '" + key + "'");
        } else {
          texts.put(key, properties.getProperty(key));
          sources.put(key, file.toString());
        }
      }
    }
    for (Setting<?> setting : ALL) {
      String fromEnvironment = environment.get(setting.environmentVariable());
      if (fromEnvironment != null) {
        texts.put(setting.key(), fromEnvironment);
        sources.put(setting.key(), "environment variable " + setting.environmentVariable());
      }
    }
    overrides.forEach(
        (key, value) -> {
          texts.put(key, value);
          sources.put(key, "command line");
        });
    Map<String, Object> values = new HashMap<>();
    for (Setting<?> setting : ALL) {
      String text = texts.getOrDefault(setting.key(), setting.defaultText());
      Object value;
      try {
        value = setting.parser().apply(text);
      } catch (IllegalArgumentException e) {
        problems.add(sources.getOrDefault(setting.key(), "default") + ": " + e.getMessage());
        value = setting.parser().apply(setting.defaultText());
      }
      values.put(setting.key(), value);
    }
    return new Checked(new Settings(Map.copyOf(values)), List.copyOf(problems));
  }

  /** The outcome of {@link #check}: usable settings and what was wrong with the given ones. */
  public record Checked(Settings settings, List<String> problems) {}

  private static Settings resolve(Map<String, String> texts) {
    Map<String, Object> values = new HashMap<>();
    for (Setting<?> setting : ALL) {
      values.put(
          setting.key(),
          setting.parser().apply(texts.getOrDefault(setting.key(), setting.defaultText())));
    }
    return new Settings(Map.copyOf(values));
  }

  /**
   * The configured resumption-token secret: oai.token-secret, else the content of
   * oai.token-secret-file, else empty (a random one kept in the data directory).
   *
   * @throws IllegalArgumentException when the file cannot be read or is empty
   */
  public String tokenSecret() {
    String secret = get(OAI_TOKEN_SECRET);
    String file = get(OAI_TOKEN_SECRET_FILE);
    if (!secret.isEmpty() || file.isEmpty()) {
      return secret;
    }
    try {
      String content = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
      if (content.isEmpty()) {
        throw new IllegalArgumentException("oai.token-secret-file: " + file + " is empty");
      }
      return content;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "oai.token-secret-file: cannot read " + file + " (" + e.getMessage() + ")");
    }
  }

  @SuppressWarnings("unchecked")
  public <T> T get(Setting<T> setting) {
    return (T) values.get(setting.key());
  }

  /** A copy with one value replaced, as the command line does for --port and friends. */
  public <T> Settings with(Setting<T> setting, String text) {
    Map<String, Object> copy = new HashMap<>(values);
    copy.put(setting.key(), setting.parser().apply(text));
    return new Settings(Map.copyOf(copy));
  }

  public Path dataDir() {
    return Path.of(get(DATA_DIR));
  }

  /** The public base URL without a trailing slash, given the port the server really listens on. */
  public String baseUrl(int actualPort) {
    String configured = get(SERVER_BASE_URL);
    if (configured.isEmpty()) {
      return "http://localhost:" + actualPort;
    }
    return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
  }
}
