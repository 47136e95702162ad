-- The catalog (PostgreSQL; "C" collation so ids order bytewise, as in SQLite): the one store that ingest writes. Datestamps are UTC epoch seconds.
CREATE TABLE collections (
  id           TEXT COLLATE "C" PRIMARY KEY,
  title        TEXT NOT NULL,
  description  TEXT,
  content_hash TEXT NOT NULL,
  datestamp    BIGINT NOT NULL
);

CREATE TABLE records (
  id           TEXT COLLATE "C" PRIMARY KEY,
  title        TEXT NOT NULL,
  date_start   TEXT,              -- first day of the document's period, ISO, for ordering by date
  doc_type     TEXT,
  type_key     TEXT,              -- doc_type as a URL/set token
  body         TEXT NOT NULL,     -- canonical JSON of the whole record (schemas/record.schema.json)
  content_hash TEXT NOT NULL,     -- SHA-256 of body: the datestamp moves only when this changes
  datestamp    BIGINT NOT NULL,
  deleted      SMALLINT NOT NULL DEFAULT 0
);
CREATE INDEX records_by_datestamp ON records (datestamp, id);
CREATE INDEX records_by_type ON records (type_key, datestamp, id);
CREATE INDEX records_by_date ON records (date_start, id);

CREATE TABLE pages (
  record_id TEXT COLLATE "C" NOT NULL REFERENCES records (id),
  seq       INTEGER NOT NULL,
  image     TEXT NOT NULL,
  width     INTEGER NOT NULL,
  height    INTEGER NOT NULL,
  label     TEXT,
  PRIMARY KEY (record_id, seq)
);
CREATE INDEX pages_by_image ON pages (image);

CREATE TABLE memberships (
  collection_id TEXT COLLATE "C" NOT NULL REFERENCES collections (id),
  record_id     TEXT COLLATE "C" NOT NULL REFERENCES records (id),
  PRIMARY KEY (collection_id, record_id)
);
CREATE INDEX memberships_by_record ON memberships (record_id);

-- Append-only: derived stores catch up from the last seq they applied.
CREATE TABLE changes (
  seq       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  entity    TEXT NOT NULL,        -- 'record' or 'collection'
  entity_id TEXT NOT NULL,
  operation TEXT NOT NULL,        -- 'upsert' or 'delete'
  datestamp BIGINT NOT NULL
);
