-- The day of a booking's occurrence, on the booking itself, so that a family's bookings of
-- one month are read through an index (commune, family, day) instead of the family's whole
-- history filtered through occurrence (the month's running estimate on the facturation
-- page, src/db/billing.cpp).
-- The trigger fills it on every insert, whoever inserts (the booking path, seed-bench, any
-- SQL). Nothing changes it afterwards: an occurrence's day never changes (it is the
-- activity's day, uq_occurrence), nor a booking's occurrence (one row per child and
-- occurrence, ever).
-- Rerunnable: the trigger exists before the backfill, so a booking inserted meanwhile has
-- its day either way; NOT NULL only once every row has one.
ALTER TABLE booking ADD COLUMN IF NOT EXISTS day DATE NULL AFTER family_id;

CREATE TRIGGER IF NOT EXISTS tr_booking_day BEFORE INSERT ON booking FOR EACH ROW SET NEW.day = (SELECT o.day FROM occurrence o WHERE o.id = NEW.occurrence_id);

UPDATE booking b JOIN occurrence o ON o.id = b.occurrence_id SET b.day = o.day
    WHERE b.day IS NULL OR b.day <> o.day;

ALTER TABLE booking MODIFY COLUMN day DATE NOT NULL,
    ADD INDEX IF NOT EXISTS ix_booking_family_day (commune_id, family_id, day);
