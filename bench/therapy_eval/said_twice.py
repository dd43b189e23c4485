#!/usr/bin/env python3
"""Find a fact said twice in a note, in other words: pairs of the note's sentences (across parts and
within one) that cite the same transcript lines, share most content words, quote the same span, or
state the same number with its unit (issue 16: "nothing said twice").

    .venv/bin/python bench/therapy_eval/said_twice.py --drafts DIR [--labels FILE] [--json]

The scorer's ``repeated`` counts sentences whose wording nearly matches; a fact told twice by two
rule readers of the same lines ("Phone call made from the room ... rang the crisis team" in Objective,
"Crisis team contacted from the session ..." in Plan) shares few words and is missed there. This
finds candidates; which are real repeats is a reader's call, kept in ``--labels`` (a JSON object
{pair key: "repeat" | "different"}), from which the precision of each signal is printed.

Signals, each pair listing all that fire:
  lines   the two cite mostly the same transcript lines (shared ids >= half of the smaller set, the
          smaller set at most SMALL_SET ids) and share at least LINES_WORDS content words, or (two rule
          lines) one cites at most TIGHT_SET lines, all cited by the other;
  words   shared content words >= WORD_SHARE of the smaller sentence's (4+ content words);
  quote   a span of QUOTE_WORDS+ words quoted in one appears in the other;
  number  the same number with the same unit ("ten minutes", "3 days", "at ten").
Chart lines (no transcript evidence) take part by words, quotes and numbers only.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import re
import statistics
import sys
from pathlib import Path

NOT_DISCUSSED = "not discussed in session."
SMALL_SET = 6
TIGHT_SET = 2
LINES_WORDS = 3  # content words two sentences citing the same lines share when they tell the same of them
WORD_SHARE = 0.6
QUOTE_WORDS = 4
_STOP = set("""a an the and or but if of to in on at for with from by as is are was were be been being it its this that
these those he she they them his her their him i me my you your we our us not no yes so then than there here have has had
do does did will would can could should may might must just also very about into over after before up down out off
client client's clinician clinician's therapist session said says reported reports stated noted described told
as per what which who when where how all any some each every more most other such only own same too
chart words""".split())
# A rule line opens with its frame ("Response to interventions, in the client's words: ", "Measures (per
# chart): "): two lines sharing a frame share no fact, so the words before the first colon are not counted.
_RULE_FRAME = re.compile(r"^[^:\"“]{3,120}:\s")
_WORD = re.compile(r"[a-z0-9']+")
_QUOTED = re.compile(r"[\"“]([^\"”]+)[\"”]")
_NUMBER_WORDS = ("one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty "
                 "hundred half").split()
_UNITS = r"(?:minutes?|mins?|hours?|days?|nights?|weeks?|fortnights?|months?|years?|times?|pounds?|units?|cups?|drinks?|" \
         r"pints?|cans?|bottles?|mg|miles?|o'clock|am|pm|percent|%|out of \d+|sessions?|kilos?|stone)"
_NUMBER_UNIT = re.compile(rf"\b(\d+(?:\.\d+)?|{'|'.join(_NUMBER_WORDS)})\s*({_UNITS})\b", re.I)
_AT_TIME = re.compile(rf"\bat (\d{{1,2}}(?::\d\d)?|{'|'.join(_NUMBER_WORDS)})\b", re.I)


def _stem(word: str) -> str:
    word = word.removesuffix("'s")
    for end in ("ing", "ed", "es", "s"):
        if word.endswith(end) and len(word) - len(end) >= 4:
            return word[: -len(end)]
    return word


def content(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2}


def _plain(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def quotes(text: str) -> list[str]:
    return [_plain(q) for q in _QUOTED.findall(text) if len(_plain(q).split()) >= QUOTE_WORDS]


def numbers_with_units(text: str) -> set[str]:
    found = {f"{n.lower()} {u.lower().rstrip('s')}" for n, u in _NUMBER_UNIT.findall(text)}
    return found | {f"at {t.lower()}" for t in _AT_TIME.findall(text)}


def _shared_quote(a: str, b: str) -> str | None:
    """A quoted span of one found in the other (or the longest common run of QUOTE_WORDS+ words of a quote)."""
    plain_b = f" {_plain(b)} "
    for q in quotes(a):
        words = q.split()
        for size in range(len(words), QUOTE_WORDS - 1, -1):
            for start in range(len(words) - size + 1):
                run = " ".join(words[start:start + size])
                if f" {run} " in plain_b:
                    return run
    return None


def said(sentence: dict) -> str:
    """What a sentence says: a rule line without its frame."""
    text = sentence["text"]
    return _RULE_FRAME.sub("", text, count=1) if sentence.get("origin") == "rule" else text


def signals(a: dict, b: dict) -> dict[str, str]:
    """Which signals fire for the pair of sentences ``a``, ``b``, each with what it found."""
    found: dict[str, str] = {}
    ea, eb = set(a.get("evidence") or []), set(b.get("evidence") or [])
    ca, cb = content(said(a)), content(said(b))
    shared_words = ca & cb
    if ea and eb and min(len(ea), len(eb)) <= SMALL_SET:
        shared_ids = ea & eb
        # the whole text here: a rule line's frame may be what it tells ("Crisis team contacted ...: <what they'll do>")
        told = content(a["text"]) & content(b["text"])
        # a line of one or two cited lines, all cited by the other too, tells of the same moment
        # (two rule readers of the same lines: a model sentence's cited lines are looser)
        tight = (min(len(ea), len(eb)) <= TIGHT_SET and shared_ids in (ea, eb)
                 and a.get("origin") == b.get("origin") == "rule")
        if shared_ids and len(shared_ids) >= 0.5 * min(len(ea), len(eb)) and (tight or len(told) >= LINES_WORDS):
            found["lines"] = ",".join(str(i) for i in sorted(shared_ids))
    small = min(len(ca), len(cb))
    if small >= 4 and len(shared_words) >= WORD_SHARE * small:
        found["words"] = " ".join(sorted(shared_words))
    quote = _shared_quote(a["text"], b["text"]) or _shared_quote(b["text"], a["text"])
    if quote:
        found["quote"] = quote
    numbers = numbers_with_units(said(a)) & numbers_with_units(said(b))
    if numbers:
        found["number"] = "; ".join(sorted(numbers))
    return found


def pair_key(sid: str, a: dict, b: dict) -> str:
    digest = hashlib.sha1(f"{a['section']}|{a['text']}||{b['section']}|{b['text']}".encode()).hexdigest()[:10]
    return f"{sid.split('_')[0]}:{digest}"


def note_words(draft: dict) -> int:
    return sum(len(t.split()) for t in (draft.get("sections") or {}).values() if t.strip().lower() != NOT_DISCUSSED)


def draft_pairs(sid: str, draft: dict) -> list[dict]:
    said = [s for s in draft.get("sentences") or [] if s["text"].strip().lower() != NOT_DISCUSSED]
    pairs = []
    for a, b in itertools.combinations(said, 2):
        fired = signals(a, b)
        if fired:
            pairs.append({"key": pair_key(sid, a, b), "where": "within" if a["section"] == b["section"] else "across",
                          "signals": fired, "a": {k: a.get(k) for k in ("section", "origin", "text", "evidence")},
                          "b": {k: b.get(k) for k in ("section", "origin", "text", "evidence")}})
    return pairs


def check_folder(folder: Path) -> dict:
    result = {}
    for path in sorted(folder.glob("[0-9]*.json")):
        draft = json.loads(path.read_text(encoding="utf-8"))
        result[path.stem] = {"words": note_words(draft), "pairs": draft_pairs(path.stem, draft)}
    return result


def summary(result: dict, labels: dict[str, str]) -> str:
    lines = []
    words = [r["words"] for r in result.values()]
    pairs = [p for r in result.values() for p in r["pairs"]]
    labelled = [p for p in pairs if p["key"] in labels]
    real = [p for p in labelled if labels[p["key"]] == "repeat"]
    lines.append(f"drafts {len(result)}; median words {statistics.median(words) if words else 0}; "
                 f"pairs {len(pairs)} (across {sum(p['where'] == 'across' for p in pairs)}, "
                 f"within {sum(p['where'] == 'within' for p in pairs)})")
    if labelled:
        lines.append(f"read: {len(labelled)} of {len(pairs)} pairs; real repeats {len(real)}; "
                     f"precision {100 * len(real) / len(labelled):.0f}%")
        for signal in ("lines", "words", "quote", "number"):
            fired = [p for p in labelled if signal in p["signals"]]
            if fired:
                hits = sum(labels[p["key"]] == "repeat" for p in fired)
                lines.append(f"  {signal:6} fired {len(fired):3}, real {hits:3} ({100 * hits / len(fired):.0f}%)")
    unread = [p for p in pairs if p["key"] not in labels]
    if labels and unread:
        lines.append(f"unread pairs (new since the labels): {len(unread)}")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--drafts", type=Path, required=True)
    ap.add_argument("--labels", type=Path, default=None, help="JSON {pair key: 'repeat' | 'different'}, a reader's call")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--brief", action="store_true", help="the summary and per-draft counts only")
    args = ap.parse_args()
    result = check_folder(args.drafts)
    labels = json.loads(args.labels.read_text(encoding="utf-8")) if args.labels and args.labels.exists() else {}
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    for sid, found in result.items():
        real = sum(labels.get(p["key"]) == "repeat" for p in found["pairs"])
        print(f"== {sid}: {found['words']} words, {len(found['pairs'])} pairs" + (f", {real} read as repeats" if labels else ""))
        if args.brief:
            continue
        for p in found["pairs"]:
            mark = labels.get(p["key"], "?")
            print(f"  [{p['key']}] {mark} {p['where']} {' '.join(f'{k}={v!r}' for k, v in p['signals'].items())}")
            print(f"    {p['a']['section'][:4]}/{p['a']['origin']}: {p['a']['text']}")
            print(f"    {p['b']['section'][:4]}/{p['b']['origin']}: {p['b']['text']}")
    print(summary(result, labels))
    return 0


if __name__ == "__main__":
    sys.exit(main())
