-- Travel alerts for a list of cities: the area's third kind, 'cities'.
ALTER TABLE safety_alerts DROP CONSTRAINT safety_alerts_area_check;
ALTER TABLE safety_alerts ADD CONSTRAINT safety_alerts_area_check
  CHECK (area IN ('countries', 'circle', 'cities'));

-- The cities of an alert for a list of them, in the order given: each as the gazetteer had it
-- when the alert was written (its GeoNames id, kept without a foreign key like every module's).
CREATE TABLE safety_alert_cities (
  alert_id BIGINT NOT NULL REFERENCES safety_alerts(id),
  position INTEGER NOT NULL,
  place_id BIGINT NOT NULL,
  country TEXT NOT NULL,
  name_en TEXT NOT NULL,
  name_zh TEXT,
  lat DOUBLE PRECISION NOT NULL,
  lon DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (alert_id, position)
);
