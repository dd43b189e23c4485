-- Schema 6: digests of signed chart items (issue 20).
-- When a note, assessment or plan is signed, a background job writes its digest: problems,
-- interventions, response, risk mentions, homework and scores, each with the sentence it came
-- from. Summaries are composed from digests instead of re-reading the whole chart.
-- source_digest is the item's content hash when the digest was built (an addendum changes it,
-- and the digest is rebuilt); extractor names the rule set, so a new one rebuilds older digests.

CREATE TABLE digests (
    id             INTEGER PRIMARY KEY,
    client_id      INTEGER NOT NULL REFERENCES clients(id),
    source_kind    TEXT NOT NULL CHECK (source_kind IN ('progress_note', 'assessment', 'treatment_plan')),
    source_id      INTEGER NOT NULL,
    source_date    TEXT NOT NULL,
    source_digest  TEXT NOT NULL,
    extractor      TEXT NOT NULL,
    digest_json    TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    UNIQUE (source_kind, source_id)
);
CREATE INDEX digests_by_client ON digests(client_id, source_date);

-- Items signed before this release are digested once, in the background: queue that job now.
INSERT INTO jobs (kind, params_json, created_at, updated_at)
SELECT 'digest_backfill', '{}', strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'), strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')
WHERE EXISTS (SELECT 1 FROM progress_notes WHERE status = 'signed')
   OR EXISTS (SELECT 1 FROM assessments WHERE status = 'signed')
   OR EXISTS (SELECT 1 FROM treatment_plans WHERE status = 'signed');
