-- The core's ?country= filter reads summary.destinations, for every case type; a trip's are
-- its itinerary's countries, which its summary already held as "countries" (travel.cpp).
UPDATE cases
SET summary = jsonb_set(summary::jsonb, '{destinations}', summary::jsonb -> 'countries')::text
WHERE type = 'outbound_travel' AND jsonb_typeof(summary::jsonb -> 'countries') = 'array'
  AND NOT jsonb_exists(summary::jsonb, 'destinations');
