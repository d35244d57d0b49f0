-- The régies and tariff grids in memory (src/app/commune_data.h): each worker keeps them
-- with its other commune data, read again when commune_revision (sql/008_revisions.sql)
-- moves. The triggers below raise it on any change of the régies, the tariffs, the closures
-- and an occurrence closed or reopened (only that: an occurrence's counters change with every
-- booking, and the commune's data would never stay read), from the portal or from anyone's
-- SQL. A key moved by an UPDATE raises both sides.
-- Rerunnable (IF NOT EXISTS throughout); on binary logging, see 008's note on privileges.
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
