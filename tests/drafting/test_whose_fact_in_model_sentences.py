"""Model sentences that give a fact to the wrong person or the wrong time, read in the kept drafts of
session 30, checked on hand-written sessions (no model): a feeling only the partner or the clinician
said they felt, told as the client's; an act the client's own line gives their child, told as the
client's; a span of years the session ties to another event, moved onto this one."""

from __future__ import annotations

from session_assistant.drafting.act_owner import ACT_OF_ANOTHER, acts_of_another
from session_assistant.drafting.counted_span import WRONG_SPAN, wrong_spans
from session_assistant.drafting.feeling_owner import ANOTHER_PERSONS_FEELING, another_persons_feelings
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.therapy_checks import INVENTED_VALUE, therapy_checked
from session_assistant.drafting.transcript_input import parse_transcript

COUPLE = SourceIndex(parse_transcript("""Clinician: Priya, Dev, where would you like to start this week?
Client: The school run. He forgot it again on Tuesday and I did the whole thing on my own. I felt invisible, honestly.
Partner: I felt guilty the whole afternoon. I kept thinking I'd let everyone down again.
Clinician: Dev, you felt guilty. Priya, what was it like for you, doing it alone?
Client: Tiring. And lonely, a bit. Like I'm the only adult in the house."""))

CLINIC = SourceIndex(parse_transcript("""Clinician: You've missed the last three blood tests, Sam. Honestly, that frightens me a little.
Client: I just hate the needle bit. I keep putting it off until the week's gone.
Clinician: What happens when the letter comes?
Client: I put it in the drawer. Then I feel bad about it."""))


def _withheld(text: str, source: SourceIndex) -> bool:
    return any(f.startswith(INVENTED_VALUE) for f in therapy_checked(text, source, [], None)[1])


def test_a_feeling_only_another_person_said_they_felt_is_not_the_clients():
    assert another_persons_feelings("The client reported feeling guilty about the school run.", COUPLE) == ["guilty"]
    assert _withheld("The client reported feeling guilty about the school run.", COUPLE)
    # the clinician's own fear ("that frightens me") is not the client's
    assert another_persons_feelings("He reported feeling frightened about the blood tests.", CLINIC, "he/him") == ["frightened"]
    assert another_persons_feelings("He reported feeling frightened about the blood tests.", CLINIC, "she/her") == []
    assert f"{ANOTHER_PERSONS_FEELING}:frightened" in therapy_checked(
        "The client reported feeling frightened about the blood tests.", CLINIC, [], None)[1]


def test_the_clients_own_feelings_and_the_partners_told_as_theirs_stay():
    assert not _withheld("The client reported feeling invisible and lonely after doing the school run alone.", COUPLE)
    assert another_persons_feelings("The client's partner reported feeling guilty about the school run.", COUPLE) == []
    assert another_persons_feelings("The partner reported feeling guilty about the school run.", COUPLE) == []
    # said in other words of the same family: "scared" stands for a client who said "afraid"
    afraid = SourceIndex(parse_transcript("""Clinician: What came up at the dentist?
Client: I was afraid the whole time. My mum was frightened for me too, she said so after."""))
    assert another_persons_feelings("The client reported feeling frightened at the dentist.", afraid) == []


DAD = SourceIndex(parse_transcript("""Clinician: How are you doing, Tom?
Client: Wiped out. She's decided that four in the morning is the best time to play.
Clinician: That's hard going. Let's look at the thought record.
Client: I filled it in twice. I decided to do it on the bus."""))


def test_an_act_the_clients_line_gives_someone_else_is_not_the_clients():
    sentence = "The client was wiped out and had decided to play at four in the morning."
    assert acts_of_another(sentence, DAD) == ["decided"]
    assert f"{ACT_OF_ANOTHER}:decided" in therapy_checked(sentence, DAD, [], None)[1]
    # the client's own "I decided", for another event, stays his
    assert acts_of_another("The client decided to fill in the thought record on the bus.", DAD) == []
    assert acts_of_another("He had decided to do the thought record on the bus.", DAD, "he/him") == []
    assert acts_of_another("His daughter had decided to play at four in the morning.", DAD) == []


DOGS = SourceIndex(parse_transcript("""Clinician: When did the fear of dogs start?
Client: I was bitten at seven. So it's thirty years of crossing the road whenever I see a dog.
Clinician: And the move to the farm?
Client: We've been trying to get a puppy for the kids for three years. I keep saying not yet."""))


def test_a_span_of_years_the_session_ties_to_another_event_is_withheld():
    assert wrong_spans("The client has been afraid of dogs for 3 years.", DOGS) == ["3 year"]
    assert f"{WRONG_SPAN}:3 year" in therapy_checked("The client has been afraid of dogs for three years.", DOGS, [], None)[1]
    # the span said with this event, or with no event the session ties a number to, stays
    assert wrong_spans("The client has been afraid of dogs for thirty years.", DOGS) == []
    assert wrong_spans("The family have been trying to get a puppy for 3 years.", DOGS) == []
    assert wrong_spans("The client has lived on the farm for 6 years.", DOGS) == []


def test_the_clients_quote_is_not_another_persons_view_they_report():
    from session_assistant.drafting.session_said import client_quotes
    lines = parse_transcript("""Clinician: How did the appointment with the consultant go?
Client: He reckons the new dose is too high and he's worried about my kidneys. Fair enough.
Clinician: And how was that for you?
Client: Honestly I felt so ashamed sitting there. Like a naughty kid.""")
    quotes = [text for text, _ in client_quotes(lines)]
    assert quotes == ["Honestly I felt so ashamed sitting there."]



def test_work_done_does_not_name_again_the_approach_the_interventions_line_names():
    from session_assistant.drafting.room_work import _without_named
    named = ["cognitive restructuring (CBT)", "exposure", "psychoeducation"]
    assert _without_named("cognitive restructuring (beliefs rated when asked: 70%, 35%)", named) == \
        "beliefs rated when asked: 70%, 35%"
    # work the interventions line does not name keeps its name
    assert _without_named("cognitive restructuring (beliefs rated when asked: 70%, 35%)", ["exposure"]) == \
        "cognitive restructuring (beliefs rated when asked: 70%, 35%)"
    assert _without_named("imaginal exposure of the crash, distress 80 then 40", named) == \
        "imaginal exposure of the crash, distress 80 then 40"
    assert _without_named("psychoeducation (on the panic cycle)", named) == "psychoeducation (on the panic cycle)"


def test_a_feeling_word_that_names_a_tool_of_the_work_is_nobodys_feeling():
    from session_assistant.drafting.feeling_owner import another_persons_feelings
    from session_assistant.drafting.grounding import SourceIndex
    from session_assistant.drafting.transcript_input import parse_transcript

    source = SourceIndex(parse_transcript("Clinician: Shall we go through the worry diary we set up?\n"
                                          "Client: I did five days of it. Tuesday was the worst.\n"))
    assert another_persons_feelings("The client kept the worry diary on five days.", source) == []


def test_a_feeling_the_client_answers_a_question_about_is_the_clients():
    from session_assistant.drafting.feeling_owner import another_persons_feelings
    from session_assistant.drafting.grounding import SourceIndex
    from session_assistant.drafting.transcript_input import parse_transcript

    source = SourceIndex(parse_transcript(
        "Clinician: Dad, Mum, you both filled in the forms. Both tell me worries are high at night.\n"
        "Father: That's about right.\n"
        "Clinician: Leo, when the light goes off, what's the worry? What does it say?\n"
        "Client: That a burglar will come in. Like at Gran's.\n"))
    assert another_persons_feelings("The client reported feeling worried at night about burglars.", source) == []
