"""Where a draft goes in a note template: each section in the field made for it, the rest in the AI field.

A template is a list of fields (``{"name", "label", "ai_summary"}``). A field whose name or label
is a section of a note format ("Subjective", "Data", "Plan for Next Session") gets that section's
sentences; the one AI field gets, under their headings, the sections that have no field of their own
(with the built-in "AI Session Summary" template: Subjective, Objective and Assessment, while Plan
goes to "Plan for Next Session"). A section is written once, never in two fields.

A field of a section's own that takes several sections because the template has none of theirs (a
SOAP draft in a DAP template: Subjective and Objective both go to Data) gets them as paragraphs, with
no SOAP headings: the Data field is Data, not a SOAP note. What the clinician did in session (the
interventions line, "In session: ..." activities) goes to an Intervention field when the template has
one and no field of that sentence's own section (a SOAP draft in a BIRP template).

Risk is the clinician's to document: when the template has a Risk field, the drafter's risk pointer
("Risk was screened ...; Clinician to review ...") is left out of the text and that field starts
empty; each risk item the clinician accepts adds its statement there (``accepted_risk_text``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from session_assistant.drafting.draft_result import Draft, DraftSentence
from session_assistant.drafting.formats import NOT_DISCUSSED
from session_assistant.drafting.risk import is_clinician
from session_assistant.drafting.risk_findings import risk_findings
from session_assistant.drafting.session_record import SLOT_BY_KEY

RISK = "risk"
AI = "ai"
RISK_POINTER_FLAG = "clinician_review_required"
SECTION_KEYS = ("subjective", "objective", "assessment", "plan", "data", "behavior", "intervention", "response",
                "goals")
_SPELLINGS = {"behaviour": "behavior", "behaviours": "behavior", "interventions": "intervention",
              "goal": "goals", "observations": "objective"}
# A section the template has no field for goes to the nearest field it does have, before the AI field
# (a SOAP draft in a DAP template: Subjective and Objective are the Data).
_NEAREST = {"subjective": ("data", "behavior", "goals"), "objective": ("data", "behavior", "intervention"),
            "data": ("subjective", "objective", "behavior", "goals"), "behavior": ("subjective", "data"),
            "intervention": ("objective", "data"), "response": ("assessment",), "assessment": ("response",),
            "goals": ("subjective", "data", "behavior")}
# How lines about what the clinician did begin: the rule's interventions line (session_facts) and the
# record's activities slot. The drafter files them in a BIRP draft's Intervention section itself.
INTERVENTION_LEADS = ("Interventions used in session:", SLOT_BY_KEY["activities"].label.strip())


def _words(text: str) -> list[str]:
    return [_SPELLINGS.get(w, w) for w in re.findall(r"[a-z]+", text.lower())]


def field_role(template_field: dict) -> str | None:
    """"risk", a section key, "ai" or None (a field for the clinician's own words)."""
    name, label = _words(template_field["name"]), _words(str(template_field.get("label") or ""))
    if RISK in name or RISK in label:
        return RISK
    for words in (name, label):
        if len(words) == 1 and words[0] in SECTION_KEYS:
            return words[0]
    if template_field.get("ai_summary"):
        return AI
    if "plan" in name or "plan" in label:
        return "plan"
    return None


def roles(template_fields: list[dict]) -> dict[str, str]:
    """Field name -> role, for the fields that have one (the first field wins a role)."""
    found: dict[str, str] = {}
    for template_field in template_fields:
        role = field_role(template_field)
        if role is not None and role not in found.values():
            found[template_field["name"]] = role
    return found


def risk_field(template_fields: list[dict]) -> str | None:
    return next((name for name, role in roles(template_fields).items() if role == RISK), None)


def ai_field(template_fields: list[dict]) -> str | None:
    return next((f["name"] for f in template_fields if f.get("ai_summary")), None)


@dataclass
class Filled:
    """The text for each field; which field each section went to (``homes``: the field of most of its
    sentences); and per field, each section's paragraph as written there (``parts``)."""

    values: dict[str, str] = field(default_factory=dict)
    homes: dict[str, str] = field(default_factory=dict)  # section key -> field name
    parts: dict[str, dict[str, str]] = field(default_factory=dict)  # field -> section key -> its text there
    by_role: dict[str, str] = field(default_factory=dict)  # role -> field name

    def home_of(self, sentence: DraftSentence) -> str | None:
        return sentence_home(sentence, self.homes, self.by_role)

    def fields_of(self, key: str) -> list[str]:
        """Every field holding some of section ``key``, in template order."""
        return [name for name, parts in self.parts.items() if key in parts]


def section_homes(template_fields: list[dict], draft: Draft) -> dict[str, str]:
    """Section key -> the field it is written in (sections with no home anywhere are left out)."""
    by_role = {role: name for name, role in roles(template_fields).items()}
    # Never lost: a section with no field of its own or a near one goes to the AI field (even one
    # named for a section, as the built-in templates' first field is), else the first field; never
    # to the Risk field, which is the clinician's.
    writable = [f for f in template_fields if field_role(f) != RISK]
    fallback = by_role.get(AI) or next((f["name"] for f in writable if f.get("ai_summary")), None) \
        or next((f["name"] for f in writable), None)
    homes: dict[str, str] = {}
    for key in draft.format.keys:
        home = by_role.get(key) or next((by_role[k] for k in _NEAREST.get(key, ()) if k in by_role), None)
        home = home or fallback
        if home is not None:
            homes[key] = home
    return homes


def sentence_home(sentence: DraftSentence, homes: dict[str, str], by_role: dict[str, str]) -> str | None:
    """The field ``sentence`` goes in: its section's, except a line about what the clinician did,
    which goes to the Intervention field when its own section has no field of its own."""
    intervention = by_role.get("intervention")
    if (intervention and sentence.section != "intervention" and sentence.section not in by_role
            and sentence.text.startswith(INTERVENTION_LEADS)):
        return intervention
    return homes.get(sentence.section)


def in_note(sentence: DraftSentence, template_fields: list[dict]) -> bool:
    """False for the risk pointer when the template has a Risk field (the clinician writes risk there)."""
    return not (sentence.origin == "system" and RISK_POINTER_FLAG in sentence.flags
                and risk_field(template_fields) is not None)


def fill(template_fields: list[dict], draft: Draft) -> Filled:
    """The draft's text per field. A field holding one section gets its sentences; the AI field
    holding several gets each under its heading, as ``Draft.as_text`` writes them; a section's own
    field holding several (Data: Subjective and Objective) gets them as paragraphs, without headings
    and without a "Not discussed" of a part when another part has something."""
    field_roles = roles(template_fields)
    by_role = {role: name for name, role in field_roles.items()}
    homes = section_homes(template_fields, draft)
    placed: dict[str, dict[str, list[str]]] = {}  # field -> section -> its sentences there
    for key in draft.format.keys:
        if key in homes:
            placed.setdefault(homes[key], {}).setdefault(key, [])
    for key in draft.format.keys:
        for sentence in draft.section_sentences(key):
            home = sentence_home(sentence, homes, by_role)
            if home is not None and in_note(sentence, template_fields):
                placed.setdefault(home, {}).setdefault(key, []).append(sentence.text)
    order = [f["name"] for f in template_fields]
    parts = {name: {key: " ".join(texts) for key, texts in placed[name].items()}
             for name in sorted(placed, key=order.index)}
    values: dict[str, str] = {}
    for name, bodies in parts.items():
        if field_roles.get(name) in (AI, None) and len(bodies) > 1:
            values[name] = "\n\n".join(f"{draft.format.section(key).title.upper()}\n{body or NOT_DISCUSSED}"
                                        for key, body in bodies.items())
        else:
            said = [body for body in bodies.values() if body and body != NOT_DISCUSSED]
            values[name] = "\n\n".join(said) or NOT_DISCUSSED
    return Filled(values, homes, parts, by_role)


def replace_parts(text: str, old: Filled, new: Filled, name: str, keys) -> str:
    """Field ``name``'s ``text`` with the paragraphs of sections ``keys`` as ``old`` wrote them
    replaced by ``new``'s (a redraft of some parts into a field that holds several without
    headings). A paragraph the clinician changed is left as it stands, never forced back."""
    for key in keys:
        before, after = old.parts.get(name, {}).get(key, ""), new.parts.get(name, {}).get(key, "")
        if before and before != NOT_DISCUSSED and before in text:
            text = text.replace(before, after, 1)
    return text


QUOTE_WORDS = 30  # a longer answer is not quoted: the statement stays one readable sentence


def accepted_risk_text(item, subject: str = "client") -> str:
    """The statement an accepted risk item adds to the Risk field (built by rule, never by the model).

    It goes into the signed note, where no transcript is: the client's answer is quoted whole
    (when short and the client's), never a transcript line number; the item's evidence ids stay
    in the draft's data for the review panel."""
    text = risk_findings([item], subject)
    answer = " ".join(str(getattr(item, "text", "") or "").split())
    speaker = str(getattr(item, "speaker", "") or "")
    if (not answer or is_clinician(speaker) or len(answer.split()) > QUOTE_WORDS or '"' in answer
            or not text.endswith(".") or text.count(".") > 1):
        return text
    return f'{text[:-1]} ("{answer}").'


def add_line(text: str, line: str) -> str:
    """``text`` with ``line`` added on its own line (once)."""
    if line in text:
        return text
    return f"{text.rstrip()}\n{line}" if text.strip() else line
