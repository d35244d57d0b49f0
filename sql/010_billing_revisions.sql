-- The facturation page from memory (src/app/commune_data.h, src/app/family_billing.h): each
-- worker keeps the commune's régies and tariff grids with its other commune data, and the
-- billing view of the families it serves (their invoices' first page, count and balance, and
-- the month's running estimate), read again when a revision number says they changed. The
-- triggers below raise them on any change of the rows they come from, from the portal or
-- from anyone's SQL:
-- - commune_revision (sql/008_revisions.sql) for the régies, the tariffs, the closures and an
--   occurrence closed or reopened (only that: an occurrence's counters change with every
--   booking, and the commune's data would never stay read);
-- - family_revision.billing_revision, a second number beside the family file's (the family
--   file is not read again when only its bills change), for the family's bookings,
--   attendance, invoices and invoice lines. A family's first billing change inserts its row
--   with revision 0, which is what the session lookup reads for a missing row.
-- Two exceptions, both for a write per row that would cost more than it tells (measured on
-- the bench's invoicing run: a line trigger took it from about 4 s to 9–12 s):
-- - A booking raises the number only when its day is within the last month or so: the
--   estimate counts the days from the 1st of the current month to today (Paris), and the
--   page's memory lasts one day, so a booking of a later day counts once its day has come
--   and the page reads it anew then; older ones are invoiced or left out. The slack covers
--   the database server's time zone and date against Paris. (The opening rush, the bulk
--   seeding of a school year and the booking of next week write no revision.)
-- - An invoice line raises it when changed or deleted, not when inserted: lines are
--   inserted with their invoice, in its transaction, whose own insert raised it; and a line
--   added to an issued invoice by hand changes the invoice's total too (its UPDATE raises it).
-- A key moved by an UPDATE (a booking given to another family) raises both sides.
-- Rerunnable (IF NOT EXISTS throughout); on binary logging, see 008's note on privileges.
ALTER TABLE family_revision
    ADD COLUMN IF NOT EXISTS billing_revision BIGINT UNSIGNED NOT NULL DEFAULT 0;

CREATE TRIGGER IF NOT EXISTS tr_regie_insert AFTER INSERT ON regie FOR EACH ROW INSERT INTO commune_revision (commune_id, revision) VALUES (NEW.commune_id, 1) ON DUPLICATE KEY UPDATE revision = revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_regie_update AFTER UPDATE ON regie FOR EACH ROW INSERT INTO commune_revision (commune_id, revision) VALUES (NEW.commune_id, 1), (OLD.commune_id, 1) ON DUPLICATE KEY UPDATE revision = revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_regie_delete AFTER DELETE ON regie FOR EACH ROW INSERT INTO commune_revision (commune_id, revision) VALUES (OLD.commune_id, 1) ON DUPLICATE KEY UPDATE revision = revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_tariff_insert AFTER INSERT ON tariff FOR EACH ROW INSERT INTO commune_revision (commune_id, revision) VALUES (NEW.commune_id, 1) ON DUPLICATE KEY UPDATE revision = revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_tariff_update AFTER UPDATE ON tariff FOR EACH ROW INSERT INTO commune_revision (commune_id, revision) VALUES (NEW.commune_id, 1), (OLD.commune_id, 1) ON DUPLICATE KEY UPDATE revision = revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_tariff_delete AFTER DELETE ON tariff FOR EACH ROW INSERT INTO commune_revision (commune_id, revision) VALUES (OLD.commune_id, 1) ON DUPLICATE KEY UPDATE revision = revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_closure_insert AFTER INSERT ON closure FOR EACH ROW INSERT INTO commune_revision (commune_id, revision) VALUES (NEW.commune_id, 1) ON DUPLICATE KEY UPDATE revision = revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_closure_update AFTER UPDATE ON closure FOR EACH ROW INSERT INTO commune_revision (commune_id, revision) VALUES (NEW.commune_id, 1), (OLD.commune_id, 1) ON DUPLICATE KEY UPDATE revision = revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_closure_delete AFTER DELETE ON closure FOR EACH ROW INSERT INTO commune_revision (commune_id, revision) VALUES (OLD.commune_id, 1) ON DUPLICATE KEY UPDATE revision = revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_occurrence_closed AFTER UPDATE ON occurrence FOR EACH ROW INSERT INTO commune_revision (commune_id, revision) SELECT NEW.commune_id, 1 FROM DUAL WHERE NOT (NEW.closed <=> OLD.closed) OR NEW.commune_id <> OLD.commune_id ON DUPLICATE KEY UPDATE revision = revision + 1;

CREATE TRIGGER IF NOT EXISTS tr_booking_billing_insert AFTER INSERT ON booking FOR EACH ROW INSERT INTO family_revision (family_id, revision, billing_revision) SELECT NEW.family_id, 0, 1 FROM DUAL WHERE NEW.day BETWEEN CURDATE() - INTERVAL 33 DAY AND CURDATE() + INTERVAL 2 DAY ON DUPLICATE KEY UPDATE billing_revision = billing_revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_booking_billing_update AFTER UPDATE ON booking FOR EACH ROW INSERT INTO family_revision (family_id, revision, billing_revision) SELECT k.family_id, 0, 1 FROM (SELECT NEW.family_id AS family_id, NEW.day AS day UNION ALL SELECT OLD.family_id, OLD.day) k WHERE k.day BETWEEN CURDATE() - INTERVAL 33 DAY AND CURDATE() + INTERVAL 2 DAY ON DUPLICATE KEY UPDATE billing_revision = billing_revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_booking_billing_delete AFTER DELETE ON booking FOR EACH ROW INSERT INTO family_revision (family_id, revision, billing_revision) SELECT OLD.family_id, 0, 1 FROM DUAL WHERE OLD.day BETWEEN CURDATE() - INTERVAL 33 DAY AND CURDATE() + INTERVAL 2 DAY ON DUPLICATE KEY UPDATE billing_revision = billing_revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_attendance_billing_insert AFTER INSERT ON attendance FOR EACH ROW INSERT INTO family_revision (family_id, revision, billing_revision) VALUES (NEW.family_id, 0, 1) ON DUPLICATE KEY UPDATE billing_revision = billing_revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_attendance_billing_update AFTER UPDATE ON attendance FOR EACH ROW INSERT INTO family_revision (family_id, revision, billing_revision) VALUES (NEW.family_id, 0, 1), (OLD.family_id, 0, 1) ON DUPLICATE KEY UPDATE billing_revision = billing_revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_attendance_billing_delete AFTER DELETE ON attendance FOR EACH ROW INSERT INTO family_revision (family_id, revision, billing_revision) VALUES (OLD.family_id, 0, 1) ON DUPLICATE KEY UPDATE billing_revision = billing_revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_invoice_billing_insert AFTER INSERT ON invoice FOR EACH ROW INSERT INTO family_revision (family_id, revision, billing_revision) VALUES (NEW.family_id, 0, 1) ON DUPLICATE KEY UPDATE billing_revision = billing_revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_invoice_billing_update AFTER UPDATE ON invoice FOR EACH ROW INSERT INTO family_revision (family_id, revision, billing_revision) VALUES (NEW.family_id, 0, 1), (OLD.family_id, 0, 1) ON DUPLICATE KEY UPDATE billing_revision = billing_revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_invoice_billing_delete AFTER DELETE ON invoice FOR EACH ROW INSERT INTO family_revision (family_id, revision, billing_revision) VALUES (OLD.family_id, 0, 1) ON DUPLICATE KEY UPDATE billing_revision = billing_revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_line_billing_update AFTER UPDATE ON invoice_line FOR EACH ROW INSERT INTO family_revision (family_id, revision, billing_revision) SELECT i.family_id, 0, 1 FROM invoice i WHERE i.id IN (NEW.invoice_id, OLD.invoice_id) ON DUPLICATE KEY UPDATE billing_revision = billing_revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_line_billing_delete AFTER DELETE ON invoice_line FOR EACH ROW INSERT INTO family_revision (family_id, revision, billing_revision) SELECT i.family_id, 0, 1 FROM invoice i WHERE i.id = OLD.invoice_id ON DUPLICATE KEY UPDATE billing_revision = billing_revision + 1;
