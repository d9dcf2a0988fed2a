-- Notifications (core/notify): the in-app inbox, the outbox the mailer sends through SMTP, and
-- the mass sends an office user prepares and another reviews before anything goes.
-- A message's text is never stored: only its catalogue key and arguments, rendered in the
-- reader's language when read or sent. The recipient's language is users.locale (0001).

CREATE TABLE notification_batches (
  id {{ID}},
  msg_key TEXT NOT NULL,
  args TEXT NOT NULL DEFAULT '{}',       -- JSON object: placeholder → value
  link TEXT NOT NULL DEFAULT '',
  recipients TEXT NOT NULL,              -- JSON: {"user_ids":[…]} or {"organization_ids":[…]}
  state TEXT NOT NULL DEFAULT 'pending_review'
    CHECK (state IN ('pending_review', 'approved', 'rejected')),
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  decided_by BIGINT REFERENCES users(id),
  decided_at TEXT,
  reason TEXT NOT NULL DEFAULT '',
  sent_count INTEGER NOT NULL DEFAULT 0  -- the messages made on approval
);
CREATE INDEX notification_batches_state ON notification_batches(state, id);

-- The inbox: one row per message to a user.
CREATE TABLE notifications (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  msg_key TEXT NOT NULL,
  args TEXT NOT NULL DEFAULT '{}',
  link TEXT NOT NULL DEFAULT '',
  batch_id BIGINT REFERENCES notification_batches(id),
  created_at TEXT NOT NULL,
  read_at TEXT
);
CREATE INDEX notifications_user ON notifications(user_id, id);
-- The header's unread count reads this index only.
CREATE INDEX notifications_unread ON notifications(user_id) WHERE read_at IS NULL;

-- The outbox: queued → sending (claimed by one mailer) → sent, or failed (the server's
-- answer kept, retried at next_attempt_at while attempts < 8).
CREATE TABLE outbox (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES users(id),
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
  batch_id BIGINT REFERENCES notification_batches(id)
);
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
