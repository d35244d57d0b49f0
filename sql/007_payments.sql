-- Online payments (SPEC §4.10): one payment_operation per idOp created at PayFiP, and one
-- payment row per paid idOp (UNIQUE idop: a payment is recorded exactly once, however many
-- notifications, returns and polls arrive). An operation still pending and not expired locks
-- its invoice against a second one: the service checks it with the invoice row locked.

CREATE TABLE IF NOT EXISTS payment_operation (
    id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    commune_id       BIGINT UNSIGNED NOT NULL,
    idop             VARCHAR(64) NOT NULL,
    invoice_id       BIGINT UNSIGNED NOT NULL,
    family_id        BIGINT UNSIGNED NOT NULL,
    account_id       BIGINT UNSIGNED NULL,
    provider         VARCHAR(20) NOT NULL DEFAULT 'payfip',
    numcli           CHAR(6) NOT NULL,
    exer             INT NOT NULL,
    refdet           VARCHAR(30) NOT NULL,
    amount_cents     BIGINT NOT NULL,
    email            VARCHAR(254) NOT NULL,
    status           ENUM('pending', 'paid', 'refused', 'abandoned', 'error') NOT NULL
                     DEFAULT 'pending',
    created_at       DATETIME NOT NULL,
    expires_at       DATETIME NOT NULL,
    settled_at       DATETIME NULL,
    last_checked_at  DATETIME NULL,
    checks           INT NOT NULL DEFAULT 0,
    resultrans       CHAR(1) NULL,
    numauto          VARCHAR(20) NOT NULL DEFAULT '',
    dattrans         VARCHAR(8) NOT NULL DEFAULT '',
    heurtrans        VARCHAR(4) NOT NULL DEFAULT '',
    reported_cents   BIGINT NULL,
    detail           VARCHAR(500) NOT NULL DEFAULT '',
    UNIQUE KEY uq_operation_idop (idop),
    KEY ix_operation_invoice (invoice_id, status, expires_at),
    KEY ix_operation_pending (status, created_at),
    KEY ix_operation_family (commune_id, family_id, created_at),
    CONSTRAINT fk_operation_invoice FOREIGN KEY (invoice_id) REFERENCES invoice (id),
    CONSTRAINT fk_operation_family FOREIGN KEY (family_id) REFERENCES family (id),
    CONSTRAINT ck_operation_amount CHECK (amount_cents > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- receipt_number: "R" + year + a number from receipt_sequence (gapless per commune and year).
CREATE TABLE IF NOT EXISTS payment (
    id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    commune_id       BIGINT UNSIGNED NOT NULL,
    invoice_id       BIGINT UNSIGNED NOT NULL,
    family_id        BIGINT UNSIGNED NOT NULL,
    regie_id         BIGINT UNSIGNED NOT NULL,
    operation_id     BIGINT UNSIGNED NULL,
    idop             VARCHAR(64) NULL,
    means            ENUM('carte', 'prelevement', 'especes', 'cheque', 'cesu',
                          'cheque_vacances', 'virement') NOT NULL,
    amount_cents     BIGINT NOT NULL,
    numauto          VARCHAR(20) NOT NULL DEFAULT '',
    paid_at          DATETIME NOT NULL,
    receipt_number   VARCHAR(40) NOT NULL,
    receipt_mailed_at DATETIME NULL,
    created_at       DATETIME NOT NULL,
    UNIQUE KEY uq_payment_idop (idop),
    UNIQUE KEY uq_payment_receipt (commune_id, receipt_number),
    KEY ix_payment_family (commune_id, family_id, paid_at),
    KEY ix_payment_regie (commune_id, regie_id, paid_at),
    CONSTRAINT fk_payment_invoice FOREIGN KEY (invoice_id) REFERENCES invoice (id),
    CONSTRAINT fk_payment_operation FOREIGN KEY (operation_id) REFERENCES payment_operation (id),
    CONSTRAINT ck_payment_amount CHECK (amount_cents > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS receipt_sequence (
    commune_id  BIGINT UNSIGNED NOT NULL,
    year        INT NOT NULL,
    next_value  INT NOT NULL DEFAULT 1,
    PRIMARY KEY (commune_id, year)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
