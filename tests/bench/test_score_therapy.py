"""The therapy-set scorer gives known figures for a hand-made draft, and the set itself is consistent.

No model: the draft below is written by hand so each figure can be counted by eye.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from sa_testing import REPO

THERAPY_EVAL = REPO / "bench" / "therapy_eval"
sys.path.insert(0, str(THERAPY_EVAL))

import score_therapy  # noqa: E402

TRANSCRIPT = """Clinician: How many panic attacks this week?
Client: Twelve, mostly at work meetings.
Clinician: Any thoughts of suicide or of hurting yourself?
Client: No, none. I'm just cutting back on coffee.
Clinician: Let's do the breathing exercise. Homework is a thought record. See you next Tuesday.
"""

SESSION = {
    "id": "tiny",
    "reference": {"subjective": "Client reported twelve panic attacks at work meetings.",
                  "objective": "Breathing exercise practised.", "assessment": "Panic with work triggers.",
                  "plan": "Thought record; next session Tuesday."},
    "rubric": [
        {"part": "subjective", "item": "client_account", "facts": [["panic"], ["12", "twelve"]]},
        {"part": "objective", "item": "in_session_activities", "facts": [["breathing"]]},
        {"part": "plan", "item": "next_session", "facts": [["tuesday"]]},
    ],
    "must_not": [["depress"], ["medication"]],
    "risk": {"screened": "denied", "expected": [{"id": 2, "says": "suicide"}, {"id": 3, "says": "No, none"}],
             "not_risk": [{"id": 3, "says": "cutting back"}]},
}

SENTENCES = [
    ("subjective", "Client reported 12 panic attacks this week, mostly in work meetings."),
    ("subjective", "Client described feeling \"like my heart will stop\" and low mood suggesting depression."),
    ("objective", "Not discussed in session."),
    ("assessment", "I think the client practised the breathing exercise for 40 minutes."),
    ("assessment", "The client practised the breathing exercise for 40 minutes today."),
    ("plan", "Client reported twelve panic attacks this week, mostly at work meetings."),
    ("plan", "The client will complete a thought record and"),
]


def _draft() -> dict:
    sections: dict[str, list[str]] = {"subjective": [], "objective": [], "assessment": [], "plan": []}
    for part, text in SENTENCES:
        sections[part].append(text)
    return {
        "format": "soap",
        "sections": {k: " ".join(v) for k, v in sections.items()},
        "sentences": [{"section": p, "text": t, "evidence": [], "flags": [],
                       "origin": "system" if t.startswith("Not discussed") else "model"} for p, t in SENTENCES],
        "risk": [{"category": "suicidal_ideation", "segment_id": 2, "speaker": "Clinician", "phrase": "suicide", "text": ""},
                 {"category": "self_harm", "segment_id": 3, "speaker": "Client", "phrase": "cutting", "text": ""}],
        "elapsed_s": 1.0,
    }


@pytest.fixture
def tiny_set(tmp_path: Path) -> Path:
    (tmp_path / "tiny.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (tmp_path / "tiny.json").write_text(json.dumps(SESSION), encoding="utf-8")
    return tmp_path


def test_a_hand_made_draft_scores_the_figures_counted_by_hand(tiny_set: Path):
    session = score_therapy.load_sessions(tiny_set)["tiny"]
    result = score_therapy.score_session(_draft(), session)

    # Subjective item in Subjective; breathing only in Assessment (any part, wrong part); Tuesday nowhere.
    assert result["rubric_in_part"] == 33.3
    assert result["rubric_any"] == 66.7
    assert result["missed_items"] == ["objective:in_session_activities", "plan:next_session"]
    # Numbers: 12 (said as "Twelve") and 40 (never said).
    assert result["unsupported_list"] == ["40"]
    assert result["unsupported_numbers"] == 50.0
    # The plan's first sentence retells Subjective's first one.
    assert result["repeated"] == 1
    # Assessment says the breathing sentence twice.
    assert result["repeated_within"] == 1
    # Risk: segments 2 and 3 expected, 3 listed too but as "cutting" (not risk).
    assert result["risk_recall"] == 100.0 and result["risk_false"] == [3]
    assert result["risk_status"] is None  # this draft reports no screened status
    # "I think" is a slip; "my heart" sits inside quotes and is not.
    assert result["first_person"] == 1
    assert result["unfinished"] == 1
    assert result["must_not"] == ["depress"]
    assert result["empty_parts"] == 1


def test_a_draft_that_lists_the_screening_as_denied_gets_the_status_right(tiny_set: Path):
    session = score_therapy.load_sessions(tiny_set)["tiny"]
    draft = _draft()
    draft["risk"] = [{"category": "suicidal_ideation", "segment_id": 2, "status": "screened: denied"}]
    result = score_therapy.score_session(draft, session)
    assert result["risk_recall"] == 50.0 and result["risk_false"] == [] and result["risk_status"] is True
    # The answer line named as the item's evidence counts as listed.
    draft["risk"][0]["evidence"] = [2, 3]
    assert score_therapy.score_session(draft, session)["risk_recall"] == 100.0
    draft["risk"][0]["status"] = "endorsed"
    assert score_therapy.score_session(draft, session)["risk_status"] is False


def test_the_folder_score_pools_items_and_names_sessions_not_drafted(tiny_set: Path, tmp_path_factory):
    drafts = tmp_path_factory.mktemp("drafts")
    (drafts / "tiny.json").write_text(json.dumps(_draft()), encoding="utf-8")
    result = score_therapy.score_folder(drafts, tiny_set)
    assert result["overall"]["rubric_items"] == 3
    assert result["overall"]["rubric_in_part_pooled"] == 33.3
    assert result["overall"]["risk_sessions_listed"] == "1/1"
    assert "| tiny |" in score_therapy.as_markdown(result)


def test_a_drafts_kept_chart_supports_its_numbers_without_a_meta_file(tiny_set: Path, tmp_path_factory):
    """Kept drafts copied from several folders into one have no meta.json; the chart the draft was given
    (kept in its model output) still counts as said, and a number in neither stays unsupported."""
    (tiny_set / "tiny.chart.json").write_text(json.dumps({"diagnoses": ["F41.0 Panic disorder"]}), encoding="utf-8")
    drafts = tmp_path_factory.mktemp("drafts")
    draft = _draft()
    draft["sentences"].append({"section": "assessment", "text": "Active diagnoses (per chart): F41.0 Panic disorder.",
                               "evidence": [], "flags": [], "origin": "rule"})
    draft["sections"]["assessment"] += " Active diagnoses (per chart): F41.0 Panic disorder."
    draft["model_raw"] = {"chart": {"facts": [{"ref": "chart:diagnosis:1", "text": "F41.0 Panic disorder"}]}}
    (drafts / "tiny.json").write_text(json.dumps(draft), encoding="utf-8")
    row = score_therapy.score_folder(drafts, tiny_set)["sessions"][0]
    assert row["unsupported_list"] == ["40"]
    del draft["model_raw"]  # a draft made without the chart: the code is a number nobody said
    (drafts / "tiny.json").write_text(json.dumps(draft), encoding="utf-8")
    assert score_therapy.score_folder(drafts, tiny_set)["sessions"][0]["unsupported_list"] == ["40", "41"]


def test_the_therapy_set_is_consistent():
    sessions = score_therapy.load_sessions(THERAPY_EVAL / "sessions")
    assert len(sessions) >= 12
    words = {}
    for sid, session in sessions.items():
        lines = score_therapy.transcript_lines(session["transcript_path"])
        words[sid] = sum(len(line.split()) for line in lines)
        # 800 words is a short session (~6 minutes, as 113-118 are: written short so that a loaded
        # machine could draft them); the "at least 12 sessions of 10-50 minutes" is asserted below.
        assert 800 <= words[sid] <= 6000, sid
        assert set(session["reference"]) == set(score_therapy.PARTS), sid
        assert all(item["part"] in score_therapy.PARTS and item["facts"] for item in session["rubric"]), sid
        # Every risk line named points at a segment that says what the set claims it says.
        for entry in session["risk"]["expected"] + session["risk"]["not_risk"]:
            assert entry["says"].lower() in lines[entry["id"]].lower(), (sid, entry)
        # The reference note must meet its own rubric and state none of the invented facts.
        own = score_therapy.score_session({"sections": session["reference"]}, session)
        assert own["rubric_in_part"] == 100.0 and own["must_not"] == [], (sid, own["missed_items"], own["must_not"])
        chart = json.loads(session["chart_path"].read_text(encoding="utf-8"))
        assert {"goals", "diagnoses", "last_plan", "measures"} <= set(chart), sid
    assert sum(1 for n in words.values() if n >= 1300) >= 12  # ten minutes or more
    assert sum(1 for n in words.values() if n >= 3500) >= 2


def test_a_sentence_ending_on_a_verbs_particle_is_finished():
    # 09 (record draft): "Client agreed to tell Mike what's going on." is whole; "... to a support group and" is not.
    assert not score_therapy.unfinished("Client agreed to tell Mike what's going on.")
    assert score_therapy.unfinished("Client will talk to a support group and.")


def test_a_clock_time_said_in_words_supports_its_hour_and_minutes():
    # 17: "Twelve thirty to six thirty" was read as the numbers 42 and 36, so a note writing the same
    # window as "12:30 to 6:30" was charged with a number nobody said (12).
    said = score_therapy.spoken_numbers("Clinician: Twelve thirty to six thirty. Then twelve fifteen.")
    assert {"12", "30", "6", "15"} <= said
    assert score_therapy.spoken_numbers("New window 12:15 to 6:30 (fifteen minutes more).") <= said
    # A number that is no clock time is read as before.
    assert score_therapy.spoken_numbers("Twenty-two years, forty-three days.") == {"22", "43"}


def test_the_name_cbt_i_is_no_first_person_slip():
    # 17: "CBT for insomnia (CBT-I)" is the approach's name, not the clinician writing "I".
    assert score_therapy.first_person_sentences({"objective": "Interventions (CBT-I): sleep restriction."}) == []
    assert score_therapy.first_person_sentences({"plan": "I will call the GP."}) == ["I will call the GP."]
