-- Apostille and consular legalization: the Apostille Convention's relation with each
-- destination (reference data the admin keeps, with its history), from which a document's
-- route is decided.

-- A row per party of the Convention (0002) and per country the admin changed; a country
-- without a row is not a party.
CREATE TABLE legalization_destinations (
  country TEXT PRIMARY KEY,
  -- The Convention's entry into force for this party (YYYY-MM-DD); NULL: not a party.
  party_since TEXT,
  -- 1: the party objected to China's accession, so the Convention is not in force between them.
  objects_to_china INTEGER NOT NULL DEFAULT 0,
  note_zh TEXT NOT NULL DEFAULT '',
  note_en TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  updated_by BIGINT REFERENCES users(id)
);

-- Every change the admin made: the values before and after, who and when.
CREATE TABLE legalization_destination_history (
  id {{ID}},
  country TEXT NOT NULL,
  before_json TEXT NOT NULL,
  after_json TEXT NOT NULL,
  reason TEXT NOT NULL,
  by_user BIGINT NOT NULL REFERENCES users(id),
  at TEXT NOT NULL
);
CREATE INDEX legalization_destination_history_country
  ON legalization_destination_history(country, id);

-- The apostille issued for each document (its PDF in the core's documents table); numbered
-- per year.
CREATE TABLE legalization_apostilles (
  subrecord_id BIGINT PRIMARY KEY REFERENCES case_subrecords(id),
  case_id BIGINT NOT NULL REFERENCES cases(id),
  document_id BIGINT NOT NULL,
  number TEXT NOT NULL UNIQUE,
  issued_on TEXT NOT NULL
);
CREATE INDEX legalization_apostilles_case ON legalization_apostilles(case_id);

-- Documents sent together to one embassy or consulate (after the office's authentication):
-- a batch is open while it is put together, sent, then returned with each document's result.
CREATE TABLE legalization_batches (
  id {{ID}},
  number TEXT NOT NULL UNIQUE,
  country TEXT NOT NULL,
  post TEXT NOT NULL,
  state TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users(id),
  sent_at TEXT,
  returned_at TEXT
);
CREATE INDEX legalization_batches_state ON legalization_batches(state, id);

CREATE TABLE legalization_batch_items (
  batch_id BIGINT NOT NULL REFERENCES legalization_batches(id),
  subrecord_id BIGINT NOT NULL REFERENCES case_subrecords(id),
  case_id BIGINT NOT NULL REFERENCES cases(id),
  -- On return: legalized | refused.
  result TEXT,
  PRIMARY KEY (batch_id, subrecord_id)
);
CREATE INDEX legalization_batch_items_subrecord ON legalization_batch_items(subrecord_id);
