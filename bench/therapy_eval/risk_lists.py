#!/usr/bin/env python3
"""The risk list the product gives from the transcript alone, for every session of the evaluation set,
scored as score_therapy.py scores a draft's risk list (no model, no kept draft: ``scan_transcript`` is
what the drafter lists, before the typed-slot request may add screens).

    PYTHONPATH=<tree>/src .venv/bin/python bench/therapy_eval/risk_lists.py [--sessions DIR] [--json OUT]

Per session: each item's lines, kind (screening = question and answer, statement = one line),
category, detail, status and phrase, then risk recall / false risk / risk status as the scorer counts
them. ``--json`` keeps the items and figures, so two trees' lists can be compared line by line
(``--compare OLD.json``: prints only the sessions whose list changed).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import score_therapy  # noqa: E402  (beside this file)
from session_assistant.drafting import load_transcript  # noqa: E402
from session_assistant.drafting.risk import scan_transcript  # noqa: E402


def item_line(item: dict) -> str:
    lines = item["evidence"] or [item["segment_id"]]
    kind = "screening" if len(lines) > 1 else "statement"
    cats = "/".join(item["categories"] or [item["category"]])
    detail = f" {item['detail']}" if item["detail"] else ""
    past = f" past “{item['past']}”" if item.get("past") else ""  # the client's words placing it in the past
    return (f"{','.join(map(str, lines)):>8} {kind:9} {item['category']}{detail} [{cats}] {item['status']} “{item['phrase']}”"
            f"{past}")


def session_lists(sessions_dir: Path) -> dict:
    rows = {}
    for sid, session in score_therapy.load_sessions(sessions_dir).items():
        items = [i.to_dict() for i in scan_transcript(load_transcript(session["transcript_path"]))]
        figures = score_therapy.risk_figures({"risk": items}, session.get("risk", {}))
        figures["screened"] = session.get("risk", {}).get("screened", "")
        listed = {i["segment_id"] for i in items} | {n for i in items for n in i["evidence"]}
        figures["missed"] = [f"{e['id']} “{e.get('says', '')}”" for e in session.get("risk", {}).get("expected", [])
                             if e["id"] not in listed]
        rows[sid] = {"items": [item_line(i) for i in items], "figures": figures}
    return rows


def overall(rows: dict) -> dict:
    figures = [r["figures"] for r in rows.values()]
    recalls = [f["risk_recall"] for f in figures if f["risk_recall"] is not None]
    statused = [f for f in figures if f["risk_status"] is not None]
    return {"sessions": len(figures),
            "risk_recall_mean": round(sum(recalls) / len(recalls), 2) if recalls else None,
            "risk_expected_total": sum(f["risk_expected"] for f in figures),
            "risk_found_total": sum(f["risk_found"] for f in figures),
            "risk_false_total": sum(len(f["risk_false"]) for f in figures),
            "risk_status_right": f"{sum(1 for f in statused if f['risk_status'])}/{len(statused)}"}


def print_session(sid: str, row: dict) -> None:
    f = row["figures"]
    print(f"== {sid}  expected {f['screened']!r}: recall {f['risk_recall']} ({f['risk_found']}/{f['risk_expected']}), "
          f"false {f['risk_false']}, status {f['risk_status']}")
    for line in row["items"]:
        print("   " + line)
    if f.get("missed"):
        print("   not listed: " + "; ".join(f["missed"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=Path, default=HERE / "sessions")
    parser.add_argument("--json", type=Path, help="keep the lists and figures here")
    parser.add_argument("--compare", type=Path, help="an earlier --json: print only the sessions that changed")
    args = parser.parse_args()
    rows = session_lists(args.sessions)
    before = json.loads(args.compare.read_text(encoding="utf-8"))["sessions"] if args.compare else None
    for sid, row in rows.items():
        if before is None:
            print_session(sid, row)
        elif before.get(sid) != row:
            print(f"-- before: {before.get(sid, {}).get('figures')}")
            for line in (before.get(sid) or {}).get("items", []):
                print("   - " + line)
            print_session(sid, row)
    result = {"overall": overall(rows), "sessions": rows}
    if before is not None:
        print("before:", json.dumps(overall(before)))
    print("overall:", json.dumps(result["overall"]))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
