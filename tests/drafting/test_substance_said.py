"""How much the client drinks or uses is in the Subjective, however it came up (unseen 122: "Couple of
cans when I get in. Well. Four, if I'm honest." was in no line of the note). Transcripts written here."""

from __future__ import annotations

from session_assistant.drafting.substance_said import substance_sentence, substance_told
from session_assistant.drafting.transcript_input import parse_transcript

_TALK = parse_transcript("""Clinician: And the evenings, how are they going?
Client: Honestly? A few pints after the shift. Well. Five, most days. Then a vodka at home.
Clinician: Five pints and a vodka, that's about fifteen units a night.
Client: Sounds a lot when you say it.
Clinician: Can I say one more thing about sleep?
Client: I can only manage two hours before I'm up.
Clinician: What else?
Client: Nothing really.
Clinician: For the week: no more than three pints, and none on Sunday.
Client: Three. Okay.""")


def test_the_clients_amount_and_the_clinicians_reckoning_are_quoted():
    told, reckoned = substance_told(_TALK)
    assert told == [("A few pints after the shift. Five, most days. Then a vodka at home.", 1)]
    assert reckoned == ("Five pints and a vodka, that's about fifteen units a night.", 2)
    assert substance_sentence(told, reckoned).startswith('Substance use, in the client\'s words: "A few pints')


def test_the_verb_can_an_energy_drink_and_the_plans_amounts_are_no_use():
    other = parse_transcript("Client: I can only do two hours.\nClinician: Okay.\nClient: I had two energy drinks, that's all.\n"
                             "Clinician: Right.\nClient: Fine.\nClinician: Three pints at most this week, then.")
    assert substance_told(other) == ([], None)
