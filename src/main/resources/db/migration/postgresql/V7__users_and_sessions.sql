-- The users of the IIIF access service (dossier user add) and their logins (issue 17, part 4).
--
-- A password is kept only as its BCrypt hash. A login is a random cookie of 256 bits, kept as its
-- SHA-256 (as the admin API's tokens are); the access token that the IIIF token service gives the
-- viewer is another random value, kept the same way, so that neither can be made from the other.
CREATE TABLE users (
  name          TEXT PRIMARY KEY,
  password_hash TEXT NOT NULL,       -- BCrypt, with its own salt and cost
  created       BIGINT NOT NULL         -- epoch seconds
);

CREATE TABLE sessions (
  cookie_hash TEXT PRIMARY KEY,      -- lower-case hex SHA-256 of the cookie's value
  token_hash  TEXT UNIQUE,           -- of the access token last given for it, or NULL
  user_name   TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,
  created     BIGINT NOT NULL,          -- epoch seconds
  expires     BIGINT NOT NULL           -- epoch seconds: past it, neither cookie nor token counts
);
CREATE INDEX sessions_by_user ON sessions (user_name);
