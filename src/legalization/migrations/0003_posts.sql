-- The embassy or consulate that legalizes documents for each destination, named in Chinese and
-- in English, as a batch to it is addressed (batches.cpp takes it when the desk names none):
-- for applicants from Zhejiang, the destination's consulate general in Shanghai, whose consular
-- district Zhejiang is, or else its embassy in Beijing. Empty: none on record (the desk names
-- the post of each batch).
ALTER TABLE legalization_destinations ADD COLUMN post_zh TEXT NOT NULL DEFAULT '';
ALTER TABLE legalization_destinations ADD COLUMN post_en TEXT NOT NULL DEFAULT '';

-- The consulates general in Shanghai of destinations that take consular legalization (not
-- parties to the Apostille Convention per 0002, or India, which objected to China's accession).
-- Source: the consulates general in Shanghai. Only posts known to exist are recorded; the admin
-- records the others (PUT /api/v1/legalization/destinations/{country}, with history).
-- Viet Nam is left out: a party since 2026-09-11, its documents take apostilles, and no batch
-- goes to its consulate. A non-party has no row yet: one is made, still not a party; a row that
-- is there (India, or a country the admin changed) keeps its status and gains only the post.
-- ON CONFLICT … DO UPDATE: SQLite 3.24 and PostgreSQL 9.5 alike.
INSERT INTO legalization_destinations
  (country, party_since, objects_to_china, post_zh, post_en, updated_at)
VALUES
  ('IN', NULL, 0, '印度驻上海总领事馆', 'Consulate General of India in Shanghai',
   '2026-12-03T00:00:00.000Z'),
  ('TH', NULL, 0, '泰国驻上海总领事馆', 'Royal Thai Consulate-General in Shanghai',
   '2026-12-03T00:00:00.000Z'),
  ('MY', NULL, 0, '马来西亚驻上海总领事馆', 'Consulate General of Malaysia in Shanghai',
   '2026-12-03T00:00:00.000Z'),
  ('AE', NULL, 0, '阿拉伯联合酋长国驻上海总领事馆',
   'Consulate General of the United Arab Emirates in Shanghai', '2026-12-03T00:00:00.000Z'),
  ('EG', NULL, 0, '埃及驻上海总领事馆', 'Consulate General of Egypt in Shanghai',
   '2026-12-03T00:00:00.000Z'),
  ('IR', NULL, 0, '伊朗驻上海总领事馆', 'Consulate General of the Islamic Republic of Iran in Shanghai',
   '2026-12-03T00:00:00.000Z'),
  ('LK', NULL, 0, '斯里兰卡驻上海总领事馆', 'Consulate General of Sri Lanka in Shanghai',
   '2026-12-03T00:00:00.000Z'),
  ('KH', NULL, 0, '柬埔寨驻上海总领事馆', 'Consulate General of Cambodia in Shanghai',
   '2026-12-03T00:00:00.000Z'),
  ('NG', NULL, 0, '尼日利亚驻上海总领事馆', 'Consulate General of Nigeria in Shanghai',
   '2026-12-03T00:00:00.000Z')
ON CONFLICT (country) DO UPDATE SET post_zh = excluded.post_zh, post_en = excluded.post_en;
