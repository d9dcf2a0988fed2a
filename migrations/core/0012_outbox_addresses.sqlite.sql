-- The outbox also mails people who have no account (a person abroad the safety register knows
-- by address, answering a roll call): user_id becomes optional, and such a message carries the
-- language it is written in (a user's message is written in the user's language when sent).
-- SQLite cannot drop a NOT NULL: the table is rebuilt, with its rows and index.
CREATE TABLE outbox_next (
  id {{ID}},
  user_id BIGINT REFERENCES users(id),
  to_address TEXT NOT NULL,
  msg_key TEXT NOT NULL,
  args TEXT NOT NULL DEFAULT '{}',
  link TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  last_error TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  sent_at TEXT,
  batch_id BIGINT REFERENCES notification_batches(id),
  locale TEXT,
  CHECK (user_id IS NOT NULL OR locale IS NOT NULL)
);
INSERT INTO outbox_next (id, user_id, to_address, msg_key, args, link, state, attempts,
                         next_attempt_at, last_error, created_at, sent_at, batch_id)
  SELECT id, user_id, to_address, msg_key, args, link, state, attempts, next_attempt_at,
         last_error, created_at, sent_at, batch_id
  FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_next RENAME TO outbox;
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
