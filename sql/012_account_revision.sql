-- The logged-in parent's account from memory (src/app/parent_accounts.h): each worker keeps
-- the accounts it has seen, with their guardian's name, and reads one again when its family's
-- revision moves. The session's statement then reads the session, the commune's revision and
-- the family's revisions only, instead of joining the account and the guardian too: two
-- lookups less on every page of a logged-in parent.
--
-- A parent session carries its family, set here at its creation from the account (an
-- account's family never changes: an agent unlinks an account, he does not move it), so that
-- the family's revisions are reached without the account. The trigger exists before the
-- backfill, so that a session opened meanwhile by a worker of the previous release gets its
-- family too.
ALTER TABLE session ADD COLUMN IF NOT EXISTS family_id BIGINT UNSIGNED NULL AFTER account_id;
CREATE OR REPLACE TRIGGER tr_session_family BEFORE INSERT ON session FOR EACH ROW SET NEW.family_id = IF(NEW.kind = 'parent', (SELECT a.family_id FROM parent_account a WHERE a.id = NEW.account_id), NULL);
UPDATE session s JOIN parent_account a ON a.id = s.account_id SET s.family_id = a.family_id WHERE s.kind = 'parent' AND s.family_id IS NULL;

-- Any change of an account that a page shows or that decides whether its sessions are live
-- (guardian, email, confirmation, unlinking) raises its family's revision, like a change of
-- the guardian's name does already (sql/008_revisions.sql). The time of the last login and
-- the password's hash do not: the workers keep no hash (a password change ends the other
-- sessions itself), and a login, or the hash's renewal at a login, would otherwise make every
-- worker read the family file again.
CREATE OR REPLACE TRIGGER tr_account_insert AFTER INSERT ON parent_account FOR EACH ROW INSERT INTO family_revision (family_id, revision) VALUES (NEW.family_id, 1) ON DUPLICATE KEY UPDATE revision = revision + 1;
CREATE OR REPLACE TRIGGER tr_account_update AFTER UPDATE ON parent_account FOR EACH ROW INSERT INTO family_revision (family_id, revision) SELECT k.family_id, 1 FROM (SELECT NEW.family_id AS family_id UNION SELECT OLD.family_id) k WHERE NOT (NEW.commune_id <=> OLD.commune_id AND NEW.family_id <=> OLD.family_id AND NEW.guardian_id <=> OLD.guardian_id AND NEW.email <=> OLD.email AND NEW.confirmed_at <=> OLD.confirmed_at AND NEW.unlinked_at <=> OLD.unlinked_at) ON DUPLICATE KEY UPDATE revision = revision + 1;
CREATE OR REPLACE TRIGGER tr_account_delete AFTER DELETE ON parent_account FOR EACH ROW INSERT INTO family_revision (family_id, revision) VALUES (OLD.family_id, 1) ON DUPLICATE KEY UPDATE revision = revision + 1;
