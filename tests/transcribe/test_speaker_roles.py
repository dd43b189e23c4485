"""Naming the clinician from what each voice says, over the whole session, not from who spoke first."""

from __future__ import annotations

import numpy as np

from session_assistant.transcribe.roles import judge_roles, sentence_score
from session_assistant.transcribe.segments import Segment, Word
from session_assistant.transcribe.speakers import diarize

# The client opens (a complaint in the waiting room), the clinician asks, reflects and proposes.
CLIENT_FIRST = [
    (1, "Sorry I am late, the bus was full and I had to wait for the next one."),
    (0, "That's okay. How has your week been since we last met?"),
    (1, "Honestly pretty bad. I have not been sleeping and my manager keeps piling on work."),
    (0, "It sounds like the pressure at work is following you home. What do you notice at night?"),
    (1, "Mm-hmm."),
    (1, "My chest feels tight and I keep going over the meeting in my head."),
    (0, "Let's try the breathing exercise together, and this week could you write down those thoughts?"),
    (1, "Yes. I tried it twice last week and it helped a little."),
]


def _voice(rng, centre, start, end):
    v = centre + 0.25 * rng.standard_normal(centre.size)
    return [start, end, *(v / np.linalg.norm(v)).tolist()]


def _session(turns, rng):
    """Segments with words spread over each turn and voice rows drawn around two voice centres."""
    centres = [rng.standard_normal(256) for _ in range(2)]
    segments, t = [], 0.0
    for i, (who, text) in enumerate(turns):
        tokens = text.split()
        step = 0.3
        words = [Word(t + k * step, t + (k + 1) * step - 0.05, " " + w, 0.9) for k, w in enumerate(tokens)]
        end = words[-1].end
        rows = [_voice(rng, centres[who], a, min(end, a + 2.0)) for a in np.arange(t, end, 2.0)]
        segments.append(Segment(i, t, end, text, words, 0.9, None, rows))
        t = end + 0.8
    return segments


def test_questions_reflections_and_proposals_score_as_the_clinician():
    assert sentence_score("It sounds like the pressure at work is following you home.") > 0
    assert sentence_score("How would you feel about trying that this week?") > 0
    assert sentence_score("I tried it twice and my sister called on Sunday.") < 0
    verdict = judge_roles({0: "I feel tired. My boss shouted at me. I don't know.",
                           1: "What happened then? It sounds like that hurt. Let's look at it together."})
    assert verdict.clinician == 1 and verdict.confidence > 0.8


def test_the_questioner_is_the_clinician_when_the_client_speaks_first():
    segments = _session(CLIENT_FIRST, np.random.default_rng(3))
    truth = {seg.text: who for seg, (who, _) in zip(segments, CLIENT_FIRST)}
    naming = diarize(segments, 2)
    assert segments[0].speaker == "client"  # the first voice heard is not taken for the clinician
    for seg in segments:
        assert seg.speaker == ("clinician" if truth[seg.text] == 0 else "client"), seg.text
    assert naming.method == "conversation" and naming.confidence > 0.8
    assert naming.scores["clinician"] > naming.scores["client"]


def test_a_back_channel_joins_the_nearest_voice_and_does_not_make_a_cluster():
    rng = np.random.default_rng(5)
    segments = _session(CLIENT_FIRST, rng)
    odd = rng.standard_normal(256)  # a "mm-hmm" whose print is far from both voices
    segments[4].voice = [[segments[4].start, segments[4].start + 0.4, *(odd / np.linalg.norm(odd)).tolist()]]
    diarize(segments, 2)
    speakers = [s.speaker for s in segments]
    assert speakers.count("clinician") == 3 and set(speakers) == {"clinician", "client"}


def test_a_voice_profile_names_the_clinician_even_against_the_words():
    rng = np.random.default_rng(7)
    segments = _session(CLIENT_FIRST, rng)
    client_rows = np.array([r[2:] for s, (who, _) in zip(segments, CLIENT_FIRST) if who == 1 for r in s.voice])
    profile = client_rows.mean(axis=0)  # a profile recorded by the voice that reports
    naming = diarize(segments, 2, clinician_voice=profile)
    assert naming.method == "profile"
    assert [s.speaker for s in segments][:2] == ["clinician", "client"]


def test_a_back_channel_whisper_ran_into_the_clinicians_segment_stays_the_clients():
    # Whisper often writes a short reply as its own sentence at the end of the other voice's
    # segment ("... at night? Mm-hmm."): a whole sentence in the other voice is a turn, not a
    # stray print to smooth away; a stray print inside a sentence still is.
    rng = np.random.default_rng(11)
    segments = _session(CLIENT_FIRST, rng)
    asks, back = segments[3], segments[4]
    merged = Segment(3, asks.start, back.end, f"{asks.text} {back.text}", asks.words + back.words, 0.9, None,
                     asks.voice + back.voice)
    segments[3:5] = [merged]
    # a stray client-like print over 0.5 s inside the clinician's proposal
    proposal = segments[5]
    a, b, *own = proposal.voice[1]
    proposal.voice[1:2] = [[a, a + 0.5, *own], [a + 0.5, a + 1.0, *segments[2].voice[0][2:]], [a + 1.0, b, *own]]
    diarize(segments, 2)
    said = [(s.speaker, s.text) for s in segments]
    assert ("client", "Mm-hmm.") in said, said
    assert ("clinician", CLIENT_FIRST[3][1]) in said, said
    assert ("clinician", CLIENT_FIRST[6][1]) in said, said
