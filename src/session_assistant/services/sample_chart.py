"""A fictional client's chart for tests, demos and the summary benchmark.

Weekly signed progress notes whose content moves from assessment to skills to relapse
prevention, PHQ-9 and GAD-7 every four weeks with improving scores (item 9 endorsed at the
first visit), two diagnoses, a signed treatment plan, plus an administrative note and a
cancelled appointment whose texts carry ``ADMIN_MARKER`` (they must never reach a summary).
Everything is invented; the random generator is seeded so a chart is reproducible.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from session_assistant.clock import FixedClock

ADMIN_MARKER = "ADMINONLY4471"

_EARLY = ["The client described worry about work deadlines most days and trouble falling asleep.",
          "Intake themes were reviewed: low mood since a job change, withdrawal from friends and poor sleep.",
          "Psychoeducation on the anxiety cycle was provided and the client began a daily worry log.",
          "The client reported two panic episodes on the commute and avoidance of the train."]
_MIDDLE = ["Cognitive restructuring targeted the belief that any mistake will lead to dismissal.",
           "The client practised diaphragmatic breathing and reported using it before a team meeting.",
           "Behavioural activation was reviewed: the client walked three mornings and met a friend once.",
           "Graded exposure continued; the client rode the train for two stops with moderate anxiety.",
           "Worry time was scheduled in the evening and the client reported less rumination at night."]
_LATE = ["The client reported steadier mood, sleeping about seven hours, and taking the train daily.",
         "A relapse-prevention plan was drafted naming early warning signs and coping steps.",
         "The client returned to weekly football and described work stress as manageable.",
         "Session frequency was discussed and the client agreed to move to fortnightly sessions."]
_DETAIL = ["Homework was reviewed and mostly completed.", "Affect was brighter than at intake.",
           "The client identified catastrophising as a common thinking pattern.",
           "Sleep hygiene steps were revisited.", "The client linked low mood to isolation at weekends."]
_RISK = ["No suicidal ideation, plan or intent reported.", "Denied thoughts of self-harm; protective factors reviewed.",
         "Passive thoughts of being better off dead were reported; no plan or intent; safety plan completed."]

PLAN = {"problems": [
    {"problem": "Generalised worry and panic episodes interfering with work and travel",
     "goals": [{"goal": "Reduce anxiety to the mild range", "measure": "GAD-7 below 10 on two consecutive administrations",
                "target_date": None, "status": "in progress",
                "objectives": [{"objective": "Use a coping skill in three stressful situations per week",
                                "target_date": None, "status": "in progress"}],
                "interventions": ["Cognitive restructuring", "Graded exposure to train travel",
                                  "Diaphragmatic breathing"]}]},
    {"problem": "Low mood with social withdrawal",
     "goals": [{"goal": "Return to regular social and physical activity",
                "measure": "PHQ-9 below 10; two planned activities per week", "target_date": None,
                "status": "not started", "objectives": [],
                "interventions": ["Behavioural activation", "Activity scheduling"]}]}]}


@dataclass
class SampleChart:
    client_id: int
    first_day: str
    last_day: str
    notes: list[int] = field(default_factory=list)
    assessments: list[int] = field(default_factory=list)
    diagnoses: list[int] = field(default_factory=list)
    plan_id: int | None = None
    admin_notes: list[int] = field(default_factory=list)
    cancelled_appointment: int | None = None


def _answers(total: int, items: int, rng: random.Random, item9: int | None = None) -> list[int]:
    answers = [0] * items
    fixed = {8: item9} if item9 is not None else {}
    for index, value in fixed.items():
        answers[index] = value
    left = total - sum(answers)
    free = [i for i in range(items) if i not in fixed]
    while left > 0:
        i = rng.choice([i for i in free if answers[i] < 3])
        answers[i] += 1
        left -= 1
    return answers


def _note_text(week: int, weeks: int, sentences: int, rng: random.Random) -> str:
    phase = _EARLY if week < weeks / 4 else _MIDDLE if week < 3 * weeks / 4 else _LATE
    picked = [rng.choice(phase)] + rng.sample(_DETAIL, k=min(max(sentences - 1, 0), len(_DETAIL)))
    return f"Session {week + 1}. " + " ".join(picked)


def _move_clock(practice, day: date) -> None:
    """A fixed test clock is moved to the session day so signing dates read true."""
    if isinstance(practice.clock, FixedClock):
        target = datetime(day.year, day.month, day.day, 17, 0, tzinfo=timezone.utc)
        practice.clock.advance(seconds=(target - practice.clock.now()).total_seconds())


def build_sample_chart(practice, *, weeks: int = 26, start: str = "2026-01-05", sentences: int = 2,
                       seed: int = 7, first_name: str = "Robin", last_name: str = "Fictional") -> SampleChart:
    """Create the fictional client and their chart in ``practice``; returns the ids.

    Args:
        weeks: weekly sessions (26 = six months, 104 = two years).
        sentences: sentences per note (2 for fast tests, 6 or more for realistic benchmarks).
    """
    rng = random.Random(seed)
    original_now = practice.clock.now()
    if not practice.profile.get().name:
        practice.profile.update(name="Dr Sam Example", credentials="PsyD", licence_number="PSY-0000")
    profile = practice.profile.get()
    first = date.fromisoformat(start)
    client = practice.clients.add(first_name, last_name, "1990-03-14")
    chart = SampleChart(client, first.isoformat(), (first + timedelta(weeks=weeks - 1)).isoformat())
    chart.diagnoses.append(practice.diagnoses.add(client, "F41.1", onset_date=start))
    chart.diagnoses.append(practice.diagnoses.add(client, "F32.1", onset_date=start))
    for week in range(weeks):
        day = first + timedelta(weeks=week)
        _move_clock(practice, day)
        appointment = practice.appointments.add(client, f"{day.isoformat()}T10:00", 50)
        note = practice.notes.create(appointment)
        risk = _RISK[2] if week == 0 else rng.choice(_RISK[:2])
        practice.notes.set_field(note, "session_summary", _note_text(week, weeks, sentences, rng))
        practice.notes.set_field(note, "risk_assessment", risk)
        practice.notes.sign(note, profile)
        chart.notes.append(note)
        if week % 4 == 0:
            progress = week / max(weeks - 1, 1)
            phq = max(3, round(16 - 10 * progress + rng.choice((-1, 0, 1))))
            gad = max(2, round(15 - 10 * progress + rng.choice((-1, 0, 1))))
            for key, total, n in (("phq9", phq, 9), ("gad7", gad, 7)):
                answers = _answers(total, n, rng, item9=(1 if week == 0 else 0) if key == "phq9" else None)
                assessment = practice.assessments.add(client, key, answers, day.isoformat())
                practice.assessments.sign(assessment, profile.name)
                chart.assessments.append(assessment)
        if week == 0:
            plan = practice.plans.create(client, PLAN, (first + timedelta(weeks=12)).isoformat())
            practice.plans.sign(plan, profile.name)
            chart.plan_id = plan
        if week == 2:
            chart.admin_notes.append(practice.appointments.add_admin_note(
                client, f"Invoice query about {ADMIN_MARKER}; insurer called.", appointment))
    # A cancelled session: its cancellation note must never be a source.
    cancelled_day = first + timedelta(weeks=1, days=2)
    cancelled = practice.appointments.add(client, f"{cancelled_day.isoformat()}T10:00", 50)
    practice.appointments.set_status(cancelled, "cancelled", f"Client unwell {ADMIN_MARKER}")
    chart.cancelled_appointment = cancelled
    if isinstance(practice.clock, FixedClock):
        practice.clock.advance(seconds=(original_now - practice.clock.now()).total_seconds())
    return chart
