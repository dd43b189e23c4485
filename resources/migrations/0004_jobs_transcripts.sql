-- Schema 4: persistent jobs, transcripts and session drafts.
-- Persistent jobs (transcription, drafting, summaries) and what they produce.
-- A job that was running when the app stopped is marked interrupted at start-up and resumed
-- from its checkpoints, so finished windows are never redone.

CREATE TABLE jobs (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL,
    target_id     INTEGER,
    state         TEXT NOT NULL DEFAULT 'queued'
                  CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled', 'interrupted')),
    progress      REAL NOT NULL DEFAULT 0,
    message       TEXT NOT NULL DEFAULT '',
    params_json   TEXT NOT NULL DEFAULT '{}',
    result_json   TEXT,
    error         TEXT NOT NULL DEFAULT '',
    attempts      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX jobs_by_state ON jobs(state, kind);
CREATE INDEX jobs_by_target ON jobs(kind, target_id);

CREATE TABLE job_checkpoints (
    job_id     INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    data_json  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (job_id, seq)
);

CREATE TABLE transcripts (
    id              INTEGER PRIMARY KEY,
    appointment_id  INTEGER REFERENCES appointments(id),
    recording_id    TEXT,
    language        TEXT NOT NULL DEFAULT '',
    duration_s      REAL NOT NULL DEFAULT 0,
    model           TEXT NOT NULL DEFAULT '',
    segments_json   TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX transcripts_by_appointment ON transcripts(appointment_id);

CREATE TABLE session_drafts (
    id              INTEGER PRIMARY KEY,
    appointment_id  INTEGER NOT NULL REFERENCES appointments(id),
    transcript_id   INTEGER REFERENCES transcripts(id),
    format          TEXT NOT NULL,
    draft_json      TEXT NOT NULL,
    model           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL
);
CREATE INDEX session_drafts_by_appointment ON session_drafts(appointment_id, id);
