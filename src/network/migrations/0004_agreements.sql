-- The agreements that found a relation or renew it (友好城市协议, 备忘录): signed on a day, for a
-- term or open-ended, the signed copy kept as a PDF (base64 text, as attachments keep theirs).
-- Renewal is a named deadline: `renewal_notice_days` before expiry the office's staff are told,
-- once (reminded_on).
CREATE TABLE network_agreements (
  id {{ID}},
  city_id BIGINT NOT NULL REFERENCES network_cities(id),
  title_zh TEXT NOT NULL,
  title_en TEXT NOT NULL,
  signed_on TEXT NOT NULL,            -- YYYY-MM-DD
  expires_on TEXT,                    -- YYYY-MM-DD, none when open-ended
  renewal_notice_days INTEGER NOT NULL,
  renewal_due_on TEXT,                -- expires_on less the notice: the reminder's day
  reminded_on TEXT,                   -- the day the staff were told
  file_name TEXT,
  file_size BIGINT,
  file_sha256 TEXT,
  file_content TEXT,
  file_uploaded_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX network_agreements_city ON network_agreements(city_id);
CREATE INDEX network_agreements_due ON network_agreements(renewal_due_on);
