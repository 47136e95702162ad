-- Change Discovery (issue 14): the change log as IIIF activity streams.
--
-- pos: the entry's place in the stream of all changes, 1, 2, 3... with no gap. seq comes from the
-- database and may skip numbers (a PostgreSQL identity is not rolled back with a failed import);
-- pos is given by the writer, one at a time (writers are serialised), in seq order, so that page n
-- of the stream is exactly the entries n*size+1 .. (n+1)*size, found by keyset on pos.
-- created: 1 when an upsert made the resource exist (its first upsert, or the first after a delete):
-- a Create activity rather than an Update.
ALTER TABLE changes ADD COLUMN pos INTEGER;
ALTER TABLE changes ADD COLUMN created INTEGER NOT NULL DEFAULT 0;

UPDATE changes SET pos = n.rn
  FROM (SELECT seq, ROW_NUMBER() OVER (ORDER BY seq) AS rn FROM changes) AS n
  WHERE n.seq = changes.seq;

UPDATE changes SET created = 1
  FROM (SELECT seq, LAG(operation) OVER (PARTITION BY entity, entity_id ORDER BY seq) AS prev FROM changes) AS p
  WHERE p.seq = changes.seq AND changes.operation = 'upsert' AND (p.prev IS NULL OR p.prev = 'delete');

CREATE UNIQUE INDEX changes_by_pos ON changes (pos);

-- The stream of one collection: its own changes and those of its records, numbered 1, 2, 3... per
-- collection. A record's change is in the stream of every collection it belongs to after the
-- change (a deleted record keeps its memberships), and in that of a collection it left with the
-- change, as removed: the stream then says Remove, as the record is no longer in its scope.
-- Written with the change, since memberships change and a page must not.
CREATE TABLE collection_changes (
  collection_id TEXT NOT NULL,
  pos           INTEGER NOT NULL,   -- 1, 2, 3... within the collection's stream
  change_pos    INTEGER NOT NULL,   -- changes.pos
  removed       INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (collection_id, pos)
);

-- Catalogs from before this migration: their records' past memberships are not known, so each of
-- their changes goes to the collections the record belongs to now.
INSERT INTO collection_changes (collection_id, pos, change_pos, removed)
  SELECT collection_id, ROW_NUMBER() OVER (PARTITION BY collection_id ORDER BY change_pos), change_pos, 0
  FROM (SELECT m.collection_id AS collection_id, c.pos AS change_pos
          FROM changes c JOIN memberships m ON c.entity = 'record' AND m.record_id = c.entity_id
        UNION ALL
        SELECT c.entity_id, c.pos FROM changes c WHERE c.entity = 'collection') AS x;
