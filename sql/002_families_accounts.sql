-- Families (created by agents), their members, codes abonné, parent accounts, one-time
-- tokens, login history, throttling counters and the mail outbox.

ALTER TABLE commune
    ADD COLUMN IF NOT EXISTS code_prefix VARCHAR(20) NOT NULL DEFAULT 'PORTAIL',
    ADD COLUMN IF NOT EXISTS code_validity_days INT NOT NULL DEFAULT 90;

CREATE TABLE IF NOT EXISTS family (
    id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    commune_id      BIGINT UNSIGNED NOT NULL,
    number          INT UNSIGNED NOT NULL,
    name            VARCHAR(120) NOT NULL,
    address_line1   VARCHAR(200) NOT NULL DEFAULT '',
    address_line2   VARCHAR(200) NOT NULL DEFAULT '',
    postal_code     VARCHAR(10)  NOT NULL DEFAULT '',
    city            VARCHAR(120) NOT NULL DEFAULT '',
    phone           VARCHAR(30)  NOT NULL DEFAULT '',
    email           VARCHAR(254) NOT NULL DEFAULT '',
    family_quotient INT NULL,
    validated_at    DATETIME NULL,
    archived_at     DATETIME NULL,
    created_at      DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at      DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    UNIQUE KEY uq_family_number (commune_id, number),
    KEY ix_family_name (commune_id, name),
    CONSTRAINT fk_family_commune FOREIGN KEY (commune_id) REFERENCES commune (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Guardians (responsables légaux), children and other contacts of a family.
CREATE TABLE IF NOT EXISTS family_member (
    id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    commune_id   BIGINT UNSIGNED NOT NULL,
    family_id    BIGINT UNSIGNED NOT NULL,
    role         ENUM('guardian', 'child', 'contact') NOT NULL,
    last_name    VARCHAR(100) NOT NULL,
    first_name   VARCHAR(100) NOT NULL,
    birth_date   DATE NULL,
    school       VARCHAR(120) NOT NULL DEFAULT '',
    class_name   VARCHAR(40)  NOT NULL DEFAULT '',
    phone        VARCHAR(30)  NOT NULL DEFAULT '',
    email        VARCHAR(254) NOT NULL DEFAULT '',
    created_at   DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at   DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    KEY ix_member_family (commune_id, family_id),
    KEY ix_member_name (commune_id, last_name, first_name),
    CONSTRAINT fk_member_family FOREIGN KEY (family_id) REFERENCES family (id),
    CONSTRAINT fk_member_commune FOREIGN KEY (commune_id) REFERENCES commune (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A family's code abonné, stored as SHA-256 of its canonical form. One live code per
-- family: issuing a new one revokes the old.
CREATE TABLE IF NOT EXISTS subscriber_code (
    id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    commune_id  BIGINT UNSIGNED NOT NULL,
    family_id   BIGINT UNSIGNED NOT NULL,
    code_hash   BINARY(32) NOT NULL,
    created_by  BIGINT UNSIGNED NULL,
    created_at  DATETIME NOT NULL,
    expires_at  DATETIME NOT NULL,
    revoked_at  DATETIME NULL,
    UNIQUE KEY uq_code_hash (code_hash),
    KEY ix_code_family (commune_id, family_id),
    CONSTRAINT fk_code_family FOREIGN KEY (family_id) REFERENCES family (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A guardian has at most one account: a code is single-use per guardian.
CREATE TABLE IF NOT EXISTS parent_account (
    id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    commune_id     BIGINT UNSIGNED NOT NULL,
    family_id      BIGINT UNSIGNED NOT NULL,
    guardian_id    BIGINT UNSIGNED NULL,     -- NULL once unlinked by an agent
    email          VARCHAR(254) NOT NULL,    -- '#id#address' once unlinked
    password_hash  VARCHAR(255) NOT NULL,
    confirmed_at   DATETIME NULL,
    unlinked_at    DATETIME NULL,
    created_at     DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    last_login_at  DATETIME NULL,
    UNIQUE KEY uq_account_email (commune_id, email),
    UNIQUE KEY uq_account_guardian (guardian_id),
    KEY ix_account_family (commune_id, family_id),
    CONSTRAINT fk_account_family FOREIGN KEY (family_id) REFERENCES family (id),
    CONSTRAINT fk_account_guardian FOREIGN KEY (guardian_id) REFERENCES family_member (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Single-use links: account confirmation (48 h), password reset (1 h), email change.
CREATE TABLE IF NOT EXISTS account_token (
    id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    commune_id  BIGINT UNSIGNED NOT NULL,
    account_id  BIGINT UNSIGNED NOT NULL,
    purpose     ENUM('confirm', 'reset', 'email_change') NOT NULL,
    token_hash  BINARY(32) NOT NULL,
    new_email   VARCHAR(254) NULL,
    created_at  DATETIME NOT NULL,
    expires_at  DATETIME NOT NULL,
    used_at     DATETIME NULL,
    UNIQUE KEY uq_token_hash (token_hash),
    KEY ix_token_account (account_id, purpose),
    CONSTRAINT fk_token_account FOREIGN KEY (account_id) REFERENCES parent_account (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS login_event (
    id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    commune_id   BIGINT UNSIGNED NOT NULL,
    kind         ENUM('parent', 'agent') NOT NULL,
    account_id   BIGINT UNSIGNED NOT NULL,
    ip           VARCHAR(45) NOT NULL DEFAULT '',
    user_agent   VARCHAR(255) NOT NULL DEFAULT '',
    created_at   DATETIME NOT NULL,
    KEY ix_login_account (kind, account_id, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Failed attempts per bucket (SHA-256 of e.g. "login-ip:1.2.3.4"), counted over a window.
CREATE TABLE IF NOT EXISTS throttle_event (
    id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    bucket_hash  BINARY(32) NOT NULL,
    created_at   DATETIME NOT NULL,
    KEY ix_throttle_bucket (bucket_hash, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every mail is written here in the transaction of the action that causes it, then sent.
CREATE TABLE IF NOT EXISTS mail_outbox (
    id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    commune_id       BIGINT UNSIGNED NOT NULL,
    mail_from        VARCHAR(254) NOT NULL,
    from_name        VARCHAR(200) NOT NULL,
    recipient        VARCHAR(254) NOT NULL,
    subject          VARCHAR(255) NOT NULL,
    body_text        MEDIUMTEXT NOT NULL,
    body_html        MEDIUMTEXT NOT NULL,
    created_at       DATETIME NOT NULL,
    next_attempt_at  DATETIME NOT NULL,
    attempts         INT NOT NULL DEFAULT 0,
    sent_at          DATETIME NULL,
    last_error       VARCHAR(500) NOT NULL DEFAULT '',
    KEY ix_outbox_due (sent_at, next_attempt_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
