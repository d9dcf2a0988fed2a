-- Official outbound travel: the green channel (直报) and its history, each case's route at
-- submission and its post-trip report, and the custody of official passports (held by the office, issued for a trip,
-- due back after it). The post-trip report's due date is the case's "report" deadline
-- (core table case_deadlines).

-- Enterprises that report directly to the office (a row while the channel is granted).
CREATE TABLE travel_green_channel (
  org_id BIGINT PRIMARY KEY REFERENCES organizations(id),
  granted_at TEXT NOT NULL
);

CREATE TABLE travel_green_channel_history (
  id {{ID}},
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  granted INTEGER NOT NULL,
  reason TEXT NOT NULL,
  by_user BIGINT NOT NULL REFERENCES users(id),
  at TEXT NOT NULL
);
CREATE INDEX travel_green_channel_history_org ON travel_green_channel_history(org_id, id);

-- Per case: whether it went through the green channel (decided when it was last submitted)
-- and its post-trip report (when it came, and whether after the "report" deadline).
CREATE TABLE travel_cases (
  case_id BIGINT PRIMARY KEY REFERENCES cases(id),
  direct_report INTEGER NOT NULL DEFAULT 0,
  reported_at TEXT,
  report_late INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX travel_cases_direct ON travel_cases(direct_report, case_id);

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
