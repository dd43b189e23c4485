"""Lines the drafter writes by rule, not by the model: interventions used and stage-of-change cues
(therapy notes), and chart facts (measures, diagnoses, the treatment goals the session touched,
last session's plan). Each line cites its transcript lines and/or chart items, and lands in the
part of the format where a clinician would look for it."""

from __future__ import annotations

from typing import Sequence

from session_assistant.drafting.analysis_said import (exercise_ratings, exercise_ratings_sentence, progress_compared,
                                                      progress_sentence, sequences_sentence, sequences_summarised)
from session_assistant.drafting.assessment_said import (assessment_lines, goal_progress, goal_progress_sentence,
                                                        goal_terms_with_objectives)
from session_assistant.drafting.change_talk import stage_from_talk, talk_counts, talk_sentence
from session_assistant.drafting.chart_context import (ChartContext, plan_told_once, terms_said, goal_sentence, goal_support, goal_terms,
                                                      goal_touches)
from session_assistant.drafting.checked_in import check_ins, week_told
from session_assistant.drafting.client_account import (answered_amounts, answered_sentence, reflected_amounts,
                                                       reflected_sentence)
from session_assistant.drafting.diagnosis_symptoms import symptoms_spoken, symptoms_sentence
from session_assistant.drafting.draft_result import DraftSentence
from session_assistant.drafting.fact_homes import home as _home
from session_assistant.drafting.formats import NoteFormat
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.event_told import events_sentence, events_told
from session_assistant.drafting.history_told import history_sentence, history_told
from session_assistant.drafting.goal_objectives import objectives_clause, objectives_worked
from session_assistant.drafting.formulation_shared import formulations_sentence, formulations_shared
from session_assistant.drafting.homework_agreed import agreed_ids, agreed_sentence, homework_agreed
from session_assistant.drafting.homework_paraphrase import paraphrased_homework
from session_assistant.drafting.homework_reviewed import homework_reviews, reviews_sentence
from session_assistant.drafting.homework_week import ideas_named, ideas_sentence
from session_assistant.drafting.step_agreed import step_agreed
from session_assistant.drafting.work_taken_up import (reactions, reactions_sentence, recognitions, recognitions_sentence,
                                                      taken_up_sentence, work_taken_up)
from session_assistant.drafting.maintaining_said import maintaining_named, maintaining_sentence
from session_assistant.drafting.measures_said import changes_sentence as measure_changes_sentence
from session_assistant.drafting.measures_said import (measure_changes, measures_said, said_changes, said_changes_sentence,
                                                      said_sentence, totalled_said, totalled_sentence, within_session_changes,
                                                      within_session_sentence, scored_once, scored_once_sentence)
from session_assistant.drafting.treatment_offer import offer_sentence, treatment_offered
from session_assistant.drafting.grounding import content_words
from session_assistant.drafting.plan_recap import recap_agreed, recap_sentence, targets_agreed, targets_sentence
from session_assistant.drafting.plan_safety import safety_steps
from session_assistant.drafting.protective_said import protective_named, protective_sentence
from session_assistant.drafting.plan_said import (homework_given, homework_ids, homework_sentence, next_session_line,
                                                  referrals_offered)
from session_assistant.drafting.referral_words import referrals_sentence
from session_assistant.drafting.session_facts import (continued_sentence, detect_interventions, risk_screen,
                                                      interventions_sentence)
from session_assistant.drafting.stage_of_change import detect_stage_of_change, stage_sentence
from session_assistant.drafting.substance_said import substance_ids, substance_sentence, substance_told
from session_assistant.drafting.risk import mentions_risk, scan_transcript
from session_assistant.drafting.joint_session import (accounts_sentence, each_review, each_review_sentence, each_task,
                                                      each_task_sentence, is_joint, named_accounts, names_by_role,
                                                      others_quotes, who_answered, whose)
from session_assistant.drafting.questionnaire_read import (UNNAMED_MEASURE, charted_name, items_read, items_sentence,
                                                           notable_ids, notable_items)
from session_assistant.drafting.room_seen import seen_ids, seen_in_room, seen_sentence, states_said, states_sentence
from session_assistant.drafting.room_work import room_work, room_work_ids, room_work_sentence
from session_assistant.drafting.room_acts import room_acts
from session_assistant.drafting.room_now import put_off, put_off_sentence
from session_assistant.drafting.room_conduct import conduct_sentence, room_conduct
from session_assistant.drafting.session_setting import others_present, others_sentence, setting_lines
from session_assistant.drafting.session_done import changes_sentence, done_in_session, done_sentence, rating_changes
from session_assistant.drafting.planned_said import planned_sentence, planned_work
from session_assistant.drafting.goals_summed import goals_summed_up
from session_assistant.drafting.session_said import (client_quotes, clinician_tasks, goals_said, goals_sentence,
                                                     next_visit_again, observations_sentence, quotes_sentence, rating_answers,
                                                     ratings_sentence, spoken_observations, tasks_sentence)
from session_assistant.drafting.response_said import marked_sentence, moments_marked, response_answers, responses_sentence
from session_assistant.drafting.triggers_said import (trigger_answers, triggers_formulated, triggers_formulated_sentence,
                                                      triggers_sentence)

MI = "motivational interviewing"
RULE_FACT = "rule_fact"  # a rule's finding: the clinician confirms it
CHART_FACT = "chart_fact"  # from the chart, not said in the session

def _rule_line(fmt: NoteFormat, kind: str, text: str, evidence: list[int], flags: Sequence[str] = ()) -> DraftSentence:
    """A line the rules write, in the part ``kind`` goes to in ``fmt``, citing ``evidence``."""
    return DraftSentence(_home(fmt, kind), text, evidence, [RULE_FACT, *flags], "rule")


def _cited(found: Sequence[tuple]) -> list[int]:
    """The lines a rule's findings cite, each finding's last item being its line ids."""
    return sorted({i for *_, ids in found for i in ids})


def _analysis_lines(fmt: NoteFormat, source: SourceIndex, reflected: bool) -> list[DraftSentence]:
    """The Assessment's analysis said aloud: a pattern the clinician summarised, the distress ratings
    of an exercise (unless the clinician already reflected the change), this week's count beside an
    earlier one."""
    lines: list[DraftSentence] = []
    sequences = sequences_summarised(source.utterances, mentions_risk)
    if sequences:
        lines.append(_rule_line(fmt, "stage", sequences_sentence(sequences), _cited(sequences)))
    ratings = [] if reflected else exercise_ratings(source.utterances)
    if ratings:
        lines.append(_rule_line(fmt, "stage", exercise_ratings_sentence(ratings), _cited(ratings)))
    compared = progress_compared(source.utterances)
    if compared:
        lines.append(_rule_line(fmt, "progress", progress_sentence(compared), _cited(compared)))
    return lines


QUOTED_SHARE = 0.7


def _quoted_already(text: str, quoted_texts: Sequence[str]) -> bool:
    words = content_words(text)
    return bool(words) and any(len(words & content_words(q)) >= QUOTED_SHARE * len(words) for q in quoted_texts)


def fact_lines(fmt: NoteFormat, source: SourceIndex, chart: ChartContext | None, subject: str,
               support: Sequence[tuple[str, Sequence[int]]] | None = None,
               plan_said: bool = True, pronouns: str | None = None) -> tuple[list[DraftSentence], dict]:
    """The rule-made lines and the findings behind them (for the draft's ``facts``). ``support``:
    the note's own facts (text, cited lines); a treatment goal is said to be addressed only when
    one of them rests on lines naming the goal's topic (None: the lines alone decide, as before).
    ``plan_said``: add the homework, next-session and referral lines, the homework review, the answers to
    the week and check-in questions and the measures scored aloud (a session record has slots of its own
    for these). ``pronouns``: the client's, for the lines that speak of the client (default the chart's)."""
    pronouns = pronouns or (chart.pronouns if chart is not None else None)
    lines: list[DraftSentence] = []
    facts: dict = {}
    if subject == "client" and source.utterances and source.utterances[0].speaker:
        found = detect_interventions(source.utterances)
        screen = risk_screen(source.utterances, found)
        found = found + [screen] if screen else found
        facts["interventions"] = [i.to_dict() for i in found]
        if found:
            lines.append(_rule_line(fmt, "interventions", interventions_sentence(found),
                                    sorted({i for f in found for i in f.evidence})))
        continued = continued_sentence(found) if plan_said else None
        if continued:
            lines.append(_rule_line(fmt, "planned", continued,
                                    sorted({i for f in found if f.approach in continued for i in f.evidence})))
        # Stage of change is a motivational-interviewing formulation: an exposure or safety-plan
        # session got "the preparation stage of change" from "I'll try" (09, 10).
        # Relapse prevention works within the same stages (action, maintenance, a lapse back): a
        # substance-use session using it is staged too.
        mi = any(i.approach in (MI, "relapse prevention") for i in found)
        stage = detect_stage_of_change(source.utterances) if mi else None
        facts["stage_of_change"] = stage.to_dict() if stage else None
        if stage:
            lines.append(_rule_line(fmt, "stage", stage_sentence(stage, subject), stage.evidence))
        elif mi:  # no cue names the stage: read it from the change talk and sustain talk (DARN-CAT)
            talk = talk_counts(source.utterances)
            read = stage_from_talk(talk)
            if read:
                lines.append(_rule_line(fmt, "stage", talk_sentence(read, talk, subject), talk.evidence))
        goals = goals_summed_up(source.utterances)
        if goals or (said_goals := goals_said(source.utterances)):
            text, ids = goals or (goals_sentence(said_goals), [i for _, i in said_goals])
            lines.append(_rule_line(fmt, "client_goals", text, ids))
        joint = is_joint(source.utterances)  # a couple or a family: each person's words apart, by role and name
        names = names_by_role(source.utterances) if joint else {}
        quotes = client_quotes(source.utterances, mentions_risk)
        if quotes:
            lines.append(_rule_line(fmt, "quotes", quotes_sentence(quotes, whose("client", names)), [i for _, i in quotes]))
        for role, said in others_quotes(source.utterances, mentions_risk):
            lines.append(_rule_line(fmt, "quotes", quotes_sentence(said, whose(role, names)), [i for _, i in said]))
        responses = response_answers(source.utterances, mentions_risk)  # the Assessment's: no one's account as well
        accounts = named_accounts(source.utterances, mentions_risk, [i for x in lines for i in x.evidence] + _cited(responses))
        if accounts:  # what each one said when the clinician turned to them by name: whose account is whose
            lines.append(_rule_line(fmt, "quotes", accounts_sentence(accounts, names), [i for *_, i in accounts]))
        # the past a risk screen's answer tells ("Not since I was twenty.") is the risk line's, with its question
        pasts = [i.past for i in scan_transcript(source.utterances) if i.past] if plan_said else []
        history = history_told(source.utterances, lambda text: mentions_risk(text) or any(text in p for p in pasts)) if plan_said else []
        if history:  # the client's past, in the client's words: the model leaves it out or invents one
            lines.append(_rule_line(fmt, "quotes", history_sentence(history), [i for _, i in history]))
        # Each of last time's tasks reviewed (a record has its own review slot).
        reviews = homework_reviews(source.utterances, chart.last_plan.text if chart and chart.last_plan else "") if plan_said else []
        # A task's answer asked about is the review's; told unasked, it yields to the amount rules' quote.
        asked_answers = {ids[-1] for _, ids in reviews if len(ids) > 1}
        amounts = [a for a in reflected_amounts(source.utterances, mentions_risk) if a[1][0] not in asked_answers]
        if amounts:
            lines.append(_rule_line(fmt, "quotes", reflected_sentence(amounts), _cited(amounts)))
        told = [i for *_, i in accounts]  # a person's account, quoted once
        answered = answered_amounts(source.utterances, mentions_risk, _cited(amounts) + sorted(asked_answers) + told)
        said_lines = {ids[0] for _, ids in amounts} | {ids[-1] for *_, ids in answered}  # the client's lines they quote
        reviews = [r for r in reviews if r[-1][-1] not in said_lines]  # a line quoted once
        # ... the client's word on the week, and how sleep, work or a symptom is going, as answered to the
        # clinician's check-ins (a record has its own account slot); a line another rule quotes is quoted once
        week = week_told(source.utterances, mentions_risk) if plan_said else None
        quoted = _cited(amounts + answered + reviews)
        week = [week] if week and not set(week[-1]) & set(quoted) else []
        checked = check_ins(source.utterances, quoted + _cited(week) + told, mentions_risk) if plan_said else []
        answered = sorted(week + answered + checked, key=lambda found: found[-1])
        if answered:  # how much or how often, as the client answered the clinician's question
            lines.append(_rule_line(fmt, "quotes", answered_sentence(answered), sorted({i for *_, ids in answered for i in ids})))
        use, reckoned = substance_told(source.utterances, mentions_risk, quoted + _cited(answered)) if plan_said else ([], None)
        if use:  # how much the client drinks or uses, however it came up
            lines.append(_rule_line(fmt, "quotes", substance_sentence(use, reckoned), substance_ids(use, reckoned)))
        each = each_review(source.utterances) if plan_said else None  # two people, two answers
        if each:
            lines.append(_rule_line(fmt, "last_plan", each_review_sentence(each, names), each[2]))
        elif reviews:
            lines.append(_rule_line(fmt, "last_plan", reviews_sentence(reviews), _cited(reviews)))
        work = room_work(source.utterances, [i.approach for i in found])
        if work:  # what was done in the room, read from what the clinician's lines do
            lines.append(_rule_line(fmt, "interventions", room_work_sentence(work), room_work_ids(work)))
        not_done = put_off(source.utterances)
        if not_done:  # planned for today and put off: said as not done, never as done
            lines.append(_rule_line(fmt, "interventions", put_off_sentence(not_done), not_done[2]))
        done = done_in_session(source.utterances)
        if done:
            lines.append(_rule_line(fmt, "interventions", done_sentence(done), [i for _, i in done]))
        for text, ids in setting_lines(source.utterances):  # by video or phone, with a remote session's checks
            lines.append(_rule_line(fmt, "interventions", text, ids))
        acts = room_acts(source.utterances)
        for text, ids in acts:  # a call made from the room, a letter read aloud
            lines.append(_rule_line(fmt, "interventions", text, ids))
        others = others_present(source.utterances)
        if others:
            lines.append(_rule_line(fmt, "interventions", others_sentence(others, names), [i for *_, i in others]))
        observed = spoken_observations(source.utterances)
        if observed:
            lines.append(_rule_line(fmt, "interventions", observations_sentence(observed), [i for _, i in observed]))
        # The Plan in the session's words: homework given, the next visit, a referral offered.
        answered_by = who_answered(source.utterances)  # a partner's "Okay." is the partner's
        offered = treatment_offered(source.utterances) if plan_said else None
        if offered:  # an assessment's recommended course of treatment
            lines.append(_rule_line(fmt, "planned", offer_sentence(offered), offered[2]))
        homework = homework_given(source.utterances) if plan_said else None
        if homework:
            lines.append(_rule_line(fmt, "planned", homework_sentence(homework, answered_by), homework_ids(homework)))
        # No line announced it: the items agreed in back-and-forth ("Could you write them down?" - "Yeah.").
        agreed = homework_agreed(source.utterances) if plan_said and not homework else []
        # proposed and agreed in other words than the rule's writers heard ("I'd like you to jot down ..." - "I suppose.")
        agreed = paraphrased_homework(source.utterances, agreed) if plan_said and not homework else agreed
        if agreed:
            lines.append(_rule_line(fmt, "planned", agreed_sentence(agreed, names), agreed_ids(agreed)))
        step = step_agreed(source.utterances, homework_ids(homework) if homework else agreed_ids(agreed)) if plan_said else None
        if step:  # a graded step set out as a statement and taken up ("For the first step, ..." - "Of course you can.")
            lines.append(_rule_line(fmt, "planned", step[0], step[1]))
        ideas = ideas_named([u for u in source.utterances if u.speaker]) if plan_said else []
        if ideas:  # what might help, asked about the time ahead: ideas, not what was agreed
            lines.append(_rule_line(fmt, "planned", ideas_sentence(ideas), _cited(ideas)))
        # counted from the session's date, never today's: a draft made again later says the same
        next_visit = next_session_line(source.utterances, chart.session_date if chart is not None else "") if plan_said else None
        if next_visit:
            lines.append(_rule_line(fmt, "planned", *next_visit))
        tasks = clinician_tasks(source.utterances)
        quoted = set(homework_ids(homework) if homework else []) | set(agreed_ids(agreed))
        quoted_texts = [part[0] for part in homework or []] + [item[0] for item in agreed]
        referrals = referrals_offered(source.utterances, quoted, [t.split(", client agreed")[0] for t, _ in tasks],
                                      quoted_texts) if plan_said else []
        if referrals:
            lines.append(_rule_line(fmt, "planned", referrals_sentence(referrals, answered_by), _cited(referrals)))
        targets = targets_agreed(source.utterances) if plan_said else None
        if targets:  # the therapy's focus, numbered and worded in the room
            lines.append(_rule_line(fmt, "planned", targets_sentence(targets[0]), targets[1]))
        # the clinician's read-back of the agreements, when no other line quotes it ("Let's pull it together. One: ...")
        recap = recap_agreed(source.utterances, sorted(quoted | set(_cited(referrals)))) if plan_said else None
        if recap:
            lines.append(_rule_line(fmt, "planned", recap_sentence(recap[0]), recap[1]))
            quoted |= set(recap[1])
        each_took = each_task(source.utterances, mentions_risk, sorted(quoted | set(_cited(referrals)))) if plan_said else []
        if each_took:  # a task put to one person by name, and their answer: whose task it is
            lines.append(_rule_line(fmt, "planned", each_task_sentence(each_took, names), _cited(each_took)))
        # a sentence the homework line already quotes ("Before next time, I'd like to suggest ...") is not said twice
        planned = [p for p in planned_work(source.utterances) if not _quoted_already(p[0], quoted_texts)]
        if planned:
            lines.append(_rule_line(fmt, "planned", planned_sentence(planned), [i for _, i in planned]))
        tasks = [t for t in tasks if not next_visit_again(t, next_visit)]
        if tasks:
            lines.append(_rule_line(fmt, "planned", tasks_sentence(tasks), _cited(tasks)))
        done_here = [i for _, ids in acts for i in ids]  # a call the Objective tells as made is not planned again
        for text, ids in safety_steps(source.utterances, sorted(quoted), done_here) if plan_said else []:
            lines.append(_rule_line(fmt, "planned", text, ids))  # a crisis service rung, getting home, crisis contacts
        triggers = trigger_answers(source.utterances)
        if triggers:
            lines.append(_rule_line(fmt, "stage", triggers_sentence(triggers), _cited(triggers)))
        formulated = triggers_formulated(source.utterances)
        if formulated:
            lines.append(_rule_line(fmt, "stage", triggers_formulated_sentence(formulated), _cited(formulated)))
        if responses:
            lines.append(_rule_line(fmt, "stage", responses_sentence(responses), _cited(responses)))
        marked = moments_marked(source.utterances, mentions_risk, " ".join(x.text for x in lines))
        if marked:  # a moment between a couple the clinician stopped on, and the answer
            lines.append(_rule_line(fmt, "stage", marked_sentence(marked), _cited(marked)))
        ratings = rating_answers(source.utterances)
        if ratings:
            lines.append(_rule_line(fmt, "stage", ratings_sentence(ratings), _cited(ratings)))
        scored = measures_said(source.utterances, chart) if plan_said else []  # a record has its own score slots
        if scored:
            lines.append(_rule_line(fmt, "measures", said_sentence(scored), _cited(scored)))
        totalled = totalled_said(source.utterances, chart) if plan_said else []
        if totalled and not any(ids[0] in _cited(scored) for *_, ids in totalled):
            lines.append(_rule_line(fmt, "measures", totalled_sentence(totalled), _cited(totalled)))
        measure, notable = notable_items(source.utterances) if plan_said else ("", [])
        if notable and measure == UNNAMED_MEASURE:  # "the questionnaire": the chart's name when its score is the total said
            measure = charted_name(source.utterances, items_read(source.utterances), chart) or measure
        if notable:  # a measure read item by item: its notable answers as item answers, never as symptoms
            lines.append(_rule_line(fmt, "measures", items_sentence(measure, notable), notable_ids(notable)))
        moved_said = said_changes(source.utterances, chart) if plan_said else []
        if moved_said:
            lines.append(_rule_line(fmt, "progress", said_changes_sentence(moved_said), _cited(moved_said)))
        changes = rating_changes(source.utterances)
        if changes:
            lines.append(_rule_line(fmt, "stage", changes_sentence(changes), _cited(changes)))
        lines.extend(_analysis_lines(fmt, source, bool(changes)))
        assessed = [x.text for x in lines if x.section == _home(fmt, "stage")]
        for kind, text, evidence in assessment_lines(source.utterances, [(x.text, x.evidence) for x in lines], mentions_risk, assessed):
            lines.append(_rule_line(fmt, kind, text, evidence))
        said_so_far = " ".join(x.text for x in lines)
        taken_up = work_taken_up(source.utterances, mentions_risk, said_so_far)
        if taken_up:  # whether the client took up the work proposed in the room
            lines.append(_rule_line(fmt, "stage", taken_up_sentence(taken_up), _cited(taken_up)))
        reacted = reactions(source.utterances, mentions_risk, said_so_far)
        if reacted:
            lines.append(_rule_line(fmt, "stage", reactions_sentence(reacted), _cited(reacted)))
        recognised = [r for r in recognitions(source.utterances, mentions_risk, said_so_far)
                      if not any(r[2][-1] in ids for _, ids in reacted)]
        if recognised:  # the client taking in what the clinician explained
            lines.append(_rule_line(fmt, "stage", recognitions_sentence(recognised), _cited(recognised)))
        maintaining = maintaining_named(source.utterances, mentions_risk, " ".join(x.text for x in lines))
        if maintaining:  # what keeps the problem going, as the clinician linked it
            lines.append(_rule_line(fmt, "stage", maintaining_sentence(maintaining), _cited(maintaining)))
        shared = formulations_shared(source.utterances, mentions_risk, " ".join(x.text for x in lines))
        if shared:  # the clinician's formulation as shared with the client, and the answer to it
            lines.append(_rule_line(fmt, "stage", formulations_sentence(shared), _cited(shared)))
        held = protective_named(source.utterances, mentions_risk, " ".join(x.text for x in lines))
        if held:  # reasons for living said inside the risk talk, for the risk formulation
            lines.append(_rule_line(fmt, "stage", protective_sentence(held), _cited(held)))
        # What the transcript marks the client doing in the room (tears, laughter, a long pause), last:
        # its lines are not "said" for the rules above, and a quote another line has is not quoted again.
        seen = seen_in_room(source.utterances, mentions_risk, [x.text for x in lines])
        if seen:
            lines.append(_rule_line(fmt, "interventions", seen_sentence(seen), seen_ids(seen)))
        states = states_said(source.utterances, mentions_risk, [x.text for x in lines])
        if states:  # the client's own word for how they were ("I'm nervous."), quoted
            lines.append(_rule_line(fmt, "interventions", states_sentence(states, pronouns), [i for _, i in states]))
        told = events_told(source.utterances, [i for x in lines for i in x.evidence], mentions_risk) if plan_said else []
        if told:  # the event the session turned to, as the client told it; a line quoted once
            lines.append(_rule_line(fmt, "quotes", events_sentence(told), _cited(told)))
        conduct = room_conduct(source.utterances, [i for x in lines for i in x.evidence], mentions_risk)
        if conduct:  # late, a coat kept on, the body now, an apology for shouting: as said in the room
            lines.append(_rule_line(fmt, "interventions", conduct_sentence(conduct), _cited(conduct)))
    if chart:
        facts["chart"] = chart.to_dict()
        goals_touched = []
        if chart.last_plan:
            lines.append(DraftSentence(_home(fmt, "last_plan"),
                                       f"Plan from the last session (per chart): {plan_told_once(chart.last_plan.text).rstrip('.')}.",
                                       [], [CHART_FACT], "rule", [chart.last_plan.ref]))
        if chart.measures:
            lines.append(DraftSentence(_home(fmt, "measures"),
                                       "Measures (per chart): " + "; ".join(m.text for m in chart.measures) + ".",
                                       [], [CHART_FACT], "rule", [m.ref for m in chart.measures]))
        if chart.diagnoses:
            lines.append(DraftSentence(_home(fmt, "diagnoses"),
                                       "Active diagnoses (per chart): "
                                       + "; ".join(d.text.split(":", 1)[-1].strip() for d in chart.diagnoses) + ".",
                                       [], [CHART_FACT], "rule", [d.ref for d in chart.diagnoses]))
            diagnosis, spoken = (symptoms_spoken([d.text for d in chart.diagnoses], source.utterances, mentions_risk)
                                 if subject == "client" else ("", []))
            if spoken:  # the diagnosis's symptom areas the client spoke of, cited to the client's lines
                lines.append(DraftSentence(_home(fmt, "diagnoses"), symptoms_sentence(diagnosis, spoken),
                                           sorted({i for _, i in spoken})[:6], [CHART_FACT], "rule", [chart.diagnoses[0].ref]))
        moved = measure_changes(chart) if subject == "client" else []
        if moved:
            lines.append(DraftSentence(_home(fmt, "progress"), measure_changes_sentence(moved), [], [CHART_FACT], "rule",
                                       [ref for *_, refs in moved for ref in refs]))
        once = scored_once(chart) if subject == "client" else []
        if once:  # a single score's range by the instrument's guide ("AUDIT 12 (increasing risk range ...)")
            lines.append(DraftSentence(_home(fmt, "progress"), scored_once_sentence(once), [], [CHART_FACT], "rule",
                                       [ref for *_, ref in once]))
        within = within_session_changes(chart) if subject == "client" else []
        if within:  # the response to the session's work (SUDS at its highest, then at the end) is Assessment
            lines.append(DraftSentence(_home(fmt, "progress"), within_session_sentence(within), [], [CHART_FACT], "rule",
                                       [ref for *_, refs in within for ref in refs]))
        for goal in chart.goals:
            touched = goal_touches(goal, source) if support is None else goal_support(goal, source, support)
            # The golden thread: a count set against an earlier one on the goal's topic, quoted with the goal.
            progress = (goal_progress(goal_terms_with_objectives(goal.text, goal_terms(goal)), terms_said,
                                      source.utterances, mentions_risk) if subject == "client" else None)
            # The step of the plan the session spoke to: the goal's objectives its lines name.
            steps = objectives_worked(goal.text, source.utterances, mentions_risk) if progress or touched else []
            step_ids = [i for _, ids in steps for i in ids[:2]]
            if progress:
                name = goal.text.split(":", 1)[-1].split(" (objectives:")[0].strip().rstrip(".")
                evidence = sorted(set(touched[:6]) | {progress[1]} | set(step_ids))
                goals_touched.append({"ref": goal.ref, "evidence": evidence})
                text = goal_progress_sentence(name, progress[0], bool(touched), subject)
                lines.append(DraftSentence(_home(fmt, "goals"), text.replace("; clinician to rate", objectives_clause(steps)
                                                                             + "; clinician to rate", 1),
                                           evidence, [CHART_FACT], "rule", [goal.ref]))
            elif touched:
                goals_touched.append({"ref": goal.ref, "evidence": touched})
                text = goal_sentence(goal, subject).replace("; clinician to rate", objectives_clause(steps) + "; clinician to rate", 1)
                lines.append(DraftSentence(_home(fmt, "goals"), text, sorted(set(touched[:6]) | set(step_ids)),
                                           [CHART_FACT], "rule", [goal.ref]))
        facts["goals_addressed"] = goals_touched
    return lines, facts
