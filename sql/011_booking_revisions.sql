-- The planning month from memory (src/app/planning_data.h): each worker keeps, per family
-- and month, the family's bookings and attendance of the month's days, and reads them again
-- when family_revision.booking_revision moves, a third number beside the family file's and
-- the bills' (sql/008_revisions.sql, sql/010_billing_revisions.sql), read with the session.
-- The triggers below raise it on any change of the family's booking or attendance rows,
-- whatever their day, from the portal or from anyone's SQL. They replace 010's booking and
-- attendance triggers (one trigger per event, one write of the family's row per changed
-- booking), which keep raising billing_revision as before: for a booking, only when its day is
-- within the last month or so (see 010).
-- The occurrences' counters (booked, waiting) are not covered: they move with every
-- booking of anyone; the month's occurrences are kept per commune for a second at most
-- (see planning_data.h). A change of an occurrence's capacity, like its closing, now raises
-- commune_revision.
-- A family's first change inserts its row with revision 0, what the session lookup reads
-- for a missing row. Rerunnable (CREATE OR REPLACE; a row written meanwhile by the old
-- trigger only missed a booking_revision that nothing read yet).
ALTER TABLE family_revision
    ADD COLUMN IF NOT EXISTS booking_revision BIGINT UNSIGNED NOT NULL DEFAULT 0;

CREATE OR REPLACE TRIGGER tr_booking_billing_insert AFTER INSERT ON booking FOR EACH ROW INSERT INTO family_revision (family_id, revision, billing_revision, booking_revision) VALUES (NEW.family_id, 0, NEW.day BETWEEN CURDATE() - INTERVAL 33 DAY AND CURDATE() + INTERVAL 2 DAY, 1) ON DUPLICATE KEY UPDATE billing_revision = billing_revision + VALUES(billing_revision), booking_revision = booking_revision + 1;
CREATE OR REPLACE TRIGGER tr_booking_billing_update AFTER UPDATE ON booking FOR EACH ROW INSERT INTO family_revision (family_id, revision, billing_revision, booking_revision) SELECT k.family_id, 0, k.day BETWEEN CURDATE() - INTERVAL 33 DAY AND CURDATE() + INTERVAL 2 DAY, 1 FROM (SELECT NEW.family_id AS family_id, NEW.day AS day UNION ALL SELECT OLD.family_id, OLD.day) k ON DUPLICATE KEY UPDATE billing_revision = billing_revision + VALUES(billing_revision), booking_revision = booking_revision + 1;
CREATE OR REPLACE TRIGGER tr_booking_billing_delete AFTER DELETE ON booking FOR EACH ROW INSERT INTO family_revision (family_id, revision, billing_revision, booking_revision) VALUES (OLD.family_id, 0, OLD.day BETWEEN CURDATE() - INTERVAL 33 DAY AND CURDATE() + INTERVAL 2 DAY, 1) ON DUPLICATE KEY UPDATE billing_revision = billing_revision + VALUES(billing_revision), booking_revision = booking_revision + 1;
CREATE OR REPLACE TRIGGER tr_attendance_billing_insert AFTER INSERT ON attendance FOR EACH ROW INSERT INTO family_revision (family_id, revision, billing_revision, booking_revision) VALUES (NEW.family_id, 0, 1, 1) ON DUPLICATE KEY UPDATE billing_revision = billing_revision + 1, booking_revision = booking_revision + 1;
CREATE OR REPLACE TRIGGER tr_attendance_billing_update AFTER UPDATE ON attendance FOR EACH ROW INSERT INTO family_revision (family_id, revision, billing_revision, booking_revision) VALUES (NEW.family_id, 0, 1, 1), (OLD.family_id, 0, 1, 1) ON DUPLICATE KEY UPDATE billing_revision = billing_revision + 1, booking_revision = booking_revision + 1;
CREATE OR REPLACE TRIGGER tr_attendance_billing_delete AFTER DELETE ON attendance FOR EACH ROW INSERT INTO family_revision (family_id, revision, billing_revision, booking_revision) VALUES (OLD.family_id, 0, 1, 1) ON DUPLICATE KEY UPDATE billing_revision = billing_revision + 1, booking_revision = booking_revision + 1;
CREATE OR REPLACE TRIGGER tr_occurrence_closed AFTER UPDATE ON occurrence FOR EACH ROW INSERT INTO commune_revision (commune_id, revision) SELECT NEW.commune_id, 1 FROM DUAL WHERE NOT (NEW.closed <=> OLD.closed) OR NEW.capacity <> OLD.capacity OR NEW.commune_id <> OLD.commune_id ON DUPLICATE KEY UPDATE revision = revision + 1;
