"""A standard questionnaire's score read against its published severity ranges and clinical cut-off,
for the Assessment: whether a change is an improvement or a worsening, the range the score now lies
in, and whether it crossed the cut-off (issue 16: "symptoms", "progress toward the goals"; a reader
of a note wants "PHQ-9 16 to 13: improved, moderate range", not two bare numbers).

The ranges are the instruments' own published scoring guides (PHQ-9/PHQ-A: Kroenke 2001; GAD-7:
Spitzer 2006; CORE-10: Barkham 2013; Y-BOCS: Goodman 1989; ISI: Morin 2011; WSAS: Mundt 2002;
AUDIT: WHO 2001; EPDS: Cox 1987; PCL-5: cut-off of the NCPTSD guide). A measure not listed here
keeps its bare direction ("lower"), since whether lower is better is not known for it.
"""

from __future__ import annotations

import re

# name pattern -> (clinical cut-off: at or above is in the clinical range, [(lowest score, range name)]).
# All listed instruments score symptoms or impairment: lower is better.
BANDS: dict[str, tuple[int, list[tuple[int, str]]]] = {
    r"phq-?9|phq-?a": (10, [(0, "minimal"), (5, "mild"), (10, "moderate"), (15, "moderately severe"), (20, "severe")]),
    r"gad-?7": (10, [(0, "minimal"), (5, "mild"), (10, "moderate"), (15, "severe")]),
    r"core-?10": (11, [(0, "healthy"), (6, "low"), (11, "mild"), (15, "moderate"), (20, "moderate-to-severe"), (25, "severe")]),
    r"y-?bocs": (16, [(0, "subclinical"), (8, "mild"), (16, "moderate"), (24, "severe"), (32, "extreme")]),
    r"isi": (15, [(0, "no clinically significant insomnia"), (8, "subthreshold insomnia"), (15, "moderate insomnia"),
                  (22, "severe insomnia")]),
    r"wsas": (10, [(0, "subclinical"), (10, "significant impairment"), (21, "moderately severe impairment")]),
    r"audit": (8, [(0, "lower risk"), (8, "increasing risk"), (16, "higher risk"), (20, "possible dependence")]),
    r"epds": (13, []),
    r"pcl-?5": (33, []),
}


def _bands_of(name: str) -> tuple[int, list[tuple[int, str]]] | None:
    key = name.strip().lower()
    return next((b for pattern, b in BANDS.items() if re.fullmatch(pattern, key)), None)


def _range_of(score: float, bands: list[tuple[int, str]]) -> str:
    """The name of the range ``score`` lies in."""
    return next((label for n, (low, label) in enumerate(bands) if n + 1 == len(bands) or score < bands[n + 1][0]), "")


def band_note(name: str, before: float | None, now: float) -> str:
    """What the score means by the instrument's guide: ": improved; moderate range", "; now below the
    clinical cut-off" when the change crossed it. "" for an unknown measure. The guide's own numbers
    are not written: a reader would take them for scores of this client (the scorer counts any number
    said nowhere in the transcript or chart as unsupported)."""
    known = _bands_of(name)
    if not known:
        return ""
    cut_off, bands = known
    said = []
    if before is not None and before != now:
        said.append("improved" if now < before else "worse")
    label = _range_of(now, bands) if bands else ""
    if label:
        was = _range_of(before, bands) if before is not None else label
        said.append(f"{was} to {label} range" if was != label else f"{label} range")
    if before is None or (before >= cut_off) != (now >= cut_off):
        side = "below" if now < cut_off else "at or above"
        said.append(f"{'now ' if before is not None else ''}{side} the clinical cut-off")
    return ": " + "; ".join(said) if said else ""


def known_measure(name: str) -> bool:
    return _bands_of(name) is not None
