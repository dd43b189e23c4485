"""assess27: a line the Assessment or the Plan got wrong, and the client's response that it missed.

- A moment marked as "worth noticing" announces a formulation only when what follows says what it shows;
  a turn to the next agenda item ("And the other thing was ...") or to next time is no formulation.
- A remark left to the client's convenience ("Bring your son if it's easier.") is no task agreed for the week.
- The client's response to a step just done in the room: "How's that?" asked right after it, and a
  rating's change said back without "from" ("Nine down to five.", "Seventy to thirty.").

Transcripts written for these tests (no evaluation session's words), no model."""

from __future__ import annotations

from session_assistant.drafting.formulation_shared import formulations_shared
from session_assistant.drafting.homework_agreed import homework_agreed
from session_assistant.drafting.risk import mentions_risk
from session_assistant.drafting.session_done import rating_changes
from session_assistant.drafting.response_said import response_answers
from session_assistant.drafting.transcript_input import parse_transcript


def _shared(text: str):
    return formulations_shared(parse_transcript(text), mentions_risk, "")


def test_a_moment_marked_then_a_turn_to_the_next_homework_item_is_no_formulation():
    found = _shared("Clinician: How was the swimming?\n"
                    "Client: I went twice. I felt a bit more human after, both times.\n"
                    "Clinician: That's worth noticing. And the other task was the letter to your landlord.\n"
                    "Client: Haven't started it.\n"
                    "Clinician: What stopped you?")
    assert found == []


def test_a_moment_marked_then_next_time_arranged_is_no_formulation():
    found = _shared("Client: I kept thinking it won't ever get better, even while we talked.\n"
                    "Clinician: That's worth pausing on too. So next time we'll begin with the breathing practice and go over that thought.\n"
                    "Client: Okay.")
    assert found == []


def test_a_moment_marked_then_what_it_shows_is_still_the_formulation():
    found = _shared("Client: She asked where I'd been, and I just went quiet for the whole evening.\n"
                    "Clinician: That's worth sitting with. The question sounds like a check on you, so you go quiet to keep the peace, "
                    "and the quiet is what she reads as hiding something.\n"
                    "Client: Yeah. That's exactly how it goes.")
    assert len(found) == 1 and found[0][0].startswith("The question sounds like a check on you")
    assert found[0][1] == [("client", "Yeah. That's exactly how it goes.")]


_WEEK_OPENING = "".join(f"Clinician: What happened on day {n}?\nClient: Not much on day {n}, just the usual.\n" for n in range(1, 11))


def test_a_remark_left_to_the_clients_convenience_is_no_agreed_task():
    session = parse_transcript(_WEEK_OPENING
                               + "Clinician: Could you write down each worry in the notebook before bed?\n"
                               "Client: Yes, I can do that.\n"
                               "Clinician: Good. Next Tuesday at ten, then? Bring your son along if it's easier.\n"
                               "Client: Tuesday at ten. Yeah. Thanks.")
    agreed = [said for said, *_ in homework_agreed(session)]
    assert any("notebook" in said for said in agreed)  # the week's task stays
    assert not any("son" in said for said in agreed)


def test_hows_that_right_after_a_step_done_in_the_room_is_the_response_to_it():
    session = parse_transcript("Clinician: Would you take the betting app off your phone now, while we sit here?\n"
                               "Client: Right. Settings. Delete. It's asking if I'm sure. Yes. Done.\n"
                               "Clinician: How's that?\n"
                               "Client: Strange. A bit empty, and a bit lighter.\n"
                               "Clinician: Let's look at Friday nights, then. How's that for a plan?\n"
                               "Client: Fine by me.")
    assert response_answers(session, mentions_risk) == [("Strange. A bit empty, and a bit lighter.", [2, 3])]


def test_a_rating_said_back_without_from_is_a_change_reflected():
    session = parse_transcript("Clinician: How bad was the dream on Monday, out of ten, next to the usual one?\n"
                               "Client: The usual one's an eight. Monday, four maybe.\n"
                               "Clinician: Eight down to four. And did you get back to sleep?\n"
                               "Client: After a while.\n"
                               "Clinician: How sure are you now that you'll freeze in the meeting?\n"
                               "Client: Before, ninety. Now more like fifty.\n"
                               "Clinician: Ninety to fifty. That's a real shift.")
    found = rating_changes(session)
    assert [(said, way) for said, way, _ in found] == [("Eight down to four.", "lower"), ("Ninety to fifty.", "lower")]
    assert found[0][2] == [1, 2]


def test_a_count_said_back_when_no_rating_was_asked_is_no_rating_change():
    session = parse_transcript("Clinician: And how many evenings did you eat out of the cupboard last week?\n"
                               "Client: Six.\n"
                               "Clinician: And this week?\n"
                               "Client: Two, I think.\n"
                               "Clinician: Six down to two. That's a change.")
    assert rating_changes(session) == []


def test_a_count_with_its_unit_said_back_is_no_rating_change():
    session = parse_transcript("Clinician: How many nights did you sleep through?\n"
                               "Client: Three, last week it was one.\n"
                               "Clinician: One to three nights. Good.")
    assert rating_changes(session) == []


def _assessment(text: str) -> list[str]:
    from session_assistant.drafting.fact_lines import fact_lines
    from session_assistant.drafting.formats import get_format
    from session_assistant.drafting.grounding import SourceIndex
    lines, _ = fact_lines(get_format("soap"), SourceIndex(parse_transcript(text)), None, "client")
    return [line.text for line in lines if line.section == "assessment"]


def test_what_got_in_the_way_of_the_task_is_the_assessments_barrier_in_the_clients_words():
    assessment = _assessment("Clinician: Last time you planned to go to the allotment twice. How did that go?\n"
                             "Client: I didn't go at all.\n"
                             "Clinician: What got in the way?\n"
                             "Client: I kept thinking the others would ask why I'd been away so long. So I stayed in.\n"
                             "Clinician: That makes sense. Let's look at it together.")
    barrier = [t for t in assessment if "the others would ask why I'd been away so long" in t]
    assert len(barrier) == 1 and barrier[0].startswith("Barriers to the work")


def test_what_got_in_the_way_inside_talk_of_self_harm_is_left_to_the_risk_lines():
    assessment = _assessment("Clinician: You said the urge to cut was strong on Friday.\n"
                             "Client: Really strong. I had the blade out.\n"
                             "Clinician: What got in the way of using the ice and the cold water?\n"
                             "Client: My sister rang. I put it back in the drawer.\n"
                             "Clinician: I'm glad she rang.")
    assert not any(t.startswith("Barriers to the work") for t in assessment)


def test_a_partners_answer_to_how_was_that_to_hear_is_the_response_for_their_side():
    session = parse_transcript("Clinician: Sam, try it once more, starting with what you feel, not what Alex does.\n"
                               "Client: I felt lonely on Friday when the phone came out at dinner. I'd like us to eat without phones.\n"
                               "Clinician: Alex, how was that to hear?\n"
                               "Partner: Much easier. I can hear that without getting my back up.\n"
                               "Clinician: Sam, how did that feel to say?\n"
                               "Client: Strange, but better.")
    found = response_answers(session, mentions_risk)
    assert found[0] == ('partner (Alex): "Much easier. I can hear that without getting my back up."', [2, 3])
    from session_assistant.drafting.response_said import responses_sentence
    assert responses_sentence(found).startswith('Response to interventions, in their own words: partner (Alex): "Much easier.')


def test_in_a_session_with_the_client_alone_only_the_clients_answer_is_taken():
    session = parse_transcript("Clinician: How was that to hear, read back to you?\n"
                               "Client: Odd. It sounds like someone else's life.")
    from session_assistant.drafting.response_said import responses_sentence
    found = response_answers(session, mentions_risk)
    assert responses_sentence(found) == 'Response to interventions, in the client\'s words: "Odd. It sounds like someone else\'s life."'


def test_how_was_that_to_hear_of_words_said_outside_the_room_is_no_response():
    session = parse_transcript("Clinician: What does your brother say about the drinking?\n"
                               "Client: He said at Christmas, you're not the same person when you've had a few.\n"
                               "Clinician: How was that to hear?\n"
                               "Client: Like a slap. But he's right.")
    assert response_answers(session, mentions_risk) == []


def test_a_parent_answering_how_the_week_went_is_no_response_to_the_room():
    session = parse_transcript("Clinician: Did the new bedtime hold this week?\n"
                               "Teen: Mostly. Not Saturday.\n"
                               "Mother: He was in bed by ten on the school nights.\n"
                               "Clinician: How did that feel, seeing that?\n"
                               "Mother: Such a relief, honestly.")
    assert response_answers(session, mentions_risk) == []


def test_a_pointer_back_alone_is_no_formulation_but_a_pointer_with_the_pattern_is():
    assert _shared("Clinician: When you breathe fast your head spins, and that feels like fainting. That's what we looked at "
                   "before. That's what we talked about in the first session.\n"
                   "Client: Right. I remember.") == []
    found = _shared("Clinician: This sounds like the thing we started to notice last time. You go quiet, and the quiet reads "
                    "to her as not caring.\n"
                    "Client: Yeah. That's it.")
    assert len(found) == 1 and "the quiet reads to her as not caring" in found[0][0]
