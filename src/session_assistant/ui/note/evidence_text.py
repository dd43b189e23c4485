"""What the review panel shows under the chosen sentence, and where a risk row's line was said.

The transcript lines a sentence cites are written as the transcript beside them shows them
(``[00:56] Client: ...``): the model's line numbers ("[12] client: ...", "line 12") match nothing on
screen. A sentence taken from the chart names the chart items it rests on; "No transcript line
supports this sentence" above a measure from the chart read as if the score were made up.
"""

from __future__ import annotations

from session_assistant.drafting.risk_note import NOT_SCREENED
from session_assistant.ui.session.transcript_panel import transcript_line

NOTHING_CITED = "No transcript line supports this sentence: check it before signing."
# The risk line of a session with no risk question: it cites nothing because nothing was asked.
NONE_ASKED = ("No risk question or risk word was found in the transcript. If you assessed risk, write what was asked "
              "and answered here; if not, keep the line.")


def chart_facts_of(draft) -> dict[str, str]:
    """The chart items the draft was written with, by reference ("chart:assessment:12" -> its text)."""
    chart = (getattr(draft, "facts", None) or {}).get("chart") or {}
    return {str(fact.get("ref")): str(fact.get("text") or "") for fact in chart.get("facts", []) if fact.get("ref")}


def segment_times(segments) -> dict[int, str]:
    """Each transcript segment's start as the transcript shows it ("00:56"), by segment id."""
    return {seg.id: "{:02d}:{:02d}".format(*divmod(int(seg.start), 60)) for seg in segments}


def evidence_text(sentence, segments, utterances, chart_facts: dict[str, str]) -> str:
    """The cited transcript lines (as shown in the transcript), then the chart items cited."""
    shown = {seg.id: transcript_line(seg) for seg in segments}
    said = {u.id: u.line() for u in utterances}  # a draft without stored segments (an older note)
    lines = [shown.get(i) or said[i] for i in getattr(sentence, "evidence", []) if i in shown or i in said]
    chart = [f"From the chart: {chart_facts[ref]}" for ref in getattr(sentence, "chart_evidence", []) or []
             if chart_facts.get(ref)]
    if not lines and not chart and getattr(sentence, "text", "") == NOT_SCREENED:
        return NONE_ASKED
    return "\n".join(lines + chart) or NOTHING_CITED
