-- Schema 5: the 24-hour promise without exception (issue 15 items 2 and 7).
-- The deadline is worked out at every sweep from the end on two clocks and the retention in force
-- (audio/deadline.py); a recording whose file is missing is tracked, not treated as an orphan; a
-- recording shredded before its transcript was stored leaves a notice for the clinician.

ALTER TABLE recordings ADD COLUMN retention_s INTEGER;      -- the retention in force when it ended
ALTER TABLE recordings ADD COLUMN boot_id TEXT;             -- the boot it was recorded in (no PHI)
ALTER TABLE recordings ADD COLUMN started_boot_s REAL;      -- boot clock at the start
ALTER TABLE recordings ADD COLUMN ended_boot_s REAL;        -- boot clock at the end
ALTER TABLE recordings ADD COLUMN missing_since TEXT;       -- first sweep that did not find its file

-- Messages for the clinician that must outlive the command or window that raised them.
CREATE TABLE notices (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('shredded_untranscribed', 'audio_missing')),
    recording_id    TEXT,
    appointment_id  INTEGER,
    created_at      TEXT NOT NULL,
    message         TEXT NOT NULL,
    dismissed_at    TEXT
);
CREATE INDEX notices_open ON notices(dismissed_at, id);

-- shred_log gains the reason 'untranscribed' (the deadline struck before a transcript was stored).
CREATE TABLE shred_log_v5 (
    id             INTEGER PRIMARY KEY,
    recording_id   TEXT NOT NULL,
    appointment_id INTEGER,
    reason         TEXT NOT NULL CHECK (reason IN ('retention', 'untranscribed', 'requested', 'forced',
                                                   'orphan_file', 'orphan_key')),
    shredded_at    TEXT NOT NULL,
    key_deleted    INTEGER NOT NULL CHECK (key_deleted IN (0, 1)),
    file_deleted   INTEGER NOT NULL CHECK (file_deleted IN (0, 1))
);
INSERT INTO shred_log_v5 SELECT id, recording_id, appointment_id, reason, shredded_at, key_deleted, file_deleted
    FROM shred_log;
DROP TABLE shred_log;
ALTER TABLE shred_log_v5 RENAME TO shred_log;
CREATE TRIGGER shred_log_no_update BEFORE UPDATE ON shred_log
BEGIN SELECT RAISE(ABORT, 'shred log is append-only'); END;
CREATE TRIGGER shred_log_no_delete BEFORE DELETE ON shred_log
BEGIN SELECT RAISE(ABORT, 'shred log is append-only'); END;
