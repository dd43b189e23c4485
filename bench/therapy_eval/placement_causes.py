#!/usr/bin/env python3
"""Why a rubric item counts "anywhere" in a draft but not in its own part (issue 16, right part).

    .venv/bin/python bench/therapy_eval/placement_causes.py --drafts DIR [--items]

For each item covered in the whole note but not in its part, the sentences of the other parts that
hold its missing facts, named by kind: a model sentence (and its part), or the rule line by its
opening ("Plan from the last session", "Risk", "Measures", ...). The table counts items by the kind
that holds most of their missing facts; "split" marks an item no single part covers (its facts are
spread over parts, each below half). A chart line or a risk quote that happens to hold an item's
words is not that item's content placed wrongly: read the items (``--items``) before moving anything.
Uses score_therapy's own matching, so the counts are the scorer's.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import score_therapy as st  # noqa: E402  (beside this file)


def _kind(sentence: dict) -> str:
    if sentence.get("origin", "model") == "model":
        return f"model sentence in {sentence['section']}"
    opening = re.match(r"([^:(\"]{3,60}?)(?: \(|:)", sentence["text"])
    return f"rule '{(opening.group(1) if opening else sentence['text'][:30]).strip()}' in {sentence['section']}"


def causes(draft: dict, session: dict) -> list[dict]:
    """One entry per item covered anywhere but not in its part: its holders and the sentences."""
    parts = {k: st.normalise(v) for k, v in st.section_texts(draft).items()}
    whole = st.normalise(" ".join(st.section_texts(draft).values()))
    sentences = st.draft_sentences(draft)
    found = []
    for item in session.get("rubric", []):
        if st.item_covered(item["facts"], parts[item["part"]]) or not st.item_covered(item["facts"], whole):
            continue
        kinds: collections.Counter = collections.Counter()
        held = []
        for fact in item["facts"]:
            if st.fact_found(fact, parts[item["part"]]):
                continue
            for s in sentences:
                if s["section"] != item["part"] and st.fact_found(fact, st.normalise(s["text"])):
                    kinds[_kind(s)] += 1
                    held.append((fact[0], s["section"], s["text"]))
        found.append({"item": f"{item['part']}:{item['item']}",
                      "holders": [p for p in st.PARTS if st.item_covered(item["facts"], parts[p])],
                      "kind": kinds.most_common(1)[0][0] if kinds else "?", "held": held})
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--drafts", type=Path, required=True)
    ap.add_argument("--sessions", type=Path, default=HERE / "sessions")
    ap.add_argument("--items", action="store_true", help="print each item and the sentences holding its facts")
    args = ap.parse_args()
    sessions = st.load_sessions(args.sessions)
    table: collections.Counter = collections.Counter()
    for path in sorted(args.drafts.glob("[0-9]*.json")):
        if path.stem not in sessions:
            continue
        for entry in causes(json.loads(path.read_text(encoding="utf-8")), sessions[path.stem]):
            table[("split: " if not entry["holders"] else "") + entry["kind"]] += 1
            if args.items:
                print(f"{path.stem} {entry['item']} held by {entry['holders'] or 'no single part'}")
                for fact, section, text in entry["held"]:
                    print(f"    {fact!r} in {section}: {text[:200]}")
    print("\n| items | held elsewhere by |\n|---|---|")
    for kind, n in table.most_common():
        print(f"| {n} | {kind} |")
    print(f"| {sum(table.values())} | all |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
