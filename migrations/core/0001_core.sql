-- The core: organizations, users with their roles and desks, sessions, login throttling,
-- the audit chain, policies, the holiday calendar and the case engine's tables. Modules keep
-- their own tables in their own migrations (src/<module>/migrations/). Portable across SQLite and
-- PostgreSQL: instants are ISO 8601 UTC text, booleans are 0/1 integers, JSON is text,
-- {{ID}} is an auto-assigned 64-bit key (see core/db/database.cpp).

CREATE TABLE organizations (
  id {{ID}},
  kind TEXT NOT NULL CHECK (kind IN ('office', 'district', 'department', 'enterprise', 'agency', 'citizens')),
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  uscc TEXT,
  parent_id BIGINT REFERENCES organizations(id),
  created_at TEXT NOT NULL
);
CREATE INDEX organizations_parent ON organizations(parent_id);

CREATE TABLE users (
  id {{ID}},
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  display_name TEXT NOT NULL,
  email TEXT NOT NULL DEFAULT '',
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  locale TEXT NOT NULL DEFAULT 'zh-CN',
  active INTEGER NOT NULL DEFAULT 1,
  demo INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX users_org ON users(org_id);

CREATE TABLE user_roles (
  user_id BIGINT NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,
  PRIMARY KEY (user_id, role)
);

-- The office's desks an officer or approver works on (the case types' `desk`).
CREATE TABLE user_desks (
  user_id BIGINT NOT NULL REFERENCES users(id),
  desk TEXT NOT NULL,
  PRIMARY KEY (user_id, desk)
);

-- The token itself is never stored: only its SHA-256.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT,
  ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_failures (
  id {{ID}},
  username TEXT NOT NULL,
  at TEXT NOT NULL,
  ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX login_failures_user_at ON login_failures(username, at);

-- Append-only: each entry carries the hash of the previous one (core/audit).
CREATE TABLE audit_log (
  id {{ID}},
  at TEXT NOT NULL,
  user_id BIGINT,
  username TEXT NOT NULL DEFAULT '',
  ip TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  object_type TEXT NOT NULL DEFAULT '',
  object_id TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT '{}',
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_object ON audit_log(object_type, object_id);
CREATE INDEX audit_log_user ON audit_log(user_id);

CREATE TABLE policies (
  name TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by BIGINT
);

CREATE TABLE holidays (
  day TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name_zh TEXT NOT NULL DEFAULT '',
  name_en TEXT NOT NULL DEFAULT ''
);

CREATE TABLE cases (
  id {{ID}},
  number TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  state TEXT NOT NULL,
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  applicant_id BIGINT NOT NULL REFERENCES users(id),
  assigned_to BIGINT REFERENCES users(id),
  data TEXT NOT NULL,
  -- denormalized from data for lists and filters (the type's summary hook)
  summary TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  submitted_at TEXT,
  decided_at TEXT,
  -- the due date of the deadline running in the current state (NULL when none runs)
  due_date TEXT
);
CREATE INDEX cases_org ON cases(org_id, id);
CREATE INDEX cases_applicant ON cases(applicant_id, id);
CREATE INDEX cases_state ON cases(state, id);
CREATE INDEX cases_type_state ON cases(type, state, id);
CREATE INDEX cases_assigned ON cases(assigned_to, id);
CREATE INDEX cases_due ON cases(due_date);

-- A case's named deadlines (the definition's `deadlines`): when each started, when it is
-- due, and when it was met (the case left the states it runs in) and whether late.
CREATE TABLE case_deadlines (
  case_id BIGINT NOT NULL REFERENCES cases(id),
  name TEXT NOT NULL,
  started_at TEXT NOT NULL,
  due_date TEXT NOT NULL,
  met_at TEXT,
  late INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (case_id, name)
);
CREATE INDEX case_deadlines_open ON case_deadlines(name, met_at, due_date);

-- The last case number given per type and year (China's calendar year).
CREATE TABLE case_counters (
  type TEXT NOT NULL,
  year INTEGER NOT NULL,
  last BIGINT NOT NULL,
  PRIMARY KEY (type, year)
);

CREATE TABLE case_events (
  id {{ID}},
  case_id BIGINT NOT NULL REFERENCES cases(id),
  at TEXT NOT NULL,
  user_id BIGINT REFERENCES users(id),
  kind TEXT NOT NULL,
  action TEXT NOT NULL DEFAULT '',
  from_state TEXT NOT NULL DEFAULT '',
  to_state TEXT NOT NULL DEFAULT '',
  comment TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX case_events_case ON case_events(case_id, id);

-- Files are stored with the database (base64 text, portable), so a backup is complete.
CREATE TABLE attachments (
  id {{ID}},
  case_id BIGINT NOT NULL REFERENCES cases(id),
  -- the definition's document slot it fills ('' for none)
  kind TEXT NOT NULL DEFAULT '',
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  content TEXT NOT NULL,
  uploaded_by BIGINT NOT NULL REFERENCES users(id),
  uploaded_at TEXT NOT NULL
);
CREATE INDEX attachments_case ON attachments(case_id);

-- Sub-records: many per case (each document of a legalization case), each with its kind,
-- data and its own small state machine (the definition's `subrecords`).
CREATE TABLE case_subrecords (
  id {{ID}},
  case_id BIGINT NOT NULL REFERENCES cases(id),
  kind TEXT NOT NULL,
  state TEXT NOT NULL,
  data TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX case_subrecords_case ON case_subrecords(case_id, id);

-- What q= searches: the number, owner and applicant, and the text the type's search hook
-- gives (lower case).
CREATE TABLE case_search (
  case_id BIGINT PRIMARY KEY REFERENCES cases(id),
  body TEXT NOT NULL
);
