"""The draft as data: sentences with evidence and flags, risk items, and a JSON shape for the CLI and UI."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from session_assistant.drafting.formats import NOT_DISCUSSED, NoteFormat, get_format
from session_assistant.drafting.risk import RiskItem


@dataclass
class DraftSentence:
    """One sentence of the draft.

    ``origin`` is "model" (generated), "system" (a fixed text the drafter wrote itself, such as
    "Not discussed in session." or the risk-review pointer) or "rule" (a finding of a transparent
    rule: interventions, stage of change, chart facts). ``flags`` name what the clinician should
    check, e.g. ``unsupported_number:40`` or ``ungrounded``. ``evidence`` cites transcript lines,
    ``chart_evidence`` chart items ("chart:goal:3", "chart:assessment:12").
    """

    section: str
    text: str
    evidence: list[int] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    origin: str = "model"
    chart_evidence: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Draft:
    """A drafted note. Content only, never a signature: the clinician reviews and signs."""

    format: NoteFormat
    sentences: list[DraftSentence]
    risk: list[RiskItem] = field(default_factory=list)
    withheld: list[DraftSentence] = field(default_factory=list)  # model-written risk statements kept out
    warnings: list[str] = field(default_factory=list)  # outcomes the clinician must know (no PHI)
    model: str = ""
    mode: str = "direct"  # "direct", "windowed", "enhance" or "refine"
    elapsed_s: float = 0.0
    # Sentences left out because they repeat another, or stop mid-way; the flag says which.
    dropped: list[DraftSentence] = field(default_factory=list)
    # Rule findings: {"interventions": [...], "stage_of_change": {...}, "chart": {...}}
    facts: dict = field(default_factory=dict)
    # The model's output as generated, before any check (``model_raw.capture``), so a bench can
    # assemble the same output again with other rules. Never in ``to_json`` (what the vault stores).
    model_raw: dict | None = field(default=None, repr=False)

    def section_sentences(self, key: str) -> list[DraftSentence]:
        return [s for s in self.sentences if s.section == key]

    def section_text(self, key: str) -> str:
        return " ".join(s.text for s in self.section_sentences(key)) or NOT_DISCUSSED

    @property
    def sections(self) -> dict[str, str]:
        return {key: self.section_text(key) for key in self.format.keys}

    def as_text(self) -> str:
        """The note as plain text with section headings, ready to paste into a template field."""
        return "\n\n".join(f"{sec.title.upper()}\n{self.section_text(sec.key)}" for sec in self.format.sections)

    def to_json(self) -> dict:
        return {
            "format": self.format.key,
            "sections": self.sections,
            "sentences": [s.to_dict() for s in self.sentences],
            "risk": [r.to_dict() for r in self.risk],
            "withheld": [s.to_dict() for s in self.withheld],
            "dropped": [s.to_dict() for s in self.dropped],
            "facts": self.facts,
            "warnings": list(self.warnings),
            "model": self.model,
            "mode": self.mode,
            "elapsed_s": round(self.elapsed_s, 2),
        }

    @classmethod
    def from_json(cls, data: dict, subject: str = "client") -> "Draft":
        """Rebuild a draft saved with ``to_json`` (e.g. from the vault) so it can be refined."""
        return cls(
            format=get_format(data["format"], subject),
            sentences=[DraftSentence(**s) for s in data.get("sentences", [])],
            risk=[RiskItem(**r) for r in data.get("risk", [])],
            withheld=[DraftSentence(**s) for s in data.get("withheld", [])],
            dropped=[DraftSentence(**s) for s in data.get("dropped", [])],
            facts=dict(data.get("facts") or {}),
            warnings=list(data.get("warnings", [])),
            model=data.get("model", ""),
            mode=data.get("mode", "direct"),
            elapsed_s=float(data.get("elapsed_s", 0.0)),
        )
