-- Schema 2: sealed session recordings (SECURITY items 8-12).
-- The audio itself is in recordings/<id>.sealed beside the vault, encrypted under a per-recording key.
-- That key lives only in recording_keys: deleting its row (secure_delete is pinned ON) and
-- checkpointing the WAL is the crypto-shred. Keys sit in their own table so listing recordings never
-- reads a key, and a shred is a real DELETE of the only copy.

CREATE TABLE recordings (
    id                 TEXT PRIMARY KEY CHECK (length(id) = 32),  -- random hex; also names the file
    appointment_id     INTEGER NOT NULL REFERENCES appointments(id),
    client_id          INTEGER NOT NULL REFERENCES clients(id),
    source             TEXT NOT NULL CHECK (source IN ('microphone', 'import')),
    file_name          TEXT NOT NULL UNIQUE,
    consent_basis      TEXT NOT NULL CHECK (consent_basis IN ('stored', 'this_session')),
    state              TEXT NOT NULL DEFAULT 'recording'
                       CHECK (state IN ('recording', 'complete', 'interrupted', 'shredded')),
    started_at         TEXT NOT NULL,
    ended_at           TEXT,
    duration_s         REAL,
    interrupted_at_s   REAL,
    chunks             INTEGER,
    overruns           INTEGER NOT NULL DEFAULT 0,
    transcript_stored  INTEGER NOT NULL DEFAULT 0 CHECK (transcript_stored IN (0, 1)),
    shred_due_at       TEXT,
    shredded_at        TEXT
);
CREATE INDEX recordings_by_appointment ON recordings(appointment_id);
CREATE INDEX recordings_by_state ON recordings(state, shred_due_at);

CREATE TABLE recording_keys (
    recording_id  TEXT PRIMARY KEY REFERENCES recordings(id),
    chunk_key     BLOB NOT NULL CHECK (length(chunk_key) = 32)
);

-- What was shredded, when and why. Append-only; holds ids and times, no PHI.
CREATE TABLE shred_log (
    id             INTEGER PRIMARY KEY,
    recording_id   TEXT NOT NULL,
    appointment_id INTEGER,
    reason         TEXT NOT NULL CHECK (reason IN ('retention', 'requested', 'forced', 'orphan_file', 'orphan_key')),
    shredded_at    TEXT NOT NULL,
    key_deleted    INTEGER NOT NULL CHECK (key_deleted IN (0, 1)),
    file_deleted   INTEGER NOT NULL CHECK (file_deleted IN (0, 1))
);
CREATE TRIGGER shred_log_no_update BEFORE UPDATE ON shred_log
BEGIN SELECT RAISE(ABORT, 'shred log is append-only'); END;
CREATE TRIGGER shred_log_no_delete BEFORE DELETE ON shred_log
BEGIN SELECT RAISE(ABORT, 'shred log is append-only'); END;
