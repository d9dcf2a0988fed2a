-- The outbound-travel case (type outbound_travel, the core's cases) a delegation went through,
-- when it did: checked to exist, be of that type and visit the partner city's country.
ALTER TABLE network_exchanges ADD COLUMN travel_case_id BIGINT REFERENCES cases(id);
