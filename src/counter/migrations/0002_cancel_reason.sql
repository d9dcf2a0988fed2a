-- The desk cancels a booking too (the counter closes that afternoon): with a reason the
-- applicant is told. A booking nobody came to is marked no_show once its slot is over.
-- state: booked | cancelled | checked_in | no_show
ALTER TABLE counter_bookings ADD COLUMN cancel_reason TEXT;
ALTER TABLE counter_bookings ADD COLUMN cancelled_by BIGINT REFERENCES users(id);
