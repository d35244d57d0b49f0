-- A place freed after the booking deadline is offered to the first wait-listed child: the
-- family confirms it before `offer_expires_at` (UTC), else it passes to the next child.
-- An offered place counts in occurrence.booked, so the capacity still holds.
ALTER TABLE booking
    MODIFY status ENUM('booked', 'waiting', 'requested', 'refused', 'cancelled', 'offered')
        NOT NULL,
    ADD COLUMN IF NOT EXISTS offer_expires_at DATETIME NULL;
CREATE INDEX IF NOT EXISTS ix_booking_offer ON booking (status, offer_expires_at);

-- Hours a family has to confirm an offered place (never past the start of the day).
-- Capacity per age group: when young_age_months is set, children younger than that on the
-- day have young_capacity places, the others capacity - young_capacity.
ALTER TABLE activity
    ADD COLUMN IF NOT EXISTS offer_hours INT NOT NULL DEFAULT 24,
    ADD COLUMN IF NOT EXISTS young_age_months INT NULL,
    ADD COLUMN IF NOT EXISTS young_capacity INT NULL;
