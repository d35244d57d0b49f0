-- Communes, their host names, agents, sessions and the journal of actions.
-- All times are UTC (the connection sets time_zone = '+00:00'); pages show Europe/Paris.

CREATE TABLE IF NOT EXISTS commune (
    id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    slug        VARCHAR(40)  NOT NULL,
    name        VARCHAR(120) NOT NULL,
    base_url    VARCHAR(255) NOT NULL,
    mail_from   VARCHAR(255) NOT NULL DEFAULT '',
    created_at  DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE KEY uq_commune_slug (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS commune_host (
    host        VARCHAR(255) NOT NULL PRIMARY KEY,
    commune_id  BIGINT UNSIGNED NOT NULL,
    CONSTRAINT fk_commune_host_commune FOREIGN KEY (commune_id) REFERENCES commune (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS agent (
    id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    commune_id     BIGINT UNSIGNED NOT NULL,
    email          VARCHAR(254) NOT NULL,
    display_name   VARCHAR(120) NOT NULL,
    role           ENUM('agent', 'regisseur', 'administrateur') NOT NULL,
    password_hash  VARCHAR(255) NOT NULL,
    active         BOOLEAN NOT NULL DEFAULT TRUE,
    created_at     DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    last_login_at  DATETIME NULL,
    UNIQUE KEY uq_agent_email (commune_id, email),
    CONSTRAINT fk_agent_commune FOREIGN KEY (commune_id) REFERENCES commune (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- token_hash is SHA-256 of the cookie's 256-bit token; the token itself is never stored.
CREATE TABLE IF NOT EXISTS session (
    id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    commune_id    BIGINT UNSIGNED NOT NULL,
    token_hash    BINARY(32) NOT NULL,
    kind          ENUM('parent', 'agent') NOT NULL,
    account_id    BIGINT UNSIGNED NOT NULL,
    created_at    DATETIME NOT NULL,
    last_seen_at  DATETIME NOT NULL,
    ip            VARCHAR(45) NOT NULL DEFAULT '',
    user_agent    VARCHAR(255) NOT NULL DEFAULT '',
    UNIQUE KEY uq_session_token (token_hash),
    KEY ix_session_account (kind, account_id),
    KEY ix_session_seen (last_seen_at),
    CONSTRAINT fk_session_commune FOREIGN KEY (commune_id) REFERENCES commune (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every agent action and every sensitive parent change: who, when, what, before/after.
CREATE TABLE IF NOT EXISTS journal (
    id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    commune_id   BIGINT UNSIGNED NOT NULL,
    actor_kind   ENUM('parent', 'agent', 'system') NOT NULL,
    actor_id     BIGINT UNSIGNED NULL,
    action       VARCHAR(60) NOT NULL,
    object_type  VARCHAR(40) NOT NULL DEFAULT '',
    object_id    BIGINT UNSIGNED NULL,
    detail       TEXT NOT NULL,
    created_at   DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    KEY ix_journal_object (commune_id, object_type, object_id),
    CONSTRAINT fk_journal_commune FOREIGN KEY (commune_id) REFERENCES commune (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
