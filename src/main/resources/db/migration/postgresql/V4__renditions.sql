-- Pre-rendered OAI-PMH records (issue 19): each record's <record> element in each metadata format,
-- rendered once when the record changes, so that ListRecords and GetRecord stream stored bytes.
--
-- A rendition is used only while it still describes the record: same content_hash and datestamp as
-- the records row, and rendered with the renderer's current generation (settings such as the base
-- URL that the bytes contain). Anything else is rendered afresh on the request, so a rendition can
-- be late but never wrong. The catalog writer deletes the renditions of a collection's members when
-- the collection changes (MODS and qualified DC carry its title).
CREATE TABLE renditions (
  record_id    TEXT COLLATE "C" NOT NULL,
  format       TEXT NOT NULL,     -- the metadataPrefix
  content_hash TEXT NOT NULL,     -- records.content_hash rendered
  datestamp    BIGINT NOT NULL,   -- records.datestamp rendered
  generation   BIGINT NOT NULL,   -- projection_state.generation when rendered
  xml          BYTEA NOT NULL,    -- the <record> element, UTF-8, in the OAI-PMH default namespace
  deflated     BYTEA NOT NULL,    -- the same, deflated alone (raw deflate, ending in a sync flush)
  PRIMARY KEY (record_id, format)
);

-- How far a projection kept in the catalog's own database got in the change log. generation counts
-- its restarts; fingerprint names the settings its content was made with.
CREATE TABLE projection_state (
  name        TEXT COLLATE "C" PRIMARY KEY,
  applied_seq BIGINT  NOT NULL,
  generation  BIGINT  NOT NULL,
  fingerprint TEXT NOT NULL
);
