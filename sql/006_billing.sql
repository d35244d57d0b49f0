-- Invoicing (SPEC §5, §6, §9): régies (the issuers, each with its own gapless numbering),
-- tariff grids per activity, monthly invoicing runs, invoices and their lines, credit notes
-- and disputes. An invoice keeps a snapshot of the family and régie texts, so its PDF never
-- changes after issue. Payment tables come in a later migration.

CREATE TABLE IF NOT EXISTS regie (
    id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    commune_id      BIGINT UNSIGNED NOT NULL,
    name            VARCHAR(120) NOT NULL,
    address         VARCHAR(500) NOT NULL DEFAULT '',
    payfip_numcli   CHAR(6) NULL,
    invoice_prefix  VARCHAR(20) NOT NULL,
    credit_prefix   VARCHAR(20) NOT NULL,
    payment_days    INT NOT NULL DEFAULT 30,
    office_text     VARCHAR(1000) NOT NULL DEFAULT '',
    created_at      DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at      DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    UNIQUE KEY uq_regie_name (commune_id, name),
    UNIQUE KEY uq_regie_invoice_prefix (commune_id, invoice_prefix),
    CONSTRAINT fk_regie_commune FOREIGN KEY (commune_id) REFERENCES commune (id),
    CONSTRAINT ck_regie_days CHECK (payment_days BETWEEN 0 AND 365)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE activity
    ADD COLUMN IF NOT EXISTS regie_id BIGINT UNSIGNED NULL,
    ADD KEY IF NOT EXISTS ix_activity_regie (regie_id);

-- A tariff grid is the set of rows of an activity with the same valid_from; a row is a
-- quotient familial band [qf_min, qf_max] (qf_max NULL: no upper bound) for residents,
-- non-residents or both. A family without a valid quotient pays the row marked
-- without_quotient, or else the highest band.
CREATE TABLE IF NOT EXISTS tariff (
    id                BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    commune_id        BIGINT UNSIGNED NOT NULL,
    activity_id       BIGINT UNSIGNED NOT NULL,
    valid_from        DATE NOT NULL,
    qf_min            INT NOT NULL DEFAULT 0,
    qf_max            INT NULL,
    audience          ENUM('all', 'resident', 'non_resident') NOT NULL DEFAULT 'all',
    without_quotient  TINYINT(1) NOT NULL DEFAULT 0,
    unit_cents        INT NOT NULL,
    penalty_cents     INT NULL,
    created_at        DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE KEY uq_tariff_band (activity_id, valid_from, audience, qf_min),
    KEY ix_tariff_commune (commune_id, activity_id),
    CONSTRAINT fk_tariff_activity FOREIGN KEY (activity_id) REFERENCES activity (id),
    CONSTRAINT ck_tariff_amounts CHECK (unit_cents >= 0 AND (penalty_cents IS NULL OR penalty_cents >= 0)),
    CONSTRAINT ck_tariff_band CHECK (qf_min >= 0 AND (qf_max IS NULL OR qf_max >= qf_min))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Gapless numbering: the issuing transaction reads next_value FOR UPDATE and writes it back,
-- so a rolled back transaction leaves no hole.
CREATE TABLE IF NOT EXISTS invoice_sequence (
    regie_id    BIGINT UNSIGNED NOT NULL,
    year        INT NOT NULL,
    kind        ENUM('invoice', 'credit') NOT NULL,
    next_value  INT NOT NULL DEFAULT 1,
    PRIMARY KEY (regie_id, year, kind),
    CONSTRAINT fk_sequence_regie FOREIGN KEY (regie_id) REFERENCES regie (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS invoicing_run (
    id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    commune_id      BIGINT UNSIGNED NOT NULL,
    regie_id        BIGINT UNSIGNED NOT NULL,
    month           CHAR(7) NOT NULL,
    status          ENUM('running', 'done', 'failed') NOT NULL DEFAULT 'running',
    invoice_count   INT NOT NULL DEFAULT 0,
    line_count      INT NOT NULL DEFAULT 0,
    total_cents     BIGINT NOT NULL DEFAULT 0,
    first_number    VARCHAR(40) NOT NULL DEFAULT '',
    last_number     VARCHAR(40) NOT NULL DEFAULT '',
    created_by      BIGINT UNSIGNED NULL,
    created_at      DATETIME NOT NULL,
    finished_at     DATETIME NULL,
    KEY ix_run_regie (commune_id, regie_id, month),
    CONSTRAINT fk_run_regie FOREIGN KEY (regie_id) REFERENCES regie (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- status: a_payer (due), payee (paid), transmise (sent to the Trésor public for
-- collection), annulee (fully cancelled by credit notes). credited_cents is the sum of
-- the credit notes; what is due is total - paid - credited.
CREATE TABLE IF NOT EXISTS invoice (
    id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    commune_id       BIGINT UNSIGNED NOT NULL,
    regie_id         BIGINT UNSIGNED NOT NULL,
    family_id        BIGINT UNSIGNED NOT NULL,
    run_id           BIGINT UNSIGNED NULL,
    number           VARCHAR(40) NOT NULL,
    seq_year         INT NOT NULL,
    seq_value        INT NOT NULL,
    month            CHAR(7) NOT NULL,
    issued_on        DATE NOT NULL,
    due_on           DATE NOT NULL,
    total_cents      BIGINT NOT NULL,
    paid_cents       BIGINT NOT NULL DEFAULT 0,
    credited_cents   BIGINT NOT NULL DEFAULT 0,
    status           ENUM('a_payer', 'payee', 'transmise', 'annulee') NOT NULL DEFAULT 'a_payer',
    transmitted_at   DATETIME NULL,
    family_name      VARCHAR(200) NOT NULL,
    family_address   VARCHAR(600) NOT NULL DEFAULT '',
    family_number    INT UNSIGNED NOT NULL DEFAULT 0,
    regie_name       VARCHAR(120) NOT NULL,
    regie_address    VARCHAR(500) NOT NULL DEFAULT '',
    regie_office     VARCHAR(1000) NOT NULL DEFAULT '',
    payfip_numcli    CHAR(6) NULL,
    commune_name     VARCHAR(120) NOT NULL DEFAULT '',
    published_at     DATETIME NULL,
    created_at       DATETIME NOT NULL,
    UNIQUE KEY uq_invoice_number (regie_id, number),
    UNIQUE KEY uq_invoice_sequence (regie_id, seq_year, seq_value),
    KEY ix_invoice_family (commune_id, family_id, issued_on),
    KEY ix_invoice_regie_month (commune_id, regie_id, month),
    CONSTRAINT fk_invoice_regie FOREIGN KEY (regie_id) REFERENCES regie (id),
    CONSTRAINT fk_invoice_family FOREIGN KEY (family_id) REFERENCES family (id),
    CONSTRAINT ck_invoice_amounts CHECK (total_cents >= 0 AND paid_cents >= 0 AND credited_cents >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One line per billed fact (a booking, an attendance without booking) or manual line. The
-- unique source key is what makes a rerun never bill a fact twice: for a booking the
-- booking id, for an attendance the occurrence id, with the child.
CREATE TABLE IF NOT EXISTS invoice_line (
    id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    invoice_id      BIGINT UNSIGNED NOT NULL,
    commune_id      BIGINT UNSIGNED NOT NULL,
    source_kind     ENUM('booking', 'attendance', 'manual') NOT NULL,
    source_id       BIGINT UNSIGNED NULL,
    child_id        BIGINT UNSIGNED NULL,
    day             DATE NULL,
    activity_id     BIGINT UNSIGNED NULL,
    activity_name   VARCHAR(120) NOT NULL DEFAULT '',
    child_name      VARCHAR(200) NOT NULL DEFAULT '',
    quantity        INT NOT NULL DEFAULT 1,
    unit_cents      BIGINT NOT NULL,
    amount_cents    BIGINT NOT NULL,
    pricing         ENUM('normal', 'penalty', 'manual') NOT NULL DEFAULT 'normal',
    label           VARCHAR(300) NOT NULL DEFAULT '',
    UNIQUE KEY uq_invoice_line_source (source_kind, source_id, child_id),
    KEY ix_line_invoice (invoice_id),
    CONSTRAINT fk_line_invoice FOREIGN KEY (invoice_id) REFERENCES invoice (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS credit_note (
    id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    commune_id    BIGINT UNSIGNED NOT NULL,
    regie_id      BIGINT UNSIGNED NOT NULL,
    invoice_id    BIGINT UNSIGNED NOT NULL,
    number        VARCHAR(40) NOT NULL,
    seq_year      INT NOT NULL,
    seq_value     INT NOT NULL,
    issued_on     DATE NOT NULL,
    amount_cents  BIGINT NOT NULL,
    reason        VARCHAR(1000) NOT NULL,
    created_by    BIGINT UNSIGNED NULL,
    created_at    DATETIME NOT NULL,
    UNIQUE KEY uq_credit_number (regie_id, number),
    UNIQUE KEY uq_credit_sequence (regie_id, seq_year, seq_value),
    KEY ix_credit_invoice (invoice_id),
    CONSTRAINT fk_credit_invoice FOREIGN KEY (invoice_id) REFERENCES invoice (id),
    CONSTRAINT ck_credit_amount CHECK (amount_cents > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The invoice lines a credit note cancels (optional: a credit note may be a plain amount).
CREATE TABLE IF NOT EXISTS credit_note_line (
    credit_note_id   BIGINT UNSIGNED NOT NULL,
    invoice_line_id  BIGINT UNSIGNED NOT NULL,
    amount_cents     BIGINT NOT NULL,
    PRIMARY KEY (credit_note_id, invoice_line_id),
    CONSTRAINT fk_credit_line_note FOREIGN KEY (credit_note_id) REFERENCES credit_note (id),
    CONSTRAINT fk_credit_line_line FOREIGN KEY (invoice_line_id) REFERENCES invoice_line (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A parent contests an invoice line (SPEC §9); an agent answers; a granted dispute
-- produces a credit note.
CREATE TABLE IF NOT EXISTS dispute (
    id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    commune_id       BIGINT UNSIGNED NOT NULL,
    family_id        BIGINT UNSIGNED NOT NULL,
    invoice_line_id  BIGINT UNSIGNED NOT NULL,
    comment          VARCHAR(2000) NOT NULL,
    account_id       BIGINT UNSIGNED NULL,
    created_at       DATETIME NOT NULL,
    status           ENUM('open', 'granted', 'refused') NOT NULL DEFAULT 'open',
    answer           VARCHAR(2000) NOT NULL DEFAULT '',
    answered_by      BIGINT UNSIGNED NULL,
    answered_at      DATETIME NULL,
    credit_note_id   BIGINT UNSIGNED NULL,
    KEY ix_dispute_family (commune_id, family_id, created_at),
    KEY ix_dispute_status (commune_id, status),
    CONSTRAINT fk_dispute_line FOREIGN KEY (invoice_line_id) REFERENCES invoice_line (id),
    CONSTRAINT fk_dispute_credit FOREIGN KEY (credit_note_id) REFERENCES credit_note (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
