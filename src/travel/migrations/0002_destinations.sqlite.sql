-- The core's ?country= filter reads summary.destinations, for every case type; a trip's are
-- its itinerary's countries, which its summary already held as "countries" (travel.cpp).
UPDATE cases
SET summary = json_set(summary, '$.destinations', json(json_extract(summary, '$.countries')))
WHERE type = 'outbound_travel' AND json_type(summary, '$.countries') = 'array'
  AND json_type(summary, '$.destinations') IS NULL;
