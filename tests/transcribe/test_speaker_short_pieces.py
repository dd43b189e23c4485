"""A piece too short for a good print (under the encoder's 1.6 s window) follows its neighbour
when its print is about as near that neighbour's voice as its own; a clear print keeps its voice."""

from __future__ import annotations

import numpy as np

from session_assistant.transcribe.segments import Segment, Word
from session_assistant.transcribe.speakers import diarize


def _unit(v):
    return v / np.linalg.norm(v)


def _segment(i, start, text, voice, rng, noise=0.03):
    tokens = text.split()
    step = 0.3
    words = [Word(start + k * step, start + (k + 1) * step - 0.05, " " + w, 0.9) for k, w in enumerate(tokens)]
    end = words[-1].end
    rows = [[a, min(end, a + 2.0), *_unit(voice + noise * rng.standard_normal(voice.size)).tolist()]
            for a in np.arange(start, end, 2.0)]
    return Segment(i, start, end, text, words, 0.9, None, rows)


def test_a_short_question_after_a_short_pause_stays_with_the_voice_before_it():
    rng = np.random.default_rng(4)
    clinician = _unit(rng.standard_normal(256))
    partner = _unit(0.9 * clinician + 0.44 * _unit(rng.standard_normal(256)))  # a close voice (two men)
    other = _unit(rng.standard_normal(256))
    script = [(clinician, "What would you like to focus on in our session today together?"),
              (other, "We keep arguing about money and last week I found a credit card bill."),
              (partner, "I was going to tell her but I was embarrassed because I lost my bonus."),
              (clinician, "It sounds like the bill felt like a secret and the secret hurt more."),
              (None, "Is that right?"),
              (other, "Yes exactly I felt shut out and I wondered what else I did not know."),
              (partner, "And I felt ashamed, my father never talked about money either."),
              (clinician, "So each of you was alone with a hard feeling about the money."),
              (partner, "Yes."),
              (other, "I raised my voice and he walked out of the kitchen that night."),
              (partner, "I needed time to calm down but I know it looked like I did not care.")]
    segments, t = [], 0.0
    for i, (voice, text) in enumerate(script):
        if voice is None:  # the clinician's short question, printed a hair nearer the partner
            voice = _unit(0.49 * clinician + 0.51 * partner)
        if segments:  # each short reply comes 0.42 s after the turn before it, the others after 1 s
            t = segments[-1].end + (0.42 if text in ("Is that right?", "Yes.") else 1.0)
        segments.append(_segment(i, t, text, voice, rng))
    diarize(segments, 3)
    said = {s.text: s.speaker for s in segments}
    assert said["Is that right?"] == said["It sounds like the bill felt like a secret and the secret hurt more."]
    # a clear print of the partner after the same short pause keeps the partner's name
    assert said["Yes."] == said["And I felt ashamed, my father never talked about money either."]
    assert said["Yes."] != said["So each of you was alone with a hard feeling about the money."]
