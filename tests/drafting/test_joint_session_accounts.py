"""A joint session (a couple, a parent with a teenager): each person's account, last time's task and
answers stay apart and attributed by role, and by name where the clinician addresses them by it. A
partner's words are never given as the client's. Hand-written sessions (no model: the rule lines only)."""

from __future__ import annotations

from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.joint_session import each_review, is_joint, names_by_role, who_answered
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.transcript_input import parse_transcript

COUPLE = parse_transcript("""Clinician: Welcome back, both of you. Last time you each said you'd keep a note of one moment you felt unheard. How did that go?
Client: I kept mine. Three moments, all at dinner. I brought the notebook.
Clinician: Thank you. Dev?
Partner: I didn't manage it. I opened the app twice and closed it again.
Clinician: That's alright, Dev. What got in the way?
Partner: I didn't want to look at it, if I'm honest.
Clinician: Amira, when he goes quiet like that, what happens for you?
Client: I end up doing all the talking. Then I resent it.
Clinician: Dev, you've said very little about your dad. Could you say something about that to Amira, rather than to me?
Partner: (turns to Client) I'm scared he won't know me by Christmas. I sit in the car outside the care home for ages before I go in.
Client: (quietly) I didn't know that.
Clinician: Amira, what's it like to hear that?
Client: Relieved, honestly. I thought he'd shut me out.
Clinician: That's an important moment for you both. For the next two weeks, I'd like you each to name one thing the other did that helped, out loud, before bed.
Partner: Okay. I'll try that.
Clinician: Would you be open to a carers' group, Dev? There's one at the library on Thursdays.
Partner: Yes, I'd go to that.
Clinician: And the journal, Dev. You don't have to fill a page. Two lines on the bus would do. Could you manage that?
Partner: Two lines. On the way home, maybe.
Clinician: Let's meet again on the ninth at five.
Client: Fine by me.""")


def _note(session):
    draft = assemble(get_format("soap", "client"), {}, SourceIndex(session), [], model="m", mode="direct",
                     warnings=[], subject="client")
    return [s for s in draft.sentences if s.origin == "rule"]


def test_each_person_is_named_as_the_clinician_addresses_them():
    assert is_joint(COUPLE) and names_by_role(COUPLE) == {"client": "Amira", "partner": "Dev"}
    assert "Joint session, also present: partner (Dev)." in [s.text for s in _note(COUPLE)]


def test_last_times_task_is_reviewed_person_by_person():
    review = next(s for s in _note(COUPLE) if s.text.startswith("Homework from last time"))
    assert 'client (Amira): "I kept mine.' in review.text
    assert 'partner (Dev): "I didn\'t manage it.' in review.text and review.section == "subjective"


def test_the_partners_disclosure_is_quoted_as_the_partners():
    partner = next(s for s in _note(COUPLE) if s.text.startswith("In the partner's (Dev's) words"))
    assert "I'm scared he won't know me by Christmas." in partner.text and partner.evidence == [9]
    assert not any("scared he won't know me" in s.text for s in _note(COUPLE) if s.text.startswith("In the client's"))


def test_an_answer_is_labelled_with_whoever_gave_it():
    plan = [s.text for s in _note(COUPLE) if s.section == "plan"]
    homework = next(t for t in plan if t.startswith("Homework given"))
    referral = next(t for t in plan if t.startswith("Referral offered"))
    assert '(partner (Dev): "Okay. I\'ll try that.")' in homework and "(client:" not in homework
    assert '(partner (Dev): "Yes, I\'d go to that.")' in referral


def test_one_client_alone_keeps_the_plain_labels():
    alone = parse_transcript("""Clinician: Last time you said you'd try the walk. How did that go?
Client: I did it twice. Tuesday and Friday.
Clinician: Good. For the next two weeks, I'd like you to walk three mornings, before work.
Client: Okay. Three mornings.""")
    assert not is_joint(alone) and who_answered(alone)(3) == "client"
    texts = [s.text for s in _note(alone)]
    assert any(t.startswith("Homework from last time, in the client's words") for t in texts)
    assert any('(client: "Okay. Three mornings.")' in t for t in texts)


def test_an_interpreter_is_no_second_person():
    interpreted = parse_transcript("""Clinician: How has the week been?
Interpreter: She says the week was hard, she did not sleep.
Client: (nods)
Clinician: Last time you said you'd try the breathing. How did that go?
Interpreter: She says she tried it two nights.""")
    assert not is_joint(interpreted) and names_by_role(interpreted) == {}


def test_a_task_put_to_one_person_by_name_is_theirs():
    task = next(s for s in _note(COUPLE) if s.text.startswith("Each person's task"))
    assert task.section == "plan" and 'partner (Dev): "Two lines. On the way home, maybe."' in task.text
    assert "Two lines on the bus would do." in task.text and "client (Amira)" not in task.text
    assert "carers' group" not in task.text  # the referral line has it


def test_a_partners_words_told_as_the_clients_are_given_back_or_withheld():
    told = "The client sits in the car outside the care home for ages before going in."
    with_pronoun = "The client is scared his father will not know him by Christmas, sitting in the car at the care home."
    own = "The client kept a note of three moments, all at dinner, and brought the notebook."
    draft = assemble(get_format("soap", "client"), {"subjective": [{"text": told, "evidence": [9]},
                                                                   {"text": with_pronoun, "evidence": [9]},
                                                                   {"text": own, "evidence": [1]}]},
                     SourceIndex(COUPLE), [], model="m", mode="direct", warnings=[], subject="client")
    subjective = draft.sections["subjective"]
    assert "The partner (Dev) sits in the car outside the care home for ages before going in." in subjective
    assert told not in subjective and own in subjective
    assert any("will not know him by Christmas" in s.text and "another_persons_words:partner" in s.flags
               for s in draft.withheld)
    assert not any("Christmas" in s.text for s in draft.sentences if s.origin == "model")


def test_a_task_asked_of_a_teenager_is_hers_and_her_mothers_is_her_mothers():
    family = parse_transcript("""Clinician: Hi Jess, hi Carol. How was the week?
Client: Okay. I went in on Monday, and Carol, I mean Mum, drove me.
Mother: She did well. Thursday was harder.
Clinician: What happened on Thursday?
Client: A supply teacher. I hate supply teachers.
Clinician: Let's plan the fortnight. Jess, what would you like to practise between now and next time?
Client: Getting the bus one stop with Priya. Twice, maybe.
Clinician: Carol, could you hold back on asking about it at tea, just for these two weeks?
Mother: I can try that. It'll be hard, but yes.
Clinician: Let's meet again on the fourth, same time. Jess, could you bring the diary?
Client: Yeah.""")
    task = next(s for s in _note(family) if s.text.startswith("Each person's task"))
    assert 'client (Jess): "Getting the bus one stop with Priya. Twice, maybe."' in task.text
    assert 'mother (Carol): "I can try that.' in task.text and "bring the diary" not in task.text


def test_a_client_sentence_carrying_both_peoples_tasks_is_withheld():
    merged = "The client will write two lines on the way home and keep the notebook of moments at dinner."
    draft = assemble(get_format("soap", "client"), {"plan": [{"text": merged, "evidence": [16, 17]}]},
                     SourceIndex(COUPLE), [], model="m", mode="direct", warnings=[], subject="client")
    assert merged not in draft.sections["plan"]
    assert any(s.text == merged and "merges_people:partner" in s.flags for s in draft.withheld)


def test_each_persons_account_asked_by_name_stands_side_by_side():
    account = next(s for s in _note(COUPLE) if s.text.startswith("Each person's account, asked by name"))
    assert 'partner (Dev): "I didn\'t want to look at it, if I\'m honest."' in account.text
    assert account.text.index("client (Amira)") < account.text.index("partner (Dev)")


def test_a_sentence_about_both_is_left_as_written():
    both = "The client will name one thing that helped, together with the partner, before bed."
    draft = assemble(get_format("soap", "client"), {"plan": [{"text": both, "evidence": [13, 14]}]},
                     SourceIndex(COUPLE), [], model="m", mode="direct", warnings=[], subject="client")
    assert not any(f.startswith(("merges_people", "another_persons_words", "subject_corrected"))
                   for s in draft.sentences + draft.withheld + draft.dropped for f in s.flags)


def test_items_agreed_in_back_and_forth_say_whose_they_are():
    from session_assistant.drafting.homework_agreed import agreed_sentence
    found = [("Walk after tea.", "client", None, None, [3]), ("Ring the garage.", "partner", "Fine.", "client", [5, 6])]
    said = agreed_sentence(found, {"client": "Amira", "partner": "Dev"})
    assert 'client (Amira): "Walk after tea."' in said and 'partner (Dev): "Ring the garage." (client (Amira): "Fine.")' in said
    assert "(" not in agreed_sentence(found).split("Ring")[0]  # no names known: the roles alone, as before


def test_asked_of_the_two_parents_a_teenagers_aside_is_no_review():
    family = parse_transcript("""Clinician: Come in, all three of you. Last time the two of you agreed to sit with Leo at every meal. How did that go?
Mother: Most meals. Five days out of seven, I think.
Father: I missed Tuesday, I was on a late.
Teen: Because you both stare at me the whole time.
Clinician: Leo, that sounds uncomfortable. We'll come back to that.""")
    review = each_review(family)
    assert [role for role, *_ in review[1]] == ["mother", "father"]
