-- Counter appointments (便民服务窗口): the office's counters, the slots of their working days
-- and the bookings applicants make, checked in on the day with a queue number.

-- A counter: where it is, which desk's applicants it serves, and its day (periods cut into
-- slots of `slot_minutes`, each taking `capacity` people). Open on the calendar's working days.
CREATE TABLE counter_counters (
  id {{ID}},
  code TEXT NOT NULL UNIQUE,          -- the queue numbers' letter: A001, A002 …
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  place_zh TEXT NOT NULL,
  place_en TEXT NOT NULL,
  service TEXT NOT NULL,              -- the desk whose applicants it receives: visa | legalization
  capacity INTEGER NOT NULL,
  slot_minutes INTEGER NOT NULL,
  hours TEXT NOT NULL                 -- JSON [["09:00","12:00"],["13:30","17:00"]] (China time)
);

-- How many bookings hold each slot: raised only while below the counter's capacity, so two
-- applicants booking the last place at once cannot both get it.
CREATE TABLE counter_slot_load (
  counter_id BIGINT NOT NULL REFERENCES counter_counters(id),
  day TEXT NOT NULL,
  start TEXT NOT NULL,
  booked INTEGER NOT NULL,
  PRIMARY KEY (counter_id, day, start)
);

CREATE TABLE counter_bookings (
  id {{ID}},
  counter_id BIGINT NOT NULL REFERENCES counter_counters(id),
  day TEXT NOT NULL,                  -- YYYY-MM-DD
  start TEXT NOT NULL,                -- HH:MM, China time
  user_id BIGINT NOT NULL REFERENCES users(id),  -- the booker; for a walk-in, the desk's user
  walk_in_name TEXT,                  -- a walk-in without a booking: the name the desk took
  case_id BIGINT REFERENCES cases(id),
  purpose TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL,                -- booked | cancelled | checked_in
  queue_number TEXT,
  created_at TEXT NOT NULL,
  cancelled_at TEXT,
  checked_in_at TEXT
);
CREATE INDEX counter_bookings_day ON counter_bookings(counter_id, day, start);
CREATE INDEX counter_bookings_user ON counter_bookings(user_id, day);

-- The two windows of the Foreign Affairs service counter in the Ningbo Citizens' Service
-- Centre: visas, and apostilles and legalization.
INSERT INTO counter_counters
  (code, name_zh, name_en, place_zh, place_en, service, capacity, slot_minutes, hours)
VALUES
  ('A', '外事服务窗口 1 号(签证代办)', 'Foreign Affairs window 1 (visas)',
   '宁波市民服务中心外事服务窗口', 'the Foreign Affairs window of the Ningbo Citizens'' Service Centre',
   'visa', 4, 30, '[["09:00","12:00"],["13:30","17:00"]]'),
  ('B', '外事服务窗口 2 号(领事认证)', 'Foreign Affairs window 2 (apostilles and legalization)',
   '宁波市民服务中心外事服务窗口', 'the Foreign Affairs window of the Ningbo Citizens'' Service Centre',
   'legalization', 3, 30, '[["09:00","12:00"],["13:30","17:00"]]');
