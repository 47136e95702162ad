-- Access levels per record (issue 17, part 3). The level is part of the record's content (its
-- body, and so its content hash); the column repeats it for queries.
--
-- records.deleted now has three values: 0 published, 1 deleted (a tombstone), 2 hidden. A hidden
-- record is live for the admin API, and a tombstone for every public reader: each query that
-- publishes only "deleted = 0" leaves it out without knowing that levels exist, and OAI-PMH, which
-- lists tombstones, reports it deleted.
ALTER TABLE records ADD COLUMN access TEXT NOT NULL DEFAULT 'open';
