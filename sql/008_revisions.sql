-- Every worker keeps in memory what each page of a commune reads and agents rarely change
-- (the activities, the rules documents and the family-file settings), and the family file
-- of the families it serves (the family, its members, documents, change requests and rules
-- acceptances). A revision number tells it when to read them again: the triggers below
-- raise it on any change of those rows, from the portal or from anyone's SQL, and the
-- session lookup of every logged-in request reads both numbers at no extra statement.
-- The numbers live in tables of their own: a trigger may not write a table that the
-- statement firing it reads (INSERT … SELECT … FROM family, error 1442).
-- (Creating triggers needs the TRIGGER privilege, and with binary logging on,
-- log_bin_trust_function_creators=1 or SUPER: see docs/DEPLOY.md.)
CREATE TABLE IF NOT EXISTS commune_revision (
    commune_id  BIGINT UNSIGNED NOT NULL PRIMARY KEY,
    revision    BIGINT UNSIGNED NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS family_revision (
    family_id   BIGINT UNSIGNED NOT NULL PRIMARY KEY,
    revision    BIGINT UNSIGNED NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TRIGGER IF NOT EXISTS tr_commune_update AFTER UPDATE ON commune FOR EACH ROW INSERT INTO commune_revision (commune_id, revision) VALUES (NEW.id, 1) ON DUPLICATE KEY UPDATE revision = revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_activity_insert AFTER INSERT ON activity FOR EACH ROW INSERT INTO commune_revision (commune_id, revision) VALUES (NEW.commune_id, 1) ON DUPLICATE KEY UPDATE revision = revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_activity_update AFTER UPDATE ON activity FOR EACH ROW INSERT INTO commune_revision (commune_id, revision) VALUES (NEW.commune_id, 1) ON DUPLICATE KEY UPDATE revision = revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_activity_delete AFTER DELETE ON activity FOR EACH ROW INSERT INTO commune_revision (commune_id, revision) VALUES (OLD.commune_id, 1) ON DUPLICATE KEY UPDATE revision = revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_rules_insert AFTER INSERT ON rules_document FOR EACH ROW INSERT INTO commune_revision (commune_id, revision) VALUES (NEW.commune_id, 1) ON DUPLICATE KEY UPDATE revision = revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_rules_update AFTER UPDATE ON rules_document FOR EACH ROW INSERT INTO commune_revision (commune_id, revision) VALUES (NEW.commune_id, 1) ON DUPLICATE KEY UPDATE revision = revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_rules_delete AFTER DELETE ON rules_document FOR EACH ROW INSERT INTO commune_revision (commune_id, revision) VALUES (OLD.commune_id, 1) ON DUPLICATE KEY UPDATE revision = revision + 1;

CREATE TRIGGER IF NOT EXISTS tr_family_update AFTER UPDATE ON family FOR EACH ROW INSERT INTO family_revision (family_id, revision) VALUES (NEW.id, 1) ON DUPLICATE KEY UPDATE revision = revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_family_delete AFTER DELETE ON family FOR EACH ROW INSERT INTO family_revision (family_id, revision) VALUES (OLD.id, 1) ON DUPLICATE KEY UPDATE revision = revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_member_insert AFTER INSERT ON family_member FOR EACH ROW INSERT INTO family_revision (family_id, revision) VALUES (NEW.family_id, 1) ON DUPLICATE KEY UPDATE revision = revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_member_update AFTER UPDATE ON family_member FOR EACH ROW INSERT INTO family_revision (family_id, revision) VALUES (NEW.family_id, 1) ON DUPLICATE KEY UPDATE revision = revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_member_delete AFTER DELETE ON family_member FOR EACH ROW INSERT INTO family_revision (family_id, revision) VALUES (OLD.family_id, 1) ON DUPLICATE KEY UPDATE revision = revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_photo_insert AFTER INSERT ON member_photo FOR EACH ROW INSERT INTO family_revision (family_id, revision) VALUES (NEW.family_id, 1) ON DUPLICATE KEY UPDATE revision = revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_photo_update AFTER UPDATE ON member_photo FOR EACH ROW INSERT INTO family_revision (family_id, revision) VALUES (NEW.family_id, 1) ON DUPLICATE KEY UPDATE revision = revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_photo_delete AFTER DELETE ON member_photo FOR EACH ROW INSERT INTO family_revision (family_id, revision) VALUES (OLD.family_id, 1) ON DUPLICATE KEY UPDATE revision = revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_document_insert AFTER INSERT ON family_document FOR EACH ROW INSERT INTO family_revision (family_id, revision) VALUES (NEW.family_id, 1) ON DUPLICATE KEY UPDATE revision = revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_document_update AFTER UPDATE ON family_document FOR EACH ROW INSERT INTO family_revision (family_id, revision) VALUES (NEW.family_id, 1) ON DUPLICATE KEY UPDATE revision = revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_document_delete AFTER DELETE ON family_document FOR EACH ROW INSERT INTO family_revision (family_id, revision) VALUES (OLD.family_id, 1) ON DUPLICATE KEY UPDATE revision = revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_request_insert AFTER INSERT ON change_request FOR EACH ROW INSERT INTO family_revision (family_id, revision) VALUES (NEW.family_id, 1) ON DUPLICATE KEY UPDATE revision = revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_request_update AFTER UPDATE ON change_request FOR EACH ROW INSERT INTO family_revision (family_id, revision) VALUES (NEW.family_id, 1) ON DUPLICATE KEY UPDATE revision = revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_request_delete AFTER DELETE ON change_request FOR EACH ROW INSERT INTO family_revision (family_id, revision) VALUES (OLD.family_id, 1) ON DUPLICATE KEY UPDATE revision = revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_acceptance_insert AFTER INSERT ON rules_acceptance FOR EACH ROW INSERT INTO family_revision (family_id, revision) VALUES (NEW.family_id, 1) ON DUPLICATE KEY UPDATE revision = revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_acceptance_update AFTER UPDATE ON rules_acceptance FOR EACH ROW INSERT INTO family_revision (family_id, revision) VALUES (NEW.family_id, 1) ON DUPLICATE KEY UPDATE revision = revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_acceptance_delete AFTER DELETE ON rules_acceptance FOR EACH ROW INSERT INTO family_revision (family_id, revision) VALUES (OLD.family_id, 1) ON DUPLICATE KEY UPDATE revision = revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_request_field_insert AFTER INSERT ON change_request_field FOR EACH ROW INSERT INTO family_revision (family_id, revision) VALUES ((SELECT r.family_id FROM change_request r WHERE r.id = NEW.request_id), 1) ON DUPLICATE KEY UPDATE revision = revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_request_field_update AFTER UPDATE ON change_request_field FOR EACH ROW INSERT INTO family_revision (family_id, revision) VALUES ((SELECT r.family_id FROM change_request r WHERE r.id = NEW.request_id), 1) ON DUPLICATE KEY UPDATE revision = revision + 1;
CREATE TRIGGER IF NOT EXISTS tr_request_field_delete AFTER DELETE ON change_request_field FOR EACH ROW INSERT INTO family_revision (family_id, revision) VALUES ((SELECT r.family_id FROM change_request r WHERE r.id = OLD.request_id), 1) ON DUPLICATE KEY UPDATE revision = revision + 1;
