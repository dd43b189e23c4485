#!/usr/bin/env python3
"""Assemble drafts again from the model output they carry, with this tree's code, without the model:
what the rule changes alone do to a draft the model already made.

    PYTHONPATH=<tree>/src .venv/bin/python bench/therapy_eval/rerender.py --drafts DIR --out DIR2

A draft that carries the model's raw output (``model_raw``: what ``session-assistant draft --json``
writes since main 99cee9e + eval19; the section items as generated, before any check) is assembled
again by the product's own code (``drafting.model_raw.assemble_again``, i.e. ``sections.assemble``):
no step is re-implemented here, so with the same tree the re-render is the draft, sentence for
sentence (tests/bench/test_rerender.py). Such a draft is marked ``"rerender": "assembled"``.

``--fill-typed`` (needs the model; one process per core: ``--threads 1 --cpus N`` and the lock named
by SA_DRAFT_LOCK, held while the model runs) first runs the typed-slot request (issue 16,
``drafting.typed_slots``) on each draft whose kept output lacks it, exactly as ``draft_note`` runs it
after the sections, keeps its raw output in ``model_raw["typed"]``, then assembles: a draft made
before the request plus ``--fill-typed`` is the draft this tree makes. Each such draft records
``typed_fill``: ``prefix_s`` (reading the transcript prefix, which a real draft already has in the
cache from its section requests) and ``typed_s`` (the request itself: the seconds it adds to a draft).

Older drafts carry no raw output; they keep the approximate paths below and are marked
``"rerender": "approximate"``; scores.md says how many of each. Approximate, because the paths
below re-implement the product's post-generation steps in their own order and can drift from it:
a ``--method record`` draft (``facts.record``) is rendered again: the next-session rule runs on the
transcript (it needs no model); the Plan pass does, so a record made before it keeps its
window-pass Plan facts. A section draft is checked again: its model sentences pass this tree's
therapy checks (a feeling nobody reported, an approach not evidenced: withheld), and the rule lines
for interventions and risk are made again. Figures from this are labelled "re-rendered" or
"re-checked", never as a new draft.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import score_therapy  # noqa: E402  (beside this file)
from session_assistant.drafting import get_format, load_transcript, parse_transcript, require_words  # noqa: E402
from session_assistant.drafting.chart_context import ChartContext  # noqa: E402
from session_assistant.drafting.fact_lines import fact_lines  # noqa: E402
from session_assistant.drafting.formats import NOT_DISCUSSED  # noqa: E402
from session_assistant.drafting.grounding import SourceIndex  # noqa: E402
from session_assistant.drafting.model_raw import assemble_again  # noqa: E402
from session_assistant.drafting.plan_said import PLAN_RULE_OPENINGS, retells_plan  # noqa: E402
from session_assistant.drafting.record_plan import add_next_session_rule  # noqa: E402
from session_assistant.drafting.record_render import render_note  # noqa: E402
from session_assistant.drafting.risk import scan_transcript  # noqa: E402
from session_assistant.drafting.risk_note import means_plan_line, risk_sentences  # noqa: E402
from session_assistant.drafting.sections import INVENTED_VALUE, therapy_checked  # noqa: E402
from session_assistant.drafting.session_facts import detect_interventions  # noqa: E402
from session_assistant.drafting.session_done import RETOLD_OPENINGS, retells_done  # noqa: E402
from session_assistant.drafting.session_record import SessionRecord  # noqa: E402
from session_assistant.drafting.grounding import content_words  # noqa: E402
from session_assistant.drafting.repetition import KeptSentence, repeated_sentence, shares_run  # noqa: E402
from session_assistant.drafting.risk import mentions_risk  # noqa: E402
from session_assistant.drafting.therapy_voice import FIRST_PERSON, therapy_voice  # noqa: E402


def _chart(chart_path: Path | None) -> ChartContext | None:
    if chart_path is not None and chart_path.exists():
        return ChartContext.from_json(json.loads(chart_path.read_text(encoding="utf-8")))
    return None


def recheck_sections(draft: dict, transcript: str, chart_path: Path | None) -> dict:
    """A section draft with this tree's therapy checks and rule lines (no model run)."""
    utterances = parse_transcript(transcript)
    source, chart = SourceIndex(utterances), _chart(chart_path)
    found = detect_interventions(utterances)
    risk = scan_transcript(utterances)
    rewritten: list[dict] = []
    kept, withheld = [], []
    for sentence in draft.get("withheld") or []:
        if FIRST_PERSON not in (sentence.get("flags") or []):
            withheld.append(sentence)
            continue
        # Withheld as first person by the drafter: this tree may rewrite it from who said the line.
        voice = therapy_voice(sentence["text"], sentence["section"], source, evidence=sentence.get("evidence") or [])
        flags = [f for f in sentence.get("flags") or [] if f != FIRST_PERSON] + voice.flags
        if voice.withhold or any(f in flags for f in ("retells_session", "risk_statement:withheld")):
            withheld.append({**sentence, "text": voice.text, "flags": flags})
            continue
        text, invented = therapy_checked(voice.text, source, found, chart)
        entry = {**sentence, "section": voice.section or sentence["section"], "text": text, "flags": flags + invented,
                 "origin": "model"}
        if any(f.startswith(INVENTED_VALUE) for f in invented) or mentions_risk(text):
            withheld.append(entry)
            continue
        rewritten.append(entry)
    for sentence in draft["sentences"]:
        text = sentence["text"]
        if sentence.get("origin") == "model" and text.rstrip().endswith("?"):
            continue  # as assemble: a copied question is dropped
        if sentence.get("origin") == "model":
            voice = therapy_voice(text, sentence["section"], source, evidence=sentence.get("evidence") or [],
                                  objective_key=None, report_key=None, plan_key=None)
            text, flags = therapy_checked(voice.text, source, found, chart)
            flags = [f for f in voice.flags if f not in (sentence.get("flags") or [])] + flags
            if any(f.startswith(INVENTED_VALUE) for f in flags):
                withheld.append({**sentence, "flags": list(sentence.get("flags") or []) + flags})
                continue
            sentence = {**sentence, "text": text, "flags": list(sentence.get("flags") or []) + flags}
        elif sentence.get("origin") == "rule" or text.startswith(("Risk was screened", "Risk-related language",
                                                                    "Risk was asked", "Risk: ")):
            continue  # the rule lines and the risk line are made again below, by this tree's rules
        if sentence.get("origin") == "model" and any(  # as assemble: a clause said twice in one part
                k.get("origin") == "model" and k["section"] == sentence["section"] and shares_run(sentence["text"], k["text"])
                for k in kept):
            continue
        kept.append(sentence)
    # This tree's rule lines (interventions, stage only for MI, ratings, chart facts, goals the kept
    # model sentences support) and risk line, after the model sentences of each section, as assemble.
    support = [(s["text"], s.get("evidence") or []) for s in kept + rewritten if s.get("origin") == "model"]
    rules = [line.to_dict() for line in fact_lines(get_format("soap", "client"), source, chart, "client", support)[0]]
    means = means_plan_line(utterances, risk, "client") if utterances and utterances[0].speaker else None
    if means:  # as assemble: the client's steps to put means away, in the Plan
        rules.append({"section": "plan", "text": means[0], "evidence": means[1], "flags": ["rule_fact"], "origin": "rule"})
    planned = {i for s in kept + rules if s["section"] == "plan" for i in s.get("evidence") or []}
    rules += [line.to_dict() for line in risk_sentences("soap", "assessment", utterances, risk, "client", planned)]
    kept = [s for key in draft["sections"] for s in [x for x in kept if x["section"] == key]
            + [r for r in rules if r["section"] == key]]
    said = [KeptSentence(s["section"], s["text"], content_words(s["text"])) for s in kept]
    for entry in rewritten:  # after the last model sentence of its section, unless it repeats one (as assemble)
        if repeated_sentence(content_words(entry["text"]), said) is not None:
            continue
        said.append(KeptSentence(entry["section"], entry["text"], content_words(entry["text"])))
        at = max([n + 1 for n, s in enumerate(kept) if s["section"] == entry["section"] and s.get("origin") == "model"]
                 or [next((n for n, s in enumerate(kept) if s["section"] == entry["section"]), len(kept))])
        kept.insert(at, entry)
    plan_rules = [s["text"] for s in kept if s["section"] == "plan" and s.get("origin") == "rule"
                  and s["text"].startswith(PLAN_RULE_OPENINGS)]
    next_known = any(t.startswith("Next session: ") for t in plan_rules)
    kept = [s for s in kept if not (s["section"] == "plan" and s.get("origin") == "model"
                                    and retells_plan(s["text"], plan_rules, next_known))]  # as assemble
    done_rules = [s["text"] for s in kept if s.get("origin") == "rule" and s["text"].startswith(RETOLD_OPENINGS)]
    beside = {key: [s["text"] for s in kept if s["section"] == key and s.get("origin") == "rule"] for key in draft["sections"]}
    kept = [s for s in kept if not (s.get("origin") == "model"
                                    and retells_done(s["text"], done_rules, beside.get(s["section"], [])))]  # as assemble
    sections = {key: " ".join(x["text"] for x in kept if x["section"] == key) or NOT_DISCUSSED
                for key in draft["sections"]}
    return {**draft, "sections": sections, "sentences": kept, "withheld": withheld}


def rerender(draft: dict, transcript: str, chart_path: Path | None) -> dict:
    utterances = parse_transcript(transcript)
    record = SessionRecord.from_dict(draft["facts"]["record"])
    add_next_session_rule(record, utterances)
    chart = _chart(chart_path)
    note = render_note(get_format("soap", "client"), record, SourceIndex(utterances), scan_transcript(utterances),
                       model=draft.get("model", ""), chart=chart, subject="client")
    data = note.to_json()
    data["elapsed_s"] = draft.get("elapsed_s")  # the model time of the original draft
    return data


class TypedFiller:
    """Runs the typed-slot request on kept output that lacks it (``--fill-typed``)."""

    def __init__(self, models: Path, threads: int, cpus: str | None, name: str | None = None) -> None:
        if cpus:
            os.sched_setaffinity(0, {int(c) for c in cpus.split(",")})
        self.models, self.threads, self.name = models, threads, name
        self.model = None
        self.lock = os.environ.get("SA_DRAFT_LOCK")

    def fill(self, kept: dict, utterances: list) -> tuple[dict, dict]:
        """(kept output with typed slots, timings); reads the last section's prompt first so the
        request's own seconds are what it adds to a draft whose sections are in the cache."""
        from session_assistant.drafting.model_raw import note_format, with_typed
        from session_assistant.drafting.note_model import NoteModel
        from session_assistant.drafting.section_drafting import section_request, source_block
        from session_assistant.drafting.formats import system_prompt

        if self.model is None:
            self.model = NoteModel.from_registry(self.models, self.name or kept.get("model"), n_threads=self.threads)
        fmt = note_format(kept)
        system = system_prompt("draft_system", get_format(kept["format"], kept["subject"], kept.get("max_sentences")).title,
                               kept["subject"], kept.get("pronouns"))
        last = fmt.passes[-1]
        chart = ChartContext.from_dict(kept["chart"]) if kept.get("chart") else None
        ask = section_request(fmt, last, chart)
        messages = [{"role": "system", "content": system},
                    {"role": "user", "content": f"{source_block(utterances, 'Transcript')}\n\n{ask}"}]
        handle = open(self.lock, "a") if self.lock else None
        try:
            if handle:
                fcntl.flock(handle, fcntl.LOCK_EX)
            started = time.monotonic()
            self.model.prefill(messages)
            prefix_s = time.monotonic() - started
            started = time.monotonic()
            filled = with_typed(kept, utterances, self.model)
            typed_s = time.monotonic() - started
        finally:
            if handle:
                fcntl.flock(handle, fcntl.LOCK_UN)
                handle.close()
        return filled, {"prefix_s": round(prefix_s, 1), "typed_s": round(typed_s, 1),
                        "tokens": filled["typed"].get("tokens"), "threads": self.threads}


def assembled(draft: dict, transcript_path: Path, filler: TypedFiller | None = None) -> dict:
    """The kept model output through this tree's ``assemble``, exactly as the product runs it; with
    ``filler``, the typed-slot request is run first where the kept output lacks it."""
    from session_assistant.drafting.model_raw import lacks_typed

    utterances = require_words(load_transcript(transcript_path))  # as `draft` reads the file
    kept, timing = draft["model_raw"], draft.get("typed_fill")
    if filler is not None and lacks_typed(kept, utterances):
        kept, timing = filler.fill(kept, utterances)
    data = assemble_again(kept, utterances).to_json()
    data["model_raw"] = kept  # kept, so this output can be assembled again too
    if timing:
        data["typed_fill"] = timing
    data["elapsed_s"] = draft.get("elapsed_s")  # the model time of the original draft
    return data


def rerender_one(draft: dict, transcript_path: Path, chart_path: Path | None, approximate: bool = False,
                 filler: TypedFiller | None = None) -> dict:
    """One draft again: assembled by the product's code when it carries raw output, else approximate."""
    if draft.get("model_raw") and not approximate:
        return {**assembled(draft, transcript_path, filler), "rerender": "assembled"}
    txt = transcript_path.read_text(encoding="utf-8")
    redo = rerender if "record" in (draft.get("facts") or {}) else recheck_sections
    return {**redo(draft, txt, chart_path), "rerender": "approximate"}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--drafts", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--sessions", type=Path, default=HERE / "sessions")
    ap.add_argument("--approximate", action="store_true",
                    help="use the approximate paths even for drafts with kept model output (to measure their drift)")
    ap.add_argument("--fill-typed", action="store_true",
                    help="run the typed-slot request (needs the model) on kept output that lacks it, then assemble")
    ap.add_argument("--models", type=Path, default=HERE.parents[1] / "models")
    ap.add_argument("--model", default=None, help="registry name of the LLM (default: the one the draft was made with)")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--cpus", default=None, help="CPU list to pin to (e.g. 0), as taskset -c")
    ap.add_argument("--only", nargs="*", default=None, help="session ids (default: every draft in --drafts)")
    args = ap.parse_args()
    filler = TypedFiller(args.models, args.threads, args.cpus, args.model) if args.fill_typed else None
    args.out.mkdir(parents=True, exist_ok=True)
    if (args.drafts / "meta.json").exists():  # the scorer reads whether the chart was passed
        meta = json.loads((args.drafts / "meta.json").read_text(encoding="utf-8"))
        (args.out / "meta.json").write_text(json.dumps({**meta, "rerendered_from": str(args.drafts)}, indent=1),
                                            encoding="utf-8")
    how: dict[str, list[str]] = {"assembled": [], "approximate": []}
    for path in sorted(args.drafts.glob("[0-9]*.json")):
        draft = json.loads(path.read_text(encoding="utf-8"))
        sid = path.stem
        if args.only and not any(sid.startswith(o) for o in args.only):
            continue
        if not (args.sessions / f"{sid}.txt").exists():
            print(f"{sid}: no transcript in {args.sessions}, skipped", file=sys.stderr)
            continue
        data = rerender_one(draft, args.sessions / f"{sid}.txt", args.sessions / f"{sid}.chart.json", args.approximate,
                            filler)
        how[data["rerender"]].append(sid)
        (args.out / path.name).write_text(json.dumps(data, indent=1), encoding="utf-8")
    result = score_therapy.score_folder(args.out, args.sessions)
    label = (f"Re-rendered with this tree's code: {len(how['assembled'])} assembled from their kept model output "
             f"by the product's own assemble (exact){': ' + ', '.join(how['assembled']) if how['assembled'] else ''}; "
             f"{len(how['approximate'])} approximate (no kept model output: re-checked by this script's own steps, "
             f"which may drift from the product){': ' + ', '.join(how['approximate']) if how['approximate'] else ''}.\n\n")
    (args.out / "scores.md").write_text(label + score_therapy.as_markdown(result), encoding="utf-8")
    print(label + score_therapy.as_markdown(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
