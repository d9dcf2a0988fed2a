-- The documents linked to a project (feasibility studies, contracts, reports): PDF files kept
-- as base64 text, as the agreements keep their signed copy; each added, never replaced.
CREATE TABLE network_project_documents (
  id {{ID}},
  project_id BIGINT NOT NULL REFERENCES network_projects(id),
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  file_size BIGINT NOT NULL,
  file_sha256 TEXT NOT NULL,
  file_content TEXT NOT NULL,
  uploaded_by BIGINT REFERENCES users(id),
  uploaded_at TEXT NOT NULL
);
CREATE INDEX network_project_documents_project ON network_project_documents(project_id, id);
