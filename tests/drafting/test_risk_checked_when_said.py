"""Risk errors found on six new sessions nobody had read (101-106), each written here in other words:
a threat taken back in the next breath, harm words the clinician checked at once and the client denied,
a harm-to-others screen that names people, a weapon given up, a passive wish chosen from an either/or
question with a Scots "aye", and a search for "mums who hurt their children" (a kind of person, not an act).
"""

from __future__ import annotations

from session_assistant.drafting.risk import DENIED, ENDORSED, scan_transcript
from session_assistant.drafting.risk_after_screen import MEANS, MEANS_NAMED
from session_assistant.drafting.transcript_input import parse_transcript


def _items(text: str):
    return scan_transcript(parse_transcript(text))


def test_a_threat_taken_back_in_the_next_breath_is_no_abuse():
    items = _items("""Clinician: Does Sam know about the overdraft?
Client: Not the whole of it. She'll kill me. Well, not kill me. She'll go very quiet, which is worse.
Clinician: That sounds hard to carry.""")
    assert not [i for i in items if i.category == "abuse"], items


def test_harm_words_the_clinician_checks_at_once_and_the_client_denies_are_a_figure_of_speech():
    items = _items("""Clinician: How are things with the flat below?
Client: They play drums at two in the morning. I could kill them, honestly.
Clinician: That sounds exhausting. Can I check, since you said it: have you ever thought about hurting them in any way?
Client: No. God, no. I'd never. I just wear earplugs.
Clinician: Okay. Thank you.""")
    harm = [i for i in items if i.category == "harm_to_others"]
    assert harm and all(i.status == DENIED for i in harm), harm  # the screen and its no, never "endorsed"


def test_harm_words_left_unchecked_stay_endorsed():
    items = _items("""Clinician: How are things with the flat below?
Client: They play drums at two in the morning. I could kill them, honestly.
Clinician: What did you do last night?
Client: Went to my sister's.""")
    assert any(i.category == "harm_to_others" and i.status == ENDORSED for i in items), items


def test_a_harm_to_others_screen_that_names_people_first_is_a_screen():
    items = _items("""Clinician: Jordan, have you had any thoughts of actually hurting Casey, or her brother, or anyone else?
Client: No. Never. I'm angry, that's all.
Clinician: Do you have any weapons at home?
Client: No. I sold the air rifle last spring, after the break-up.""")
    harm = [i for i in items if i.category == "harm_to_others"]
    assert harm and harm[0].status == DENIED, items
    means = [i for i in items if i.category == MEANS]
    assert means and means[0].status == DENIED, items  # given up: none there now


def test_means_given_up_but_others_still_there_are_named():
    items = _items("""Clinician: Any thoughts of ending your life lately?
Client: Sometimes, at night.
Clinician: Is there anything at home you'd use?
Client: No. I threw them out in the summer. There's just the blister packs for my back.""")
    means = [i for i in items if i.category == MEANS]
    assert means and means[0].status == MEANS_NAMED, items


def test_a_passive_wish_chosen_from_an_either_or_question_is_endorsed():
    items = _items("""Clinician: When those thoughts come, do you ever wish you were dead, or that you wouldn't wake up?
Client: Not wake up. Aye. Now and then, in bed.
Clinician: How often?""")
    wish = [i for i in items if i.category == "suicidal_ideation"]
    assert wish and wish[0].status == ENDORSED and wish[0].detail == "passive", items


def test_a_kind_of_person_searched_for_is_no_abuse():
    items = _items("""Clinician: What did you do after the thought came?
Client: I went upstairs and read about mums who hurt their children until two in the morning.
Clinician: Checking you're not one of them.""")
    assert not [i for i in items if i.category == "abuse"], items
