"""A rule line quotes the client's line that says what the line claims: a questionnaire's "how much
did it get in the way?" is answered with a rating, not a trigger; a thought the clinician takes up
to weigh its evidence is cognitive work, not a question about risk; a bag packed to leave with
someone, with tablets among its contents, puts no means away; a transcribed silence is no answer, the
words after "take your time" are. The transcripts are written here."""

from __future__ import annotations

from session_assistant.drafting import get_format, parse_transcript
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.record_render import render_note
from session_assistant.drafting.risk import UNCLEAR, scan_transcript
from session_assistant.drafting.session_record import SessionRecord
from session_assistant.drafting.triggers_said import trigger_answers


def _note_lines(utterances) -> list[str]:
    record = SessionRecord(windows=[[u.id for u in utterances]])
    draft = render_note(get_format("soap", "client"), record, SourceIndex(utterances), scan_transcript(utterances), model="m")
    return [s.text for s in draft.sentences]


def _note_text(utterances) -> str:
    return " ".join(_note_lines(utterances))


def test_how_much_it_got_in_the_way_asks_for_a_rating_not_a_trigger():
    session = parse_transcript("Clinician: How much has the worry got in the way of your work this fortnight?\n"
                               "Client: Two. I'm coping, just about.\n"
                               "Clinician: And the questionnaire on how much the feelings get in the way? Shall we?\n"
                               "Client: The long one. Fine.\n"
                               "Clinician: What might get in the way of phoning your aunt?\n"
                               "Client: If my brother is there when I call.")
    assert trigger_answers(session) == [("If my brother is there when I call.", [4, 5])]


def test_a_thought_weighed_for_its_evidence_is_not_asked_as_risk():
    session = parse_transcript(
        "Clinician: Have you had thoughts of ending your life?\n"                                    # 0
        "Client: No. But I do think my family would be better off without me.\n"                    # 1
        "Clinician: Can we look at that thought, that they'd be better off without you? What supports it?\n"  # 2
        "Client: I cost them money. The car broke and I couldn't pay.\n"                            # 3
        "Clinician: How strongly do you believe they'd be better off without you, nought to a hundred?\n"  # 4
        "Client: Seventy, on a bad night.")                                                          # 5
    screened_answers = {i.segment_id for i in scan_transcript(session) if i.status == UNCLEAR}
    assert not screened_answers & {3, 5}
    risk_lines = " ".join(line for line in _note_lines(session) if "suicid" in line or line.startswith("Risk"))
    assert "I cost them money" not in risk_lines and "Seventy" not in risk_lines and "asked about, client answered" not in risk_lines
    assert "better off without me" in risk_lines  # the disclosure itself is still documented


def test_tablets_packed_in_a_bag_left_with_someone_are_not_means_put_away():
    session = parse_transcript(
        "Clinician: Any thoughts of suicide, or of hurting yourself?\n"
        "Client: No, nothing like that.\n"
        "Clinician: Could you keep a bag at your cousin's? Your charger, some cash, bank cards, any medication?\n"
        "Client: I could take it all round on Sunday when I visit.\n"
        "Clinician: And the pills in the bathroom cabinet, could you hand them to your cousin to look after?\n"
        "Client: Yes, I'll give them to her at the weekend.")
    text = _note_text(session)
    assert "take it all round" not in text and "medication to be put away" not in text
    assert 'pills to be put away ("Yes, I\'ll give them to her at the weekend.")' in text  # a step with the means themselves is kept


def test_a_silence_is_not_the_answer_the_words_after_it_are():
    session = parse_transcript("Clinician: Has your partner ever hurt you physically?\n"
                               "Client: (long pause)\n"
                               "Clinician: There's no rush.\n"
                               "Client: Last month he pushed me down the stairs.\n")
    screening = [i for i in scan_transcript(session) if len(i.evidence) > 1]
    assert [(i.evidence, i.status) for i in screening] == [([0, 3], "endorsed")]
    assert "(long pause)" not in _note_text(session)


def test_weapons_asked_after_harming_others_are_no_suicide_means_and_a_frequency_choice_asks_the_last_sentence():
    from short_sessions import approaches

    others_first = parse_transcript("Clinician: Any thoughts of hurting anyone else, when it boils over?\nClient: No.\n"
                                    "Clinician: Do you keep any guns at home?\nClient: No, none.\n"
                                    "Clinician: Now about yourself. Thoughts of ending your life. Would you say none, sometimes, or often?\n"
                                    "Client: Never, honestly.")
    assert "suicide risk assessment" not in approaches(others_first)
    items = [(i.evidence, i.category) for i in scan_transcript(others_first) if len(i.evidence) > 1]
    assert ([4, 5], "suicidal_ideation") in items
    suicide_first = parse_transcript("Clinician: Have you had thoughts of ending your life?\nClient: Sometimes.\n"
                                     "Clinician: Do you keep any guns at home?\nClient: No, none.")
    assert "suicide risk assessment" in approaches(suicide_first)


def test_a_threat_to_kill_asked_and_denied_is_not_abuse_denied_beside_violence_told():
    session = parse_transcript("Clinician: Has she ever hurt you?\nClient: Yes. She slapped me last week.\n"
                               "Clinician: Has she ever threatened to kill you?\nClient: No. Not that.")
    risk = next(line for line in _note_lines(session) if line.startswith("Risk"))
    assert "threats to kill" in risk and "abuse" not in risk
