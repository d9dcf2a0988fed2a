-- The accounts of MLPS level 3 (issue 7): a password to change at the next sign-in (set by an
-- administrator's creation or reset), the history of replaced password hashes (a new password
-- may not be one of the last 5), and sessions that can be listed and revoked one by one by
-- their owner, with the last activity for the idle timeout. Portable across both engines.

ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;

-- Argon2id hashes the account used before its current one, newest last (the id's order).
CREATE TABLE password_history (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  password_hash TEXT NOT NULL,
  replaced_at TEXT NOT NULL
);
CREATE INDEX password_history_user ON password_history(user_id, id);

-- Sessions get a numeric id (the owner names one to revoke it, never by its token), the time
-- of the last activity (written at most once a minute) and the client's user agent. The
-- table is rebuilt, as SQLite cannot add a key to an existing one: open sessions carry over.
CREATE TABLE sessions_v2 (
  id {{ID}},
  token_hash TEXT NOT NULL UNIQUE,
  user_id BIGINT NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT,
  ip TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT ''
);
INSERT INTO sessions_v2 (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at,
                         revoked_at, ip)
  SELECT token_hash, user_id, csrf_token, created_at, created_at, expires_at, revoked_at, ip
  FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_v2 RENAME TO sessions;
CREATE INDEX sessions_user ON sessions(user_id);
