-- The visa agency: the catalog of destinations (which visas, which documents, what they cost,
-- which consulate), the admin's changes to it, and the batches of passports the visa desk takes
-- to a consulate.

-- A destination the office takes visa applications for, and the post whose consular district
-- covers Zhejiang (for most: a consulate general in Shanghai).
CREATE TABLE visa_countries (
  country TEXT PRIMARY KEY,                  -- ISO 3166-1 alpha-2
  consulate_zh TEXT NOT NULL,
  consulate_en TEXT NOT NULL,
  -- 1: the office is the sole agency the consulate accepts applications from (Japan, Korea).
  sole_agency INTEGER NOT NULL DEFAULT 0,
  note_zh TEXT NOT NULL DEFAULT '',
  note_en TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  updated_by BIGINT REFERENCES users(id)
);

-- The kinds of visa a destination issues through the office, in the order shown.
CREATE TABLE visa_kinds (
  country TEXT NOT NULL REFERENCES visa_countries(country),
  -- tourism | business | family | study | work | transit (labels in the catalogue)
  kind TEXT NOT NULL,
  position INTEGER NOT NULL,
  -- single | double | multiple: the entries the visa usually grants
  entries TEXT NOT NULL,
  -- The consulate's fee, in the currency's minor unit (cents, fen …), and its currency.
  visa_fee_amount BIGINT NOT NULL,
  visa_fee_currency TEXT NOT NULL,
  -- The office's agency fee, in fen.
  agency_fee_amount BIGINT NOT NULL,
  -- Typical processing time at the consulate, in working days.
  processing_days INTEGER NOT NULL,
  -- The documents an application of this kind must carry: a JSON array of the case type's
  -- document slots (src/visa/visa_application.json), e.g. ["passport","photo","application_form"].
  documents TEXT NOT NULL,
  PRIMARY KEY (country, kind)
);

-- Every change the admin made to a destination: the entry (with its kinds) before and after.
CREATE TABLE visa_catalog_history (
  id {{ID}},
  country TEXT NOT NULL,
  before_json TEXT NOT NULL,
  after_json TEXT NOT NULL,
  reason TEXT NOT NULL,
  by_user BIGINT NOT NULL REFERENCES users(id),
  at TEXT NOT NULL
);
CREATE INDEX visa_catalog_history_country ON visa_catalog_history(country, id);

-- Passports taken to one consulate on one day: open while the desk puts it together, sent,
-- then returned (partly, as results come in, then wholly).
CREATE TABLE visa_batches (
  id {{ID}},
  number TEXT NOT NULL UNIQUE,
  country TEXT NOT NULL,
  consulate_zh TEXT NOT NULL,
  consulate_en TEXT NOT NULL,
  dispatch_date TEXT NOT NULL,               -- YYYY-MM-DD
  state TEXT NOT NULL,               -- open | sent | partly_returned | returned | cancelled
  created_at TEXT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users(id),
  sent_at TEXT,
  returned_at TEXT
);
CREATE INDEX visa_batches_state ON visa_batches(state, id);

CREATE TABLE visa_batch_items (
  batch_id BIGINT NOT NULL REFERENCES visa_batches(id),
  case_id BIGINT NOT NULL REFERENCES cases(id),
  -- On return: issued | refused (the visa's details are in the case's data).
  result TEXT,
  PRIMARY KEY (batch_id, case_id)
);
CREATE INDEX visa_batch_items_case ON visa_batch_items(case_id);

-- The fees taken when the desk accepted an application: the catalog's at that moment (the
-- catalog may change later; what the applicant was charged does not).
CREATE TABLE visa_fees (
  case_id BIGINT PRIMARY KEY REFERENCES cases(id),
  visa_fee_amount BIGINT NOT NULL,
  visa_fee_currency TEXT NOT NULL,
  agency_fee_amount BIGINT NOT NULL,
  recorded_at TEXT NOT NULL
);
