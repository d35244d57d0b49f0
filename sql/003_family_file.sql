-- The family file parents complete: members' details (health, authorisations, contacts),
-- photos, proofs (justificatifs), change requests agents decide, rules documents and their
-- acceptance, the commune's mandatory fields and retention period, and a journal that keeps
-- before/after values per family.

ALTER TABLE commune
    ADD COLUMN IF NOT EXISTS required_fields VARCHAR(1000) NULL,   -- NULL: the defaults
    ADD COLUMN IF NOT EXISTS retention_months INT NOT NULL DEFAULT 36;

ALTER TABLE family
    ADD COLUMN IF NOT EXISTS quotient_valid_until DATE NULL;

-- NULL in a yes/no column means "not answered yet".
ALTER TABLE family_member
    ADD COLUMN IF NOT EXISTS mobile_phone       VARCHAR(30)   NOT NULL DEFAULT '',
    ADD COLUMN IF NOT EXISTS work_phone         VARCHAR(30)   NOT NULL DEFAULT '',
    ADD COLUMN IF NOT EXISTS employer           VARCHAR(120)  NOT NULL DEFAULT '',
    ADD COLUMN IF NOT EXISTS address            VARCHAR(300)  NOT NULL DEFAULT '',
    ADD COLUMN IF NOT EXISTS relationship       VARCHAR(60)   NOT NULL DEFAULT '',
    ADD COLUMN IF NOT EXISTS can_pick_up        TINYINT(1)    NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS emergency_contact  TINYINT(1)    NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS has_allergies      TINYINT(1)    NULL,
    ADD COLUMN IF NOT EXISTS allergies          VARCHAR(1000) NOT NULL DEFAULT '',
    ADD COLUMN IF NOT EXISTS diet               VARCHAR(20)   NOT NULL DEFAULT '',
    ADD COLUMN IF NOT EXISTS pai                TINYINT(1)    NULL,
    ADD COLUMN IF NOT EXISTS doctor             VARCHAR(200)  NOT NULL DEFAULT '',
    ADD COLUMN IF NOT EXISTS vaccinations_ok    TINYINT(1)    NULL,
    ADD COLUMN IF NOT EXISTS image_rights       TINYINT(1)    NULL,
    ADD COLUMN IF NOT EXISTS may_leave_alone    TINYINT(1)    NULL,
    ADD COLUMN IF NOT EXISTS school_transport   TINYINT(1)    NULL,
    ADD COLUMN IF NOT EXISTS removed_at         DATETIME      NULL;

-- A member's photo, re-encoded (JPEG, no metadata).
CREATE TABLE IF NOT EXISTS member_photo (
    member_id   BIGINT UNSIGNED NOT NULL PRIMARY KEY,
    commune_id  BIGINT UNSIGNED NOT NULL,
    family_id   BIGINT UNSIGNED NOT NULL,
    data        MEDIUMBLOB NOT NULL,
    width       INT NOT NULL,
    height      INT NOT NULL,
    updated_at  DATETIME NOT NULL,
    KEY ix_photo_family (commune_id, family_id),
    CONSTRAINT fk_photo_member FOREIGN KEY (member_id) REFERENCES family_member (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Proofs uploaded by parents (PDF kept as is, images re-encoded), accepted by agents.
CREATE TABLE IF NOT EXISTS family_document (
    id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    commune_id   BIGINT UNSIGNED NOT NULL,
    family_id    BIGINT UNSIGNED NOT NULL,
    member_id    BIGINT UNSIGNED NULL,
    kind         ENUM('quotient', 'insurance', 'vaccinations', 'medical', 'other') NOT NULL,
    mime         VARCHAR(40) NOT NULL,
    extension    VARCHAR(8) NOT NULL,
    size         INT NOT NULL,
    data         MEDIUMBLOB NOT NULL,
    valid_until  DATE NULL,
    status       ENUM('pending', 'accepted', 'refused') NOT NULL DEFAULT 'pending',
    comment      VARCHAR(1000) NOT NULL DEFAULT '',
    uploaded_by  BIGINT UNSIGNED NULL,    -- parent_account
    uploaded_at  DATETIME NOT NULL,
    decided_by   BIGINT UNSIGNED NULL,    -- agent
    decided_at   DATETIME NULL,
    KEY ix_document_family (commune_id, family_id, kind),
    KEY ix_document_status (commune_id, status),
    CONSTRAINT fk_document_family FOREIGN KEY (family_id) REFERENCES family (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A change to sensitive fields, applied only when an agent accepts it.
CREATE TABLE IF NOT EXISTS change_request (
    id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    commune_id    BIGINT UNSIGNED NOT NULL,
    family_id     BIGINT UNSIGNED NOT NULL,
    member_id     BIGINT UNSIGNED NULL,   -- NULL: a change of the family itself
    kind          ENUM('quotient', 'guardian', 'health') NOT NULL,
    document_id   BIGINT UNSIGNED NULL,   -- the proof sent with it
    status        ENUM('pending', 'accepted', 'refused', 'cancelled') NOT NULL DEFAULT 'pending',
    comment       VARCHAR(1000) NOT NULL DEFAULT '',
    requested_by  BIGINT UNSIGNED NULL,   -- parent_account
    created_at    DATETIME NOT NULL,
    decided_by    BIGINT UNSIGNED NULL,   -- agent
    decided_at    DATETIME NULL,
    KEY ix_request_family (commune_id, family_id, status),
    KEY ix_request_status (commune_id, status, created_at),
    CONSTRAINT fk_request_family FOREIGN KEY (family_id) REFERENCES family (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS change_request_field (
    request_id    BIGINT UNSIGNED NOT NULL,
    field         VARCHAR(40) NOT NULL,
    before_value  VARCHAR(1000) NOT NULL,
    after_value   VARCHAR(1000) NOT NULL,
    PRIMARY KEY (request_id, field),
    CONSTRAINT fk_request_field FOREIGN KEY (request_id) REFERENCES change_request (id)
        ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Rules (règlements intérieurs) per service; a version is visible once published.
CREATE TABLE IF NOT EXISTS rules_document (
    id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    commune_id    BIGINT UNSIGNED NOT NULL,
    service       VARCHAR(120) NOT NULL,
    title         VARCHAR(200) NOT NULL,
    version       INT NOT NULL,
    size          INT NOT NULL,
    data          MEDIUMBLOB NOT NULL,
    created_by    BIGINT UNSIGNED NULL,
    created_at    DATETIME NOT NULL,
    published_at  DATETIME NULL,
    UNIQUE KEY uq_rules_version (commune_id, service, version),
    CONSTRAINT fk_rules_commune FOREIGN KEY (commune_id) REFERENCES commune (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS rules_acceptance (
    id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    commune_id   BIGINT UNSIGNED NOT NULL,
    family_id    BIGINT UNSIGNED NOT NULL,
    document_id  BIGINT UNSIGNED NOT NULL,
    account_id   BIGINT UNSIGNED NULL,
    accepted_at  DATETIME NOT NULL,
    UNIQUE KEY uq_acceptance (family_id, document_id),
    KEY ix_acceptance_document (commune_id, document_id),
    CONSTRAINT fk_acceptance_family FOREIGN KEY (family_id) REFERENCES family (id),
    CONSTRAINT fk_acceptance_document FOREIGN KEY (document_id) REFERENCES rules_document (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The journal knows the family an entry belongs to, and keeps before/after values.
-- `health_data` marks health data: shown only to the roles that may see it.
ALTER TABLE journal
    ADD COLUMN IF NOT EXISTS family_id     BIGINT UNSIGNED NULL,
    ADD COLUMN IF NOT EXISTS before_value  VARCHAR(1000) NULL,
    ADD COLUMN IF NOT EXISTS after_value   VARCHAR(1000) NULL,
    ADD COLUMN IF NOT EXISTS health_data   TINYINT(1) NOT NULL DEFAULT 0,
    ADD INDEX IF NOT EXISTS ix_journal_family (commune_id, family_id, created_at);
