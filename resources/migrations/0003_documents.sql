-- Schema 3: signed documents. The clinician's signing key lives only here, inside the vault;
-- every exported document is recorded with the SHA-256 of the exact bytes that left the computer.

-- One row per signing identity ever used; the newest is current. Rows are never changed or deleted,
-- so an old export's certificate can always be matched to the identity that signed it.
CREATE TABLE signing_identity (
    id               INTEGER PRIMARY KEY,
    created_at       TEXT NOT NULL,
    subject_name     TEXT NOT NULL,
    fingerprint      TEXT NOT NULL UNIQUE,
    cert_pem         TEXT NOT NULL,
    private_key_der  BLOB NOT NULL
);
CREATE TRIGGER signing_identity_no_update BEFORE UPDATE ON signing_identity
BEGIN SELECT RAISE(ABORT, 'signing identities are append-only'); END;
CREATE TRIGGER signing_identity_no_delete BEFORE DELETE ON signing_identity
BEGIN SELECT RAISE(ABORT, 'signing identities are append-only'); END;

CREATE TABLE exports (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('note', 'summary', 'plan', 'assessment', 'client',
                                                  'consent_form')),
    entity_id       INTEGER,
    client_id       INTEGER REFERENCES clients(id),
    shared          INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0, 1)),
    content_sha256  TEXT NOT NULL CHECK (length(content_sha256) = 64),
    created_at      TEXT NOT NULL,
    file_name       TEXT NOT NULL
);
CREATE INDEX exports_by_client ON exports(client_id, id);
CREATE TRIGGER exports_no_update BEFORE UPDATE ON exports
BEGIN SELECT RAISE(ABORT, 'export records are append-only'); END;
CREATE TRIGGER exports_no_delete BEFORE DELETE ON exports
BEGIN SELECT RAISE(ABORT, 'export records are append-only'); END;
