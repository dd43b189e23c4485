#!/usr/bin/env python3
"""Count Objective sentences that are the client's reports (issue 16: Objective holds what the
clinician observed, measure scores, the work done in the room and the interventions, never
"Client reported ...").

    .venv/bin/python bench/therapy_eval/objective_reports.py DIR [DIR ...] [--list]

A sentence of Objective counts when it opens on the client (or the client's name) with a reporting
verb ("Jordan reported ...", "The client said ..."), or, for a model sentence, when every line it
cites is a client's line (not the clinician's): a retelling of the client's week. ``--narrated`` also
counts model sentences with the client as subject and nothing of the room in them ("They had a wobble
in March.", "Client stood at the gate for 5 minutes"), a looser reading that takes some judgment. Rule lines that
cite only chart facts are not counted. Sessions are read from ``sessions/`` for who said each line.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
_REPORT = re.compile(r"^(?:[Tt]he client|[Cc]lient|[Hh]e|[Ss]he|[Tt]hey|(?!Clinician|Measures|Interventions|Work|Session|Also|In\b)[A-Z][a-z]+)\b[^.]{0,40}?\b(?:reported|reports|said|says|stated"
                     r"|described|describes|shared|mentioned|explained|admitted|disclosed|noted|told)\b")


_NARRATED = re.compile(r"^(?:the client|client|he|she|they)\b(?!'s)", re.I)
_ROOM = re.compile(r"\b(?:appeared|seemed|observ\w*|noticed|practi[sc]ed|rehearsed|role-?played|rated|completed|encouraged"
                   r"|in (?:the |this )?session|today|clinician)\b", re.I)


def speakers(session: Path) -> list[str]:
    lines = [ln for ln in session.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return [ln.split(":", 1)[0].strip() if ":" in ln else "" for ln in lines]


def client_reports(draft: dict, who: list[str], narrated: bool = False) -> list[dict]:
    found = []
    for s in draft.get("sentences", []):
        if s["section"] != "objective" or s.get("origin") == "system":
            continue
        cited = [who[i] for i in s.get("evidence") or [] if 0 <= i < len(who)]
        by_client = s.get("origin", "model") == "model" and cited and all(w != "Clinician" for w in cited)
        told = narrated and s.get("origin", "model") == "model" and _NARRATED.match(s["text"]) and not _ROOM.search(s["text"])
        if _REPORT.match(s["text"]) or by_client or told:
            found.append(s)
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("drafts", type=Path, nargs="+")
    ap.add_argument("--sessions", type=Path, default=HERE / "sessions")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--narrated", action="store_true", help="also count the client's week told with the client as subject")
    args = ap.parse_args()
    total = counted = 0
    seen: set[str] = set()
    for folder in args.drafts:
        for path in sorted(folder.glob("[0-9]*.json")):
            if path.stem in seen:  # a session in two sets (19, 20) counts once, from the first set given
                continue
            seen.add(path.stem)
            draft = json.loads(path.read_text(encoding="utf-8"))
            objective = [s for s in draft.get("sentences", []) if s["section"] == "objective" and s.get("origin") != "system"]
            found = client_reports(draft, speakers(args.sessions / f"{path.stem}.txt"), args.narrated)
            total += len(objective)
            counted += len(found)
            if args.list:
                for s in found:
                    print(f"{path.stem[:2]} {s.get('origin', 'model')}: {s['text'][:160]}")
    print(f"sessions {len(seen)}: Objective sentences {total}, client reports among them {counted}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
