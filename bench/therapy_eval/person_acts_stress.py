#!/usr/bin/env python3
"""False alarms of the invent25 checks: true sentences built from the session's own lines, run through
``others_acts.unsaid_acts`` and ``misgendered.misgendered`` (no model).

    PYTHONPATH=<tree>/src .venv/bin/python bench/therapy_eval/person_acts_stress.py [--sessions DIR] [--show]

For every sentence of a client's line that gives an act of harm or note (threatened, hit, pushed,
shouted, left, cheated ...) to a person the line names ("My partner pushed me", "Gary shoved me",
"I was hit by my dad"), a note sentence is built by swapping the client's words for the note's
("The client reported that the client's partner pushed the client"). A sentence whose doer is a
pronoun ("he pushed me") is built twice, once with each person named in that line or the four lines
before it, and counted apart: only one of those is true, so it bounds, not measures.
For the pronoun check, each client line that speaks of another person with "he"/"she" is told as
"The client said that ..." with the client's own words in the client's pronouns (sessions whose
client gender is known: chart, own words, the clinician's words to them), repaired as the note's voice
repairs it, then checked (``pronouns``: withheld by ``misgendered``). Every flag on such a sentence is a
false alarm, and so is a pronoun of another person that ``consistent_pronouns`` would turn into the
client's (``pronouns_rewritten``). The session's reference note (a clinician's own sentences) is checked
the same way (``reference_*``). The script prints the counts (and, with --show, each flagged sentence).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from session_assistant.drafting import parse_transcript
from session_assistant.drafting.chart_context import ChartContext
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.misgendered import misgendered
from session_assistant.drafting.others_acts import _ACT, _note_doers, _session_names, _tokens, unsaid_acts
from session_assistant.drafting.person_voice import client_pronouns, consistent_pronouns
from session_assistant.drafting.risk import is_client

HERE = Path(__file__).resolve().parent
_PRONOUN_DOER = re.compile(r"\b(?:he|she|they)\b(?:'s|'d| has| had| was| were| just| also| then| never| ever)?\s*$", re.I)


def _client_words(sentence: str, own: str) -> str:
    """The client's first person as the note says it, with the client's pronouns (``own``: "she"/"he"/"")."""
    poss = {"she": "her", "he": "his"}.get(own, "the client's")
    obj = {"she": "her", "he": "him"}.get(own, "the client")
    out = re.sub(r"\bI'm\b", "the client is", sentence)
    out = re.sub(r"\bI've\b", "the client has", out)
    out = re.sub(r"\bI'd\b", "the client had", out)
    out = re.sub(r"\bI\b", "the client", out)
    out = re.sub(r"\b[Mm]y\b", poss, out)
    out = re.sub(r"\bme\b", obj, out)
    return re.sub(r"\bmyself\b", "herself" if own == "she" else "himself" if own == "he" else "themselves", out)


_AUX = set("""had has have was were is are am be been being did does do would will could might may should can must
'd 'll 've 's 're 'm ever never just also then once always even really actually already nearly almost only not
gonna going to""".split())
_KIN = re.compile(r"(?:partner|husband|wife|boyfriend|girlfriend|ex|mum|mam|mom|mother|dad|daddy|father|brother|sister|"
                  r"son|daughter|boss|manager|friend|cousin|nan|gran)$", re.I)


def _act_sentences(source: SourceIndex) -> tuple[list[str], list[str]]:
    """(sentences whose doer the line names, sentences whose doer is a pronoun, one per person named near)."""
    names = source.once(_session_names)
    named, by_pronoun = [], []
    lines = [u for u in source.utterances if u.speaker]
    for number, utt in enumerate(lines):
        if not is_client(utt.speaker):
            continue
        for sentence in re.split(r"(?<=[.!?])\s+", " ".join(utt.text.split())):
            if "?" in sentence or '"' in sentence:
                continue
            for match in _ACT.finditer(sentence):
                if match.group(0)[0].isupper():
                    continue
                before = sentence[:match.start()]
                words = _tokens(before)
                n = len(words) - 1
                while n >= 0 and words[n].lower() in _AUX:
                    n -= 1
                doer = words[n] if n >= 0 else ""
                passive = any(w.lower() in {"was", "were", "been", "got"} for w in words[n + 1:])
                by = re.search(r"\bby (?:my \w+|[A-Z][a-z]+)", sentence[match.end():][:40])
                if (passive and by) or (not passive and (doer in names or _KIN.match(doer))):
                    named.append("The client reported that " + _client_words(sentence, ""))
                elif not passive and doer.lower() in ("he", "she", "they"):
                    near = [w for u in lines[max(0, number - 4):number + 1] for w in _tokens(u.text) if w in names]
                    near += [f"the client's {m}" for u in lines[max(0, number - 4):number + 1]
                             for m in re.findall(r"\b(?:my|your) (partner|husband|wife|boyfriend|girlfriend|mum|dad|"
                                                 r"mother|father|brother|sister|son|daughter|boss|friend)\b", u.text)]
                    for person in dict.fromkeys(near):
                        swapped = _PRONOUN_DOER.sub(lambda m: person + m.group(0)[len(m.group(0).split()[0]):], before)
                        by_pronoun.append("The client reported that " + _client_words(swapped + sentence[match.start():], ""))
                break  # one sentence per line sentence
    return named, by_pronoun


def _pronoun_sentences(source: SourceIndex, own: str) -> list[tuple[str, int]]:
    """(note sentence, the line it tells) for client lines that speak of someone else as he/she."""
    out = []
    for utt in source.utterances:
        if not is_client(utt.speaker):
            continue
        for sentence in re.split(r"(?<=[.!?])\s+", " ".join(utt.text.split())):
            if "?" in sentence or '"' in sentence or not re.search(r"\b(?:he|she|him|his|her)\b", sentence, re.I):
                continue
            if not re.search(r"\b(?:I|my|me)\b", sentence):
                continue
            out.append(("The client said that " + _client_words(sentence[0].lower() + sentence[1:], own), utt.id))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", default=str(HERE / "sessions"))
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    totals = {"named": [0, 0], "pronoun_doer": [0, 0], "pronouns": [0, 0], "pronouns_rewritten": [0, 0],
              "reference_acts": [0, 0], "reference_pronouns": [0, 0], "reference_rewritten": [0, 0]}
    for path in sorted(Path(args.sessions).glob("*.txt")):
        source = SourceIndex(parse_transcript(path.read_text()))
        if not (source.utterances and source.utterances[0].speaker):
            continue
        chart_path = path.with_name(path.stem + ".chart.json")
        chart = ChartContext.from_json(json.loads(chart_path.read_text())) if chart_path.exists() else None
        pronouns = (chart.pronouns if chart else "") or client_pronouns(source)
        named, by_pronoun = _act_sentences(source)
        own = (pronouns or "").split("/")[0].lower()
        told = _pronoun_sentences(source, own) if own in ("she", "he") else []
        def rewritten(told: tuple[str, int]) -> list[str]:
            """The other person's pronoun the repair would turn into the client's (the note's words)."""
            repaired = consistent_pronouns(told[0], pronouns, source, [told[1]])
            return [repaired] if repaired != told[0] else []

        # The session's reference note, a clinician's true sentences: each naming a person's act, and (client
        # gender known) each checked for its pronouns as the note's voice would repair them.
        reference = json.loads(path.with_suffix(".json").read_text()).get("reference") or {}
        said = [s for part in reference.values() for s in re.split(r"(?<=[.!?])\s+", str(part)) if s]
        acts = [s for s in said if _note_doers(s, source.once(_session_names))]
        pronouned = said if own in ("she", "he") else []
        checks = [("named", named, lambda s: unsaid_acts(s, source)),
                  ("pronoun_doer", by_pronoun, lambda s: unsaid_acts(s, source)),
                  ("pronouns", told, lambda s: misgendered(
                      s[0], consistent_pronouns(s[0], pronouns, source, [s[1]]), source, pronouns, [s[1]])),
                  ("pronouns_rewritten", told, rewritten),
                  ("reference_acts", acts, lambda s: unsaid_acts(s, source)),
                  ("reference_pronouns", pronouned,
                   lambda s: misgendered(s, consistent_pronouns(s, pronouns, source), source, pronouns)),
                  ("reference_rewritten", pronouned, lambda s: rewritten((s, -1)))]
        for key, sentences, check in checks:
            for sentence in sentences:
                flags = check(sentence)
                totals[key][0] += 1
                totals[key][1] += bool(flags)
                if flags and args.show:
                    print(f"[{path.stem[:2]}] {key}: {sentence}  {flags}")
    for key, (n, flagged) in totals.items():
        print(f"{key}: {flagged} flagged of {n} true sentences")
    return 0


if __name__ == "__main__":
    sys.exit(main())
