-- Schema 7: the speaker naming's warning lives with the transcript (issue 17).
-- When a voice profile did not decide who is the clinician, the transcript carries a warning for
-- the clinician to check the names (transcribe.speakers.SpeakerNaming.check). It was kept in the
-- transcribe job's result, so it went with that job rather than the transcript: a recount of the
-- voices could not set it and a job's result is not the record. It is cleared when a speaker is
-- corrected (the clinician has looked at the names) and set again by a recount of the voices.

ALTER TABLE transcripts ADD COLUMN naming_check TEXT NOT NULL DEFAULT '';

-- Warnings written before this release: the done transcribe job whose result names the
-- transcript, while that transcript was never corrected (created_at = updated_at, the old rule).
UPDATE transcripts SET naming_check = COALESCE((
    SELECT json_extract(j.result_json, '$.speaker_check') FROM jobs j
    WHERE j.kind = 'transcribe' AND j.state = 'done' AND json_valid(j.result_json)
      AND json_extract(j.result_json, '$.transcript_id') = transcripts.id
    ORDER BY j.id DESC LIMIT 1), '')
WHERE created_at = updated_at;
