-- Activities, their calendars (opening days, school holidays, closures), the occurrences
-- derived from them (an activity on a date, with its capacity and counters) and the
-- bookings of children on occurrences, with waiting lists.

ALTER TABLE commune
    ADD COLUMN IF NOT EXISTS holiday_zone VARCHAR(20) NOT NULL DEFAULT 'B';

CREATE TABLE IF NOT EXISTS activity (
    id                 BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    commune_id         BIGINT UNSIGNED NOT NULL,
    name               VARCHAR(120) NOT NULL,
    service            VARCHAR(120) NOT NULL DEFAULT '',  -- rules_document.service it requires
    regie              VARCHAR(120) NOT NULL DEFAULT '',
    site               VARCHAR(120) NOT NULL DEFAULT '',
    -- Opening: weekdays "1101100" (Monday..Sunday) within a period; holidays closed/only/ignored.
    weekdays           CHAR(7) NOT NULL DEFAULT '1111100',
    period_start       DATE NOT NULL,
    period_end         DATE NOT NULL,
    holiday_policy     ENUM('closed', 'only', 'ignore') NOT NULL DEFAULT 'closed',
    capacity           INT NOT NULL,
    waiting_list       TINYINT(1) NOT NULL DEFAULT 1,
    waiting_list_size  INT NOT NULL DEFAULT 20,
    min_age_months     INT NULL,
    max_age_months     INT NULL,
    school_levels      VARCHAR(200) NOT NULL DEFAULT '',  -- "PS,MS,GS"; '' = any
    residents_only     TINYINT(1) NOT NULL DEFAULT 0,
    requires_complete_file TINYINT(1) NOT NULL DEFAULT 0,
    requires_rules     TINYINT(1) NOT NULL DEFAULT 0,
    booking_rule       VARCHAR(80) NOT NULL DEFAULT 'aucun',   -- domain/booking_rules.h
    cancel_rule        VARCHAR(80) NOT NULL DEFAULT 'aucun',
    long_mode          ENUM('automatic', 'agent') NOT NULL DEFAULT 'automatic',
    allocation         ENUM('first_come', 'lottery') NOT NULL DEFAULT 'first_come',
    active             TINYINT(1) NOT NULL DEFAULT 1,
    created_at         DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at         DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    UNIQUE KEY uq_activity_name (commune_id, name),
    CONSTRAINT fk_activity_commune FOREIGN KEY (commune_id) REFERENCES commune (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Official school holidays by zone (imported from the national open-data CSV).
CREATE TABLE IF NOT EXISTS school_holiday (
    id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    zone         VARCHAR(20) NOT NULL,
    description  VARCHAR(200) NOT NULL,
    school_year  VARCHAR(9) NOT NULL DEFAULT '',
    first_day    DATE NOT NULL,
    last_day     DATE NOT NULL,
    UNIQUE KEY uq_holiday (zone, first_day, last_day, description)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Days the commune closes an activity (NULL activity: every activity).
CREATE TABLE IF NOT EXISTS closure (
    id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    commune_id   BIGINT UNSIGNED NOT NULL,
    activity_id  BIGINT UNSIGNED NULL,
    first_day    DATE NOT NULL,
    last_day     DATE NOT NULL,
    reason       VARCHAR(200) NOT NULL DEFAULT '',
    created_at   DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    KEY ix_closure (commune_id, first_day),
    CONSTRAINT fk_closure_commune FOREIGN KEY (commune_id) REFERENCES commune (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An activity on a date. `booked` and `waiting` count live bookings; they change only in
-- the transaction that changes the bookings, under this row's lock, so capacity holds.
CREATE TABLE IF NOT EXISTS occurrence (
    id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    commune_id   BIGINT UNSIGNED NOT NULL,
    activity_id  BIGINT UNSIGNED NOT NULL,
    day          DATE NOT NULL,
    capacity     INT NOT NULL,
    booked       INT NOT NULL DEFAULT 0,
    waiting      INT NOT NULL DEFAULT 0,
    closed       TINYINT(1) NOT NULL DEFAULT 0,
    UNIQUE KEY uq_occurrence (activity_id, day),
    KEY ix_occurrence_day (commune_id, day),
    CONSTRAINT fk_occurrence_activity FOREIGN KEY (activity_id) REFERENCES activity (id),
    CONSTRAINT ck_occurrence_capacity CHECK (booked >= 0 AND waiting >= 0 AND booked <= capacity)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per child and occurrence, ever: re-booking reuses it. Waiting-list order is
-- `queued_at`, then id.
CREATE TABLE IF NOT EXISTS booking (
    id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    commune_id     BIGINT UNSIGNED NOT NULL,
    occurrence_id  BIGINT UNSIGNED NOT NULL,
    child_id       BIGINT UNSIGNED NOT NULL,
    family_id      BIGINT UNSIGNED NOT NULL,
    status         ENUM('booked', 'waiting', 'requested', 'refused', 'cancelled') NOT NULL,
    queued_at      DATETIME(6) NOT NULL,
    late_cancel    TINYINT(1) NOT NULL DEFAULT 0,   -- cancelled past the cancellation deadline
    place_taken    TINYINT(1) NOT NULL DEFAULT 0,   -- … and a wait-listed child took the place
    source         ENUM('parent', 'agent', 'long_period') NOT NULL DEFAULT 'parent',
    updated_by_kind ENUM('parent', 'agent', 'system') NOT NULL DEFAULT 'parent',
    updated_by     BIGINT UNSIGNED NULL,
    created_at     DATETIME NOT NULL,
    updated_at     DATETIME NOT NULL,
    UNIQUE KEY uq_booking (occurrence_id, child_id),
    KEY ix_booking_child (commune_id, child_id, occurrence_id),
    KEY ix_booking_wait (occurrence_id, status, queued_at),
    KEY ix_booking_family (commune_id, family_id),
    CONSTRAINT fk_booking_occurrence FOREIGN KEY (occurrence_id) REFERENCES occurrence (id),
    CONSTRAINT fk_booking_child FOREIGN KEY (child_id) REFERENCES family_member (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A request for many days at once (réservation sur une longue durée): the days it covers
-- and what became of each. Applied at once or decided by an agent, per the activity.
CREATE TABLE IF NOT EXISTS long_request (
    id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    commune_id    BIGINT UNSIGNED NOT NULL,
    family_id     BIGINT UNSIGNED NOT NULL,
    child_id      BIGINT UNSIGNED NOT NULL,
    activity_id   BIGINT UNSIGNED NOT NULL,
    first_day     DATE NOT NULL,
    last_day      DATE NOT NULL,
    weekdays      CHAR(7) NOT NULL,
    status        ENUM('pending', 'done', 'refused') NOT NULL,
    comment       VARCHAR(1000) NOT NULL DEFAULT '',
    requested_by  BIGINT UNSIGNED NULL,
    created_at    DATETIME NOT NULL,
    decided_by    BIGINT UNSIGNED NULL,
    decided_at    DATETIME NULL,
    KEY ix_long_family (commune_id, family_id, created_at),
    KEY ix_long_status (commune_id, status, created_at),
    CONSTRAINT fk_long_family FOREIGN KEY (family_id) REFERENCES family (id),
    CONSTRAINT fk_long_activity FOREIGN KEY (activity_id) REFERENCES activity (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS long_request_day (
    request_id     BIGINT UNSIGNED NOT NULL,
    occurrence_id  BIGINT UNSIGNED NOT NULL,
    day            DATE NOT NULL,
    outcome        ENUM('requested', 'booked', 'waiting', 'refused') NOT NULL,
    reason         VARCHAR(500) NOT NULL DEFAULT '',
    PRIMARY KEY (request_id, occurrence_id),
    CONSTRAINT fk_long_day_request FOREIGN KEY (request_id) REFERENCES long_request (id)
        ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Attendance (pointage) per occurrence and child; a child present without a booking is
-- recorded here too (billed at the activity's penalty price when set).
CREATE TABLE IF NOT EXISTS attendance (
    occurrence_id    BIGINT UNSIGNED NOT NULL,
    child_id         BIGINT UNSIGNED NOT NULL,
    commune_id       BIGINT UNSIGNED NOT NULL,
    family_id        BIGINT UNSIGNED NOT NULL,
    status           ENUM('present', 'absent', 'excused') NOT NULL,
    without_booking  TINYINT(1) NOT NULL DEFAULT 0,
    marked_by        BIGINT UNSIGNED NULL,
    marked_at        DATETIME NOT NULL,
    PRIMARY KEY (occurrence_id, child_id),
    KEY ix_attendance_family (commune_id, family_id),
    CONSTRAINT fk_attendance_occurrence FOREIGN KEY (occurrence_id) REFERENCES occurrence (id),
    CONSTRAINT fk_attendance_child FOREIGN KEY (child_id) REFERENCES family_member (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Attendance of a month locks on this day of the next month (invoicing sees a stable
-- picture); 0 = never locks.
ALTER TABLE commune
    ADD COLUMN IF NOT EXISTS attendance_lock_day INT NOT NULL DEFAULT 5;

-- "Enfant malade": the bookings a family cancelled for illness, excused (not billed) once
-- an agent accepts the medical certificate.
CREATE TABLE IF NOT EXISTS sick_leave (
    id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    commune_id    BIGINT UNSIGNED NOT NULL,
    family_id     BIGINT UNSIGNED NOT NULL,
    child_id      BIGINT UNSIGNED NOT NULL,
    first_day     DATE NOT NULL,
    last_day      DATE NOT NULL,
    document_id   BIGINT UNSIGNED NULL,
    status        ENUM('declared', 'excused', 'refused') NOT NULL DEFAULT 'declared',
    account_id    BIGINT UNSIGNED NULL,
    created_at    DATETIME NOT NULL,
    KEY ix_sick_family (commune_id, family_id, created_at),
    KEY ix_sick_document (document_id),
    CONSTRAINT fk_sick_family FOREIGN KEY (family_id) REFERENCES family (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS sick_leave_day (
    sick_leave_id  BIGINT UNSIGNED NOT NULL,
    occurrence_id  BIGINT UNSIGNED NOT NULL,
    PRIMARY KEY (sick_leave_id, occurrence_id),
    CONSTRAINT fk_sick_day FOREIGN KEY (sick_leave_id) REFERENCES sick_leave (id)
        ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Reminders before booking deadlines (a mail to families who have not booked next week),
-- per activity; families may opt out.
ALTER TABLE activity
    ADD COLUMN IF NOT EXISTS reminder TINYINT(1) NOT NULL DEFAULT 0;
ALTER TABLE family
    ADD COLUMN IF NOT EXISTS reminders_opt_out TINYINT(1) NOT NULL DEFAULT 0;
CREATE TABLE IF NOT EXISTS reminder_sent (
    activity_id  BIGINT UNSIGNED NOT NULL,
    week_start   DATE NOT NULL,
    family_id    BIGINT UNSIGNED NOT NULL,
    commune_id   BIGINT UNSIGNED NOT NULL,
    sent_at      DATETIME NOT NULL,
    PRIMARY KEY (activity_id, week_start, family_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Fair allocation at registration opening (SPEC §9): requests collected during the window,
-- then places given by the published priority rules and a lot drawn from a published seed.
CREATE TABLE IF NOT EXISTS allocation_run (
    activity_id   BIGINT UNSIGNED NOT NULL PRIMARY KEY,
    commune_id    BIGINT UNSIGNED NOT NULL,
    seed          VARCHAR(64) NOT NULL,
    booked        INT NOT NULL,
    waiting       INT NOT NULL,
    refused       INT NOT NULL,
    run_by        BIGINT UNSIGNED NULL,
    run_at        DATETIME NOT NULL,
    CONSTRAINT fk_allocation_activity FOREIGN KEY (activity_id) REFERENCES activity (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
