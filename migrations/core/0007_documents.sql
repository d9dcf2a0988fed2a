-- Official documents (core/documents): the signed PDFs a module issues for a case, their
-- number series, and the throttle of public endpoints (core/throttle).

-- A document as issued: the signed PDF (base64 text, as attachments keep their bytes, so that
-- a backup is complete on both engines) and what the public verification shows of it
-- (register_fields, JSON). Never deleted: a withdrawn document is revoked.
CREATE TABLE documents (
  id {{ID}},
  case_id BIGINT NOT NULL REFERENCES cases(id),
  kind TEXT NOT NULL,
  number TEXT NOT NULL,
  issued_on TEXT NOT NULL,         -- YYYY-MM-DD, China's date
  template_version TEXT NOT NULL,
  sha256 TEXT NOT NULL,            -- of the signed PDF, hex
  size BIGINT NOT NULL,
  content TEXT NOT NULL,           -- the signed PDF, base64
  register_fields TEXT NOT NULL,   -- JSON object
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,        -- UTC
  revoked_at TEXT,
  revoked_by BIGINT REFERENCES users(id),
  revoke_reason TEXT,
  UNIQUE (kind, number)
);
CREATE INDEX documents_case ON documents(case_id, id);

-- The last number given in each series and year (NextNumber).
CREATE TABLE document_series (
  series TEXT NOT NULL,
  year INTEGER NOT NULL,
  last BIGINT NOT NULL,
  PRIMARY KEY (series, year)
);

-- Failures of a client (its address) at a public endpoint (scope), in the current window;
-- blocked_until is set once it failed too often. Instants are Unix seconds.
CREATE TABLE throttle (
  scope TEXT NOT NULL,
  client TEXT NOT NULL,
  window_start BIGINT NOT NULL,
  failures INTEGER NOT NULL,
  blocked_until BIGINT,
  PRIMARY KEY (scope, client)
);
