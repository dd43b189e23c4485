-- Schema 1: the clinician's chart. Every table lives inside the SQLCipher vault.
-- Signed records are immutable in the database itself (triggers), not only in the services.

CREATE TABLE vault_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE clinician_profile (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    name              TEXT NOT NULL DEFAULT '',
    credentials       TEXT NOT NULL DEFAULT '',
    licence_number    TEXT NOT NULL DEFAULT '',
    practice_name     TEXT NOT NULL DEFAULT '',
    practice_address  TEXT NOT NULL DEFAULT '',
    phone             TEXT NOT NULL DEFAULT '',
    email             TEXT NOT NULL DEFAULT '',
    ai_usage_consent  INTEGER NOT NULL DEFAULT 0 CHECK (ai_usage_consent IN (0, 1)),
    updated_at        TEXT NOT NULL
);

CREATE TABLE clients (
    id                 INTEGER PRIMARY KEY,
    first_name         TEXT NOT NULL,
    last_name          TEXT NOT NULL,
    preferred_name     TEXT NOT NULL DEFAULT '',
    date_of_birth      TEXT,
    gender             TEXT NOT NULL DEFAULT '',
    pronouns           TEXT NOT NULL DEFAULT '',
    phone              TEXT NOT NULL DEFAULT '',
    email              TEXT NOT NULL DEFAULT '',
    address            TEXT NOT NULL DEFAULT '',
    emergency_contact  TEXT NOT NULL DEFAULT '',
    status             TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'discharged')),
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);

-- Consent decisions are appended, never edited: the latest row is the client's current answer.
CREATE TABLE client_consents (
    id            INTEGER PRIMARY KEY,
    client_id     INTEGER NOT NULL REFERENCES clients(id),
    kind          TEXT NOT NULL CHECK (kind IN ('ai_recording')),
    decision      TEXT NOT NULL CHECK (decision IN ('given', 'declined', 'revoked')),
    decided_at    TEXT NOT NULL,
    form_version  TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX client_consents_by_client ON client_consents(client_id, kind, id);

CREATE TABLE appointments (
    id                   INTEGER PRIMARY KEY,
    client_id            INTEGER NOT NULL REFERENCES clients(id),
    starts_at            TEXT NOT NULL,
    minutes              INTEGER NOT NULL CHECK (minutes > 0 AND minutes <= 600),
    modality             TEXT NOT NULL DEFAULT 'in_person' CHECK (modality IN ('in_person', 'telehealth')),
    status               TEXT NOT NULL DEFAULT 'scheduled'
                         CHECK (status IN ('scheduled', 'completed', 'cancelled', 'no_show')),
    cancellation_reason  TEXT NOT NULL DEFAULT '',
    cancelled_at         TEXT,
    created_at           TEXT NOT NULL
);
CREATE INDEX appointments_by_start ON appointments(starts_at);
CREATE INDEX appointments_by_client ON appointments(client_id, starts_at);

CREATE TABLE note_templates (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    fields_json TEXT NOT NULL,
    builtin     INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE progress_notes (
    id              INTEGER PRIMARY KEY,
    client_id       INTEGER NOT NULL REFERENCES clients(id),
    appointment_id  INTEGER REFERENCES appointments(id),
    template_name   TEXT NOT NULL,
    template_json   TEXT NOT NULL,
    fields_json     TEXT NOT NULL DEFAULT '{}',
    status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed')),
    ai_assisted     INTEGER NOT NULL DEFAULT 0,
    ai_model        TEXT NOT NULL DEFAULT '',
    signer_name     TEXT,
    signer_credentials TEXT,
    signer_licence  TEXT,
    signed_at       TEXT,
    content_hash    TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX progress_notes_by_client ON progress_notes(client_id, created_at);
CREATE UNIQUE INDEX progress_notes_one_per_appointment ON progress_notes(appointment_id)
    WHERE appointment_id IS NOT NULL;

CREATE TRIGGER progress_notes_signed_no_update BEFORE UPDATE ON progress_notes
WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'signed note is immutable'); END;

CREATE TRIGGER progress_notes_signed_no_delete BEFORE DELETE ON progress_notes
WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'signed note is immutable'); END;

CREATE TABLE note_addenda (
    id          INTEGER PRIMARY KEY,
    note_id     INTEGER NOT NULL REFERENCES progress_notes(id),
    author      TEXT NOT NULL,
    reason      TEXT NOT NULL,
    text        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE TRIGGER note_addenda_no_update BEFORE UPDATE ON note_addenda
BEGIN SELECT RAISE(ABORT, 'addenda are append-only'); END;
CREATE TRIGGER note_addenda_no_delete BEFORE DELETE ON note_addenda
BEGIN SELECT RAISE(ABORT, 'addenda are append-only'); END;
CREATE TRIGGER note_addenda_only_on_signed BEFORE INSERT ON note_addenda
WHEN (SELECT status FROM progress_notes WHERE id = NEW.note_id) IS NOT 'signed'
BEGIN SELECT RAISE(ABORT, 'addenda are for signed notes'); END;

-- Administrative and cancellation notes are never clinical sources.
CREATE TABLE admin_notes (
    id              INTEGER PRIMARY KEY,
    client_id       INTEGER NOT NULL REFERENCES clients(id),
    appointment_id  INTEGER REFERENCES appointments(id),
    kind            TEXT NOT NULL CHECK (kind IN ('administrative', 'cancellation')),
    text            TEXT NOT NULL,
    created_at      TEXT NOT NULL
);

CREATE TABLE diagnoses (
    id             INTEGER PRIMARY KEY,
    client_id      INTEGER NOT NULL REFERENCES clients(id),
    code           TEXT NOT NULL,
    description    TEXT NOT NULL,
    onset_date     TEXT,
    resolved_date  TEXT,
    created_at     TEXT NOT NULL
);

CREATE TABLE assessments (
    id              INTEGER PRIMARY KEY,
    client_id       INTEGER NOT NULL REFERENCES clients(id),
    instrument      TEXT NOT NULL,
    items_json      TEXT NOT NULL DEFAULT '[]',
    total_score     INTEGER,
    severity        TEXT NOT NULL DEFAULT '',
    administered_on TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed')),
    signer_name     TEXT,
    signed_at       TEXT,
    created_at      TEXT NOT NULL
);
CREATE TRIGGER assessments_signed_no_update BEFORE UPDATE ON assessments
WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'signed assessment is immutable'); END;
CREATE TRIGGER assessments_signed_no_delete BEFORE DELETE ON assessments
WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'signed assessment is immutable'); END;

CREATE TABLE treatment_plans (
    id            INTEGER PRIMARY KEY,
    client_id     INTEGER NOT NULL REFERENCES clients(id),
    version       INTEGER NOT NULL,
    plan_json     TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed')),
    review_date   TEXT,
    signer_name   TEXT,
    signed_at     TEXT,
    content_hash  TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (client_id, version)
);
CREATE TRIGGER treatment_plans_signed_no_update BEFORE UPDATE ON treatment_plans
WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'signed treatment plan is immutable'); END;
CREATE TRIGGER treatment_plans_signed_no_delete BEFORE DELETE ON treatment_plans
WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'signed treatment plan is immutable'); END;

CREATE TABLE summaries (
    id            INTEGER PRIMARY KEY,
    client_id     INTEGER NOT NULL REFERENCES clients(id),
    kind          TEXT NOT NULL CHECK (kind IN ('case', 'treatment')),
    date_from     TEXT,
    date_to       TEXT,
    purpose       TEXT NOT NULL DEFAULT '',
    text          TEXT NOT NULL DEFAULT '',
    sources_json  TEXT NOT NULL DEFAULT '[]',
    status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed')),
    ai_model      TEXT NOT NULL DEFAULT '',
    signer_name   TEXT,
    signed_at     TEXT,
    content_hash  TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX summaries_one_treatment_draft ON summaries(client_id)
    WHERE kind = 'treatment' AND status = 'draft';
CREATE TRIGGER summaries_signed_no_update BEFORE UPDATE ON summaries
WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'signed summary is immutable'); END;

-- Append-only, hash-chained. Each row's mac covers its own fields and the previous row's mac.
CREATE TABLE audit_log (
    seq        INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    entity     TEXT NOT NULL DEFAULT '',
    entity_id  INTEGER,
    client_id  INTEGER,
    detail     TEXT NOT NULL DEFAULT '',
    prev_mac   TEXT NOT NULL,
    mac        TEXT NOT NULL
);
CREATE INDEX audit_log_by_client ON audit_log(client_id, seq);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
