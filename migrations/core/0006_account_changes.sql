-- Separation of duties (docs/security.md): a change to the access of an administrator's
-- account (its roles, its activation, its password) is not applied at once; it waits here
-- until another administrator confirms or rejects it: pending → applied | rejected.
-- Numbered 0006: 0005 is left to the password-policy migration of the accounts work.

CREATE TABLE account_changes (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  changes TEXT NOT NULL,  -- JSON: the members to set; a password as "changed", never its value
  password_hash TEXT,     -- the new password's hash while pending; cleared once decided
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'applied', 'rejected')),
  proposed_by BIGINT NOT NULL REFERENCES users(id),
  proposed_at TEXT NOT NULL,
  decided_by BIGINT REFERENCES users(id),
  decided_at TEXT
);
CREATE INDEX account_changes_state ON account_changes(state, id);
-- At most one pending change per account: a second proposal is refused (409).
CREATE UNIQUE INDEX account_changes_one_pending ON account_changes(user_id)
  WHERE state = 'pending';
