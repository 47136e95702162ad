-- The admin API's bearer tokens and its audit log (issue: admin API, part 1).
--
-- Only the SHA-256 of a token is kept (hex), never the token: a token is 256 random bits, so a
-- plain hash cannot be reversed and needs no salt or stretching. A revoked token stays listed, with
-- the time it was revoked, so that the audit log's token names keep their meaning.
CREATE TABLE api_tokens (
  name    TEXT PRIMARY KEY,
  scope   TEXT NOT NULL,              -- read | write | admin
  hash    TEXT NOT NULL UNIQUE,       -- lower-case hex SHA-256 of the token's UTF-8 bytes
  created INTEGER NOT NULL,           -- epoch seconds
  revoked INTEGER                     -- epoch seconds, or NULL while the token is live
);

-- Every write the admin API was asked for by a token, and how it ended.
CREATE TABLE api_audit (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  time       INTEGER NOT NULL,        -- epoch milliseconds
  token_name TEXT NOT NULL,
  action     TEXT NOT NULL,           -- such as "PUT record", "DELETE record", "POST import"
  target     TEXT,                    -- the record or collection id, NULL for an import
  result     TEXT NOT NULL            -- the HTTP status and, for an import, its counts
);
