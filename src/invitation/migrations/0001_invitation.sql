-- Invitations of foreigners to China: the letter each issued case got (its document in the
-- core's documents table) and, per invitee, the planned entry it announced — the office's own
-- record of earlier visits, which the multiple-entry rule counts.

CREATE TABLE invitation_letters (
  case_id BIGINT PRIMARY KEY REFERENCES cases(id),
  document_id BIGINT NOT NULL,
  number TEXT NOT NULL UNIQUE,
  issued_on TEXT NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE invitation_entries (
  case_id BIGINT NOT NULL REFERENCES cases(id),
  passport_key TEXT NOT NULL,
  arrival_date TEXT NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX invitation_entries_passport ON invitation_entries(passport_key, arrival_date);
CREATE INDEX invitation_entries_case ON invitation_entries(case_id);
