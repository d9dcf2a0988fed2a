-- Official outbound travel: the green-channel flag's history and the custody of official
-- passports (held by the office, issued for a trip, due back after it).

CREATE TABLE direct_report_history (
  id {{ID}},
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  granted INTEGER NOT NULL,
  reason TEXT NOT NULL,
  by_user BIGINT NOT NULL REFERENCES users(id),
  at TEXT NOT NULL
);
CREATE INDEX direct_report_history_org ON direct_report_history(org_id, id);

CREATE TABLE passport_custody (
  id {{ID}},
  case_id BIGINT NOT NULL REFERENCES cases(id),
  member_name TEXT NOT NULL,
  id_number TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  due_date TEXT NOT NULL,
  returned_at TEXT,
  returned_to BIGINT REFERENCES users(id)
);
CREATE INDEX passport_custody_case ON passport_custody(case_id);
CREATE INDEX passport_custody_open ON passport_custody(returned_at, due_date);
