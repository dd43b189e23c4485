"""Note formats (SOAP, DAP, BIRP, GIRP), their JSON schemas and prompt texts.

Section names, guidance and prompts are data in ``resources/prompts/`` so wording can change
without touching code. Schemas bound every list (``maxItems``) and every sentence
(``maxLength``) so a grammar-constrained generation has a known worst-case size.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Sequence

from session_assistant.errors import UserError
from session_assistant.paths import resource

DEFAULT_FORMAT = "soap"
NOT_DISCUSSED = "Not discussed in session."
# ~60 tokens: stops runaway text. A sentence it splits across two items is rejoined
# (sections.join_continuations). 400, tried together with a longer Subjective prompt, gave shorter
# notes (ROUGE-1 42.05 vs 42.92 on 8 ACI-Bench notes).
SENTENCE_MAX_CHARS = 240
# A conversation of about this many words (~10 minutes) fills each section's sentence cap; a shorter
# one gets proportionally fewer sentences, so a brief check-in is not padded out with repetition.
FULL_SESSION_WORDS = 1500
MIN_SECTION_SENTENCES = 3
EXTRA_PASS_SHARE = 1 / 3  # extra passes from ~500 words on
EVIDENCE_MAX_ITEMS = 4


class UnknownFormat(UserError):
    """The requested note format is not one the drafter knows."""


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    guidance: str
    max_sentences: int

    @property
    def max_tokens(self) -> int:
        """A token budget that covers typical output of ``max_sentences`` sentences."""
        return 75 * self.max_sentences + 40


@dataclass(frozen=True)
class NoteFormat:
    key: str
    title: str
    sections: tuple[Section, ...]
    risk_section: str
    # The generations a whole-transcript draft makes, in order: each section, plus the extra passes
    # some sections ask for (a small model lists more of a long history when asked twice, for
    # different parts of it). Windowed drafting makes one pass a section, to stay within time.
    passes: tuple[Section, ...] = ()

    def __post_init__(self) -> None:
        if not self.passes:
            object.__setattr__(self, "passes", self.sections)

    def single_pass(self) -> "NoteFormat":
        return replace(self, passes=self.sections)

    @property
    def keys(self) -> list[str]:
        return [s.key for s in self.sections]

    def section(self, key: str) -> Section:
        for sec in self.sections:
            if sec.key == key:
                return sec
        raise KeyError(key)


@lru_cache(maxsize=None)
def _prompt_data(name: str) -> dict:
    return json.loads(resource("prompts", f"{name}.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def prompt_text(name: str) -> str:
    """A prompt template from ``resources/prompts/<name>.txt``."""
    return resource("prompts", f"{name}.txt").read_text(encoding="utf-8").strip()


def _voice_pronouns(pronouns: str | None, subject: str) -> tuple[str, str]:
    """The subject pronouns the voice examples use: both he and she when inferred from the
    transcript, the client's own when given, "The client" where a pronoun would need other verb forms."""
    if not pronouns:
        return "He", "She"
    first = pronouns.split("/")[0].strip().lower()
    own = {"she": "She", "he": "He"}.get(first, f"The {subject}")
    return own, own


def system_prompt(name: str, format_title: str, subject: str = "client", pronouns: str | None = None) -> str:
    """A system prompt (``resources/prompts/<name>.txt``) with the voice for ``subject`` (past tense
    for a therapy "client", present tense medical style for a "patient") and a pronoun rule: the
    chart's ``pronouns`` when known, else those the transcript shows."""
    voices, rules = _prompt_data("voices"), _prompt_data("pronouns")
    first, second = _voice_pronouns(pronouns, subject)
    # A plan sentence names the person once, so with no chart pronouns it says "The patient will ..."
    # rather than copying a guessed "He will ..." from the examples.
    plan_subject = first if pronouns else f"The {subject}"
    voice = voices.get(subject, voices["client"]).format(subject=subject, pronoun_a=first, pronoun_b=second,
                                                         plan_subject=plan_subject)
    pronoun_rule = rules["given" if pronouns else "inferred"].format(subject=subject, pronouns=pronouns)
    return prompt_text(name).format(format_title=format_title, subject=subject, voice=voice,
                                    pronoun_rule=pronoun_rule)


def format_names() -> list[str]:
    return list(_prompt_data("formats"))


def get_format(name: str | None, subject: str = "client", max_sentences: int | None = None) -> NoteFormat:
    """The format by key (case-insensitive); guidance is worded for ``subject`` ("client", "patient").

    ``max_sentences`` caps every section (a shorter draft, and a smaller token budget).

    Raises:
        UnknownFormat: for a name that is not a known format.
    """
    key = (name or DEFAULT_FORMAT).strip().lower()
    data = _prompt_data("formats").get(key)
    if data is None:
        raise UnknownFormat(f"Unknown note format '{name}'. Known formats: {', '.join(format_names())}.")

    def section(spec: dict, parent: dict) -> Section:
        # A therapy note ("client") has its own guidance where the format gives one: a medical
        # visit's Objective asks for exam findings, which a therapy note must never assume.
        cap = int(spec["max_sentences"])
        guidance = spec.get(f"guidance_{subject}") or spec["guidance"]
        return Section(parent["key"], parent["title"], guidance.format(subject=subject), min(cap, max_sentences or cap))

    sections = tuple(section(s, s) for s in data["sections"])
    passes = tuple(pass_ for s in data["sections"]
                   for pass_ in (section(s, s), *(section(more, s) for more in s.get("more", ()))))
    return NoteFormat(key, data["title"], sections, data.get("risk_section", sections[-1].key), passes)


def fit_to_session(fmt: NoteFormat, transcript_words: int) -> NoteFormat:
    """``fmt`` with each section's sentence cap scaled to the conversation's length."""
    share = min(1.0, transcript_words / FULL_SESSION_WORDS)

    def fitted(s: Section) -> Section:
        floor = min(MIN_SECTION_SENTENCES, s.max_sentences)
        return replace(s, max_sentences=max(floor, math.ceil(s.max_sentences * share)))

    # A short conversation's history fits in one pass; a second pass would only restate it.
    passes = fmt.passes if share >= EXTRA_PASS_SHARE else fmt.sections
    return replace(fmt, sections=tuple(map(fitted, fmt.sections)), passes=tuple(map(fitted, passes)))


def _sentence_schema(ids: Sequence[int] | None = None) -> dict:
    # Evidence is an enum of the segment ids the model may cite: it cannot cite a line that does
    # not exist, nor spend tokens on a 16-digit "integer". Text comes first so the model writes
    # the fact, then cites it.
    item = {"enum": sorted(set(int(i) for i in ids))} if ids else {"type": "integer"}
    return {
        "type": "object",
        "properties": {
            "text": {"type": "string", "minLength": 8, "maxLength": SENTENCE_MAX_CHARS},
            "evidence": {"type": "array", "items": item, "maxItems": EVIDENCE_MAX_ITEMS},
        },
        "required": ["text", "evidence"],
    }


def sentences_schema(max_sentences: int, ids: Sequence[int] | None = None) -> dict:
    """``{"sentences": [{"text", "evidence": [id]}]}`` with at most ``max_sentences`` items; ``ids`` are citable."""
    return {
        "type": "object",
        "properties": {"sentences": {"type": "array", "items": _sentence_schema(ids), "maxItems": max_sentences}},
        "required": ["sentences"],
    }
