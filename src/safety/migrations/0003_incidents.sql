-- Crisis mode: an incident (a circle and a window), its roll call (one question to each
-- person affected, answered through a one-time link) and the phone calls made, with the
-- incident's timeline. Dates are days since 1970-01-01 as in the register; instants ISO UTC.
CREATE TABLE safety_incidents (
  id {{ID}},
  title TEXT NOT NULL,
  lat DOUBLE PRECISION NOT NULL,
  lon DOUBLE PRECISION NOT NULL,
  radius_km DOUBLE PRECISION NOT NULL,
  from_day INTEGER NOT NULL,
  to_day INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  closed_at TEXT
);

-- One row per person asked. The link's token is kept only as its SHA-256 (hex): the database
-- cannot answer for anyone. A person answers once; the answer stays with the incident.
CREATE TABLE safety_rollcall (
  incident_id BIGINT NOT NULL REFERENCES safety_incidents(id),
  person_id BIGINT NOT NULL REFERENCES safety_people(id) ON DELETE CASCADE,
  token_sha256 TEXT NOT NULL UNIQUE,
  asked_at TEXT NOT NULL,
  emailed INTEGER NOT NULL DEFAULT 0,   -- 1: the question went to the outbox
  answer TEXT CHECK (answer IN ('safe', 'need_help')),
  note TEXT NOT NULL DEFAULT '',
  answer_lat DOUBLE PRECISION,
  answer_lon DOUBLE PRECISION,
  answered_at TEXT,
  case_id BIGINT,                       -- the consular case opened for a "need help"
  PRIMARY KEY (incident_id, person_id)
);
CREATE INDEX safety_rollcall_answer ON safety_rollcall(incident_id, answer);

CREATE TABLE safety_calls (
  id {{ID}},
  incident_id BIGINT NOT NULL REFERENCES safety_incidents(id),
  person_id BIGINT NOT NULL REFERENCES safety_people(id) ON DELETE CASCADE,
  outcome TEXT NOT NULL CHECK (outcome IN ('reached', 'no_answer')),
  note TEXT NOT NULL DEFAULT '',
  called_by BIGINT NOT NULL REFERENCES users(id),
  called_at TEXT NOT NULL
);
CREATE INDEX safety_calls_incident ON safety_calls(incident_id, person_id);

-- What happened, in order: created, asked (how many), answered, called, case, closed.
-- person_id is kept without a reference: the timeline outlives a person's removal (retention
-- removes them; the entry then names nobody).
CREATE TABLE safety_timeline (
  id {{ID}},
  incident_id BIGINT NOT NULL REFERENCES safety_incidents(id),
  at TEXT NOT NULL,
  kind TEXT NOT NULL
    CHECK (kind IN ('created', 'asked', 'answered', 'called', 'case', 'closed')),
  actor BIGINT REFERENCES users(id),    -- null: the person abroad (an answer)
  person_id BIGINT,
  detail TEXT NOT NULL DEFAULT '{}'     -- JSON
);
CREATE INDEX safety_timeline_incident ON safety_timeline(incident_id, id);
