#!/usr/bin/env python3
"""Score therapy note drafts against the team's own therapy evaluation set (bench/therapy_eval/sessions).

    .venv/bin/python bench/therapy_eval/score_therapy.py --drafts bench/out/therapy_eval/baseline [--json]

Input: a folder of ``<session id>.json`` files, each what ``session-assistant --json draft SESSION.txt``
prints (``sections``, ``sentences`` with ``section``/``text``/``origin``, ``risk`` with ``segment_id``).

Per session and overall (SOAP drafts):
  rubric_in_part / rubric_any  share of the session's rubric items covered in the right SOAP part / in
                     any part. An item is covered when at least half (rounded up) of its key facts appear;
                     a fact appears when any of its alternatives does (case-insensitive, matched at a word
                     start, so "worr" matches "worries"; a number never matches inside a longer number).
  rouge1/2/Lsum      F1 of the whole note against the reference note, as ../shared/eval/score_notes.py
                     computes it (rouge-score, no stemming), x 100.
  unsupported_numbers share of the numbers in the draft (digits or English words) said nowhere in the
                     transcript (nor in the chart context, when the drafter was given it), x 100.
  repeated           sentences that nearly repeat a sentence of another part (normalised text, difflib
                     ratio >= 0.8 or word-set Jaccard >= 0.75 over sentences of 4+ words);
                     repeated_within: the same inside one part.
  risk_recall        share of the expected risk segments (screening questions and answers, risk language)
                     that the draft's risk list names (as segment_id or in an item's evidence); risk_false: segments listed as risk that are not
                     (e.g. "cutting back on drinking"); risk_status: whether a risk item says
                     "denied"/"endorsed" as the session expects (None when the drafter reports no status).
  first_person       sentences with I / me / my / myself outside quotation marks.
  unfinished         model sentences that do not end in . ! ? (or end on a dangling word such as "and").
  must_not           invented facts listed for the session that the draft states.
"""

from __future__ import annotations

import argparse
import difflib
import json
import math
import re
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PARTS = ("subjective", "objective", "assessment", "plan")
NOT_DISCUSSED = "not discussed in session."

# --- numbers: copied from ../shared/eval/score_notes.py (numbers_in), so both yardsticks agree ---
UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
SCALES = {"hundred": 100, "thousand": 1000}


def numbers_in(text: str) -> set[str]:
    """Every number in the text, whether written as digits or as English words (score_notes.py's rule)."""
    text = text.lower().replace(",", "")
    found = set(re.findall(r"\d+(?:\.\d+)?", text))
    total, current, seen = 0, 0, False
    for word in re.findall(r"[a-z]+|\d+(?:\.\d+)?", text.replace("-", " ")):
        if word in UNITS or word in TENS:
            current += UNITS.get(word, 0) + TENS.get(word, 0)
            seen = True
        elif word in SCALES and seen:
            current = max(current, 1) * SCALES[word]
            if SCALES[word] == 1000:
                total, current = total + current, 0
        elif word == "and" and seen:
            continue
        else:
            if seen:
                found.add(str(total + current))
            total, current, seen = 0, 0, False
    if seen:
        found.add(str(total + current))
    return {n.rstrip("0").rstrip(".") if "." in n else n for n in found}


# --- the evaluation set ---------------------------------------------------------------------------

def transcript_lines(path: Path) -> list[str]:
    """Segment texts in the order the drafter numbers them: one non-empty line is one segment."""
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_sessions(folder: Path) -> dict[str, dict]:
    """``{id: meta}`` for every ``<id>.json`` with a ``<id>.txt`` transcript beside it."""
    sessions: dict[str, dict] = {}
    for meta_path in sorted(Path(folder).glob("*.json")):
        if meta_path.name.endswith(".chart.json"):
            continue
        txt = meta_path.with_suffix(".txt")
        if not txt.exists():
            continue
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        meta["transcript_path"] = txt
        meta["chart_path"] = meta_path.with_name(meta_path.stem + ".chart.json")
        sessions[meta["id"]] = meta
    return sessions


# --- matching ------------------------------------------------------------------------------------

def normalise(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"[\u2010-\u2015]", "-", text)
    return re.sub(r"\s+", " ", text)


def _alternative_pattern(alt: str) -> re.Pattern:
    alt = normalise(alt)
    lead = r"(?<![a-z0-9])" if alt[:1].isalnum() else ""
    tail = r"(?![0-9])" if alt[-1:].isdigit() else ""
    return re.compile(lead + re.escape(alt) + tail)


def fact_found(alternatives: list[str], text: str) -> bool:
    return any(_alternative_pattern(a).search(text) for a in alternatives)


def item_covered(facts: list[list[str]], text: str) -> bool:
    need = max(1, math.ceil(len(facts) / 2))
    return sum(fact_found(f, text) for f in facts) >= need


# --- sentences -----------------------------------------------------------------------------------

_SPLIT = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[A-Z\"(])")
_QUOTED = re.compile(r"\"[^\"]*\"|\u201c[^\u201d]*\u201d")
# "(?<!-)": the approach "CBT-I" (17) is a name, not the writer saying "I".
_FIRST_PERSON = re.compile(r"(?<!-)\bI\b|\b(?:me|my|myself|mine)\b", re.I)
_DANGLING = {"and", "or", "but", "the", "a", "an", "to", "of", "with", "that", "for", "in", "on", "at",
             "because", "including", "as", "by", "from", "which", "who", "and/or"}


def draft_sentences(draft: dict) -> list[dict]:
    """``[{section, text, origin}]``: the draft's own sentence list, else its sections split."""
    found = []
    if isinstance(draft.get("sentences"), list):
        for s in draft["sentences"]:
            text = (s.get("text") or "").strip()
            if text and normalise(text) != NOT_DISCUSSED:
                found.append({"section": s.get("section", ""), "text": text, "origin": s.get("origin", "model")})
        return found
    for key, body in (draft.get("sections") or {}).items():
        for text in _SPLIT.split(body or ""):
            if text.strip() and normalise(text.strip()) != NOT_DISCUSSED:
                found.append({"section": key, "text": text.strip(), "origin": "model"})
    return found


def section_texts(draft: dict) -> dict[str, str]:
    sections = draft.get("sections") or {}
    return {k: ("" if normalise((sections.get(k) or "").strip()) == NOT_DISCUSSED else (sections.get(k) or "").strip())
            for k in PARTS}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", normalise(text))


def near_duplicate(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    if len(wa) < 4 or len(wb) < 4:
        return False
    ja, jb = " ".join(wa), " ".join(wb)
    # difflib's own upper bounds of ratio() first (its real_quick_ratio, then quick_ratio): the same
    # answer, and most pairs are told apart without ratio()'s longest-match search (which was ~90 % of
    # the therapy-set test's time).
    if 2.0 * min(len(ja), len(jb)) / (len(ja) + len(jb)) >= 0.8:
        matcher = difflib.SequenceMatcher(None, ja, jb)
        if matcher.quick_ratio() >= 0.8 and matcher.ratio() >= 0.8:
            return True
    sa, sb = set(wa), set(wb)
    return len(sa & sb) / len(sa | sb) >= 0.75


def repeated_across_parts(sentences: list[dict]) -> list[tuple[str, str]]:
    """Each later sentence that nearly repeats an earlier sentence of another part, once."""
    repeats = []
    for i, later in enumerate(sentences):
        for earlier in sentences[:i]:
            if earlier["section"] != later["section"] and near_duplicate(earlier["text"], later["text"]):
                repeats.append((earlier["text"], later["text"]))
                break
    return repeats


def repeated_within_parts(sentences: list[dict]) -> int:
    """Later sentences that nearly repeat an earlier sentence of the same part (a looping part)."""
    return sum(1 for i, later in enumerate(sentences)
               if any(e["section"] == later["section"] and near_duplicate(e["text"], later["text"]) for e in sentences[:i]))


def first_person(text: str) -> bool:
    return bool(_FIRST_PERSON.search(_QUOTED.sub(" ", text)))


def first_person_sentences(parts: dict[str, str]) -> list[str]:
    """Sentences in the clinician's or model's own voice: quotes are taken out of each whole part
    first, because a quote may run over a sentence break ("...like this. I'm just a burden")."""
    slips = []
    for body in parts.values():
        for text in _SPLIT.split(_QUOTED.sub('""', normalise_quotes(body))):
            if first_person(text):
                slips.append(text.strip())
    return slips


def normalise_quotes(text: str) -> str:
    return text.replace("\u201c", '"').replace("\u201d", '"')


_MINUTES = {"fifteen": "15", "thirty": "30", "forty-five": "45", "forty five": "45"}
_CLOCK_WORDS = re.compile(r"(?<![-\w])(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) "
                          r"(fifteen|thirty|forty-five|forty five)\b(?![ -]?(?:minute|hour|day|week|month|year|percent|%))", re.I)


def spoken_numbers(text: str) -> set[str]:
    """numbers_in, reading "10:00" as 10 and "a hundred" as 100, as a listener would."""
    text = re.sub(r"\b(\d{1,2}):00\b", r"\1", text)
    # "twelve thirty" is a time, 12:30, not the number 42 that numbers_in would make of the two words.
    text = _CLOCK_WORDS.sub(lambda m: f"{UNITS[m[1].lower()]}:{_MINUTES[m[2].lower()]}", text)
    text = re.sub(r"\ba hundred\b", "one hundred", text, flags=re.I)
    return numbers_in(text)


def unfinished(text: str) -> bool:
    stripped = text.strip().rstrip("\"')]\u201d\u2019 ")
    if not stripped or stripped[-1] not in ".!?":
        return True
    words = _words(stripped)
    # "tell Mike what's going on." (09) ends on a verb's particle, not a dangling preposition.
    if len(words) >= 2 and words[-1] in ("on", "in") and words[-2] in ("going", "goes", "went", "carry", "move", "hold"):
        return False
    return bool(words) and words[-1] in _DANGLING


# --- risk ----------------------------------------------------------------------------------------

def risk_figures(draft: dict, expected: dict) -> dict:
    items = [r for r in draft.get("risk") or [] if isinstance(r, dict)]
    # A screening item may name its question and answer lines as evidence besides its segment id.
    found_ids = {r.get("segment_id") for r in items} | {i for r in items for i in r.get("evidence") or []}
    want = [e["id"] for e in expected.get("expected", [])]
    not_risk = {e["id"] for e in expected.get("not_risk", [])}
    statuses = " ".join(str(v).lower() for r in items for k, v in r.items()
                        if k not in ("text", "phrase", "speaker", "category", "segment_id", "evidence"))
    screened = expected.get("screened", "")
    status = None
    if "denied" in statuses or "endorsed" in statuses:
        status = screened in statuses
    hit = [i for i in want if i in found_ids]
    return {"risk_expected": len(want), "risk_found": len(hit),
            "risk_recall": round(100 * len(hit) / len(want), 1) if want else None,
            "risk_listed": bool(hit) if want else None,
            "risk_false": sorted(i for i in found_ids & not_risk), "risk_status": status}


# --- one session ---------------------------------------------------------------------------------

def _note_text(parts: dict[str, str]) -> str:
    return "\n\n".join(f"{k.upper()}\n{v}" for k, v in parts.items())


def score_session(draft: dict, session: dict, chart_text: str = "", scorer=None) -> dict:
    parts = section_texts(draft)
    normal_parts = {k: normalise(v) for k, v in parts.items()}
    whole = normalise(" ".join(parts.values()))
    rubric = session.get("rubric", [])
    in_part = [item for item in rubric if item_covered(item["facts"], normal_parts.get(item["part"], ""))]
    anywhere = [item for item in rubric if item_covered(item["facts"], whole)]
    by_part = {p: [sum(1 for i in in_part if i["part"] == p), sum(1 for i in rubric if i["part"] == p)] for p in PARTS}
    sentences = draft_sentences(draft)
    model_sentences = [s for s in sentences if s.get("origin", "model") == "model"]
    spoken = spoken_numbers(" ".join(transcript_lines(session["transcript_path"])) + " " + chart_text)
    drafted = spoken_numbers(" ".join(parts.values()))
    unsupported = sorted(drafted - spoken, key=lambda n: float(n))
    result = {
        "id": session["id"],
        "words": len(" ".join(parts.values()).split()),
        "rubric_items": len(rubric),
        "rubric_in_part": round(100 * len(in_part) / len(rubric), 1) if rubric else None,
        "rubric_any": round(100 * len(anywhere) / len(rubric), 1) if rubric else None,
        "rubric_by_part": by_part,
        "missed_items": [f"{i['part']}:{i['item']}" for i in rubric if i not in in_part],
        "numbers": len(drafted),
        "unsupported_numbers": round(100 * len(unsupported) / len(drafted), 1) if drafted else 0.0,
        "unsupported_list": unsupported,
        "repeated": len(repeated_across_parts(sentences)),
        "repeated_within": repeated_within_parts(sentences),
        "first_person": len(first_person_sentences(parts)),
        "unfinished": sum(1 for s in model_sentences if unfinished(s["text"])),
        "must_not": [alts[0] for alts in session.get("must_not", []) if fact_found(alts, whole)],
        "empty_parts": sum(1 for v in parts.values() if not v),
        "elapsed_s": draft.get("elapsed_s"),
    }
    result.update(risk_figures(draft, session.get("risk", {})))
    if scorer is not None:
        ref = _note_text({k: session["reference"].get(k, "") for k in PARTS})
        s = scorer.score(ref, _note_text(parts))
        result.update({k: round(100 * s[k].fmeasure, 2) for k in ("rouge1", "rouge2", "rougeLsum")})
    return result


def _rouge():
    try:
        from rouge_score import rouge_scorer
    except ImportError:  # the figure is left out rather than faked
        return None
    return rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=False)


def score_folder(drafts: Path, sessions_dir: Path = HERE / "sessions") -> dict:
    sessions = load_sessions(sessions_dir)
    meta_path = Path(drafts) / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    scorer = _rouge()
    rows = []
    for sid, session in sessions.items():
        path = Path(drafts) / f"{sid}.json"
        if not path.exists():
            continue
        draft = json.loads(path.read_text(encoding="utf-8"))
        chart = session["chart_path"].read_text(encoding="utf-8") if chart_was_passed(meta, draft) and session["chart_path"].exists() else ""
        rows.append(score_session(draft, session, chart, scorer))
    return {"meta": meta, "sessions": rows, "overall": overall(rows), "missing": sorted(set(sessions) - {r["id"] for r in rows})}


def chart_was_passed(meta: dict, draft: dict) -> bool:
    """The folder's meta.json says so, or the draft's kept model output carries the chart it was given: a
    folder of kept drafts copied without its meta.json (re-renders of several folders) would otherwise count
    the chart's numbers (a diagnosis code F32.1, a measure's last score) as numbers nobody said."""
    return bool(meta.get("chart_passed") or ((draft.get("model_raw") or {}).get("chart") or {}).get("facts"))


def overall(rows: list[dict]) -> dict:
    if not rows:
        return {}

    def med(key):
        values = [r[key] for r in rows if r.get(key) is not None]
        return round(statistics.median(values), 2) if values else None

    def mean(key):
        values = [r[key] for r in rows if r.get(key) is not None]
        return round(statistics.fmean(values), 2) if values else None

    items = sum(r["rubric_items"] for r in rows)
    pooled_part = sum(sum(v[0] for v in r["rubric_by_part"].values()) for r in rows)
    pooled_any = sum(round(r["rubric_any"] * r["rubric_items"] / 100) for r in rows)
    by_part = {p: [sum(r["rubric_by_part"][p][0] for r in rows), sum(r["rubric_by_part"][p][1] for r in rows)] for p in PARTS}
    risk_sessions = [r for r in rows if r["risk_listed"] is not None]
    return {
        "sessions": len(rows),
        "rubric_items": items,
        "rubric_in_part_pooled": round(100 * pooled_part / items, 1),
        "rubric_any_pooled": round(100 * pooled_any / items, 1),
        "rubric_in_part_median": med("rubric_in_part"),
        "rubric_by_part": {p: round(100 * c / n, 1) if n else None for p, (c, n) in by_part.items()},
        "rouge1_mean": mean("rouge1"), "rouge2_mean": mean("rouge2"), "rougeLsum_mean": mean("rougeLsum"),
        "rouge1_median": med("rouge1"),
        "unsupported_numbers_mean": mean("unsupported_numbers"),
        "unsupported_numbers_total": sum(len(r["unsupported_list"]) for r in rows),
        "numbers_total": sum(r["numbers"] for r in rows),
        "repeated_total": sum(r["repeated"] for r in rows), "repeated_median": med("repeated"),
        "repeated_within_total": sum(r["repeated_within"] for r in rows),
        "risk_recall_mean": mean("risk_recall"),
        "risk_sessions_listed": f"{sum(1 for r in risk_sessions if r['risk_listed'])}/{len(risk_sessions)}",
        "risk_false_total": sum(len(r["risk_false"]) for r in rows),
        "risk_status_right": f"{sum(1 for r in rows if r['risk_status'])}/{sum(1 for r in rows if r['risk_status'] is not None)}",
        "first_person_total": sum(r["first_person"] for r in rows),
        "unfinished_total": sum(r["unfinished"] for r in rows),
        "must_not_total": sum(len(r["must_not"]) for r in rows),
        "words_median": med("words"), "elapsed_s_median": med("elapsed_s"), "elapsed_s_max": max(
            (r["elapsed_s"] for r in rows if r.get("elapsed_s") is not None), default=None),
    }


def as_markdown(result: dict) -> str:
    o = result.get("overall") or {}
    lines = ["| figure | value |", "|---|---|"] + [f"| {k} | {v} |" for k, v in o.items()]
    lines += ["", "| session | words | rubric in part % | any part % | R-1 | R-2 | R-Lsum | unsupp. num. % | repeats |"
              " repeats within | risk recall % | false risk | 1st person | unfinished | must_not | s |",
              "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in result.get("sessions", []):
        lines.append(f"| {r['id']} | {r['words']} | {r['rubric_in_part']} | {r['rubric_any']} | {r.get('rouge1')} | "
                     f"{r.get('rouge2')} | {r.get('rougeLsum')} | {r['unsupported_numbers']} {r['unsupported_list'] or ''} | "
                     f"{r['repeated']} | {r['repeated_within']} | {r['risk_recall']} | {len(r['risk_false'])} | {r['first_person']} | "
                     f"{r['unfinished']} | {', '.join(r['must_not']) or 0} | {r.get('elapsed_s')} |")
    if result.get("missing"):
        lines.append(f"\nnot drafted: {', '.join(result['missing'])}")
    return "\n".join(lines)


def quoted_draft(draft: dict, title: str) -> str:
    """A draft printed in full as markdown: its four parts, then its risk list, as the clinician sees them."""
    lines = [f"### {title}", ""]
    for key in PARTS:
        lines += [f"**{key.title()}.** {(draft.get('sections') or {}).get(key, '')}", ""]
    risk = draft.get("risk") or []
    if risk:
        lines.append("Risk list:")
        for r in risk:
            status = f", {r['status']}" if r.get("status") else ""
            lines.append(f"- {r.get('category')} (segment {r.get('segment_id')}{status}): {r.get('phrase')}")
        lines.append("")
    if draft.get("withheld"):
        lines.append(f"({len(draft['withheld'])} model sentence(s) withheld as risk statements)")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--drafts", type=Path, required=True, help="folder of <session id>.json drafts")
    ap.add_argument("--sessions", type=Path, default=HERE / "sessions")
    ap.add_argument("--json", action="store_true", help="print the whole result as JSON")
    ap.add_argument("--quote", nargs="*", default=None, metavar="ID", help="print these drafts in full instead")
    args = ap.parse_args()
    if args.quote is not None:
        for sid in args.quote:
            draft = json.loads((args.drafts / f"{sid}.json").read_text(encoding="utf-8"))
            print(quoted_draft(draft, sid) + "\n")
        return 0
    result = score_folder(args.drafts, args.sessions)
    if not result["sessions"]:
        sys.exit("no drafts for any session of the set in that folder")
    print(json.dumps(result, indent=1) if args.json else as_markdown(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
