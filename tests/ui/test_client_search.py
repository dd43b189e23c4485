"""Finding a client: the list reads "Okafor, Jonah", and typing "Jonah Okafor" (as a referral names him)
or his date of birth (how two clients of one name are told apart) found nobody, under an empty list
that said nothing. Pure: no window."""

from __future__ import annotations

from session_assistant.ui.chart.client_search import client_label, client_matches

TEO = {"first_name": "Teodor", "last_name": "Marsh-Quigley", "preferred_name": "Teddy", "date_of_birth": "1984-07-23",
       "status": "active"}
ANNA = {"first_name": "Anna", "last_name": "Marsh", "preferred_name": None, "date_of_birth": "1990-02-01",
        "status": "discharged"}


def test_a_name_in_either_order_with_or_without_the_comma():
    for typed in ("Teodor Marsh-Quigley", "marsh-quigley, teodor", "teo marsh", "  TEODOR  ", "Teddy"):
        assert client_matches(TEO, typed), typed
    assert not client_matches(TEO, "Anna Marsh") and client_matches(ANNA, "Anna Marsh")


def test_a_date_of_birth_as_typed_on_a_form_finds_the_client():
    for typed in ("1984", "1984-07-23", "23/07/1984", "23 July 1984"):
        assert client_matches(TEO, typed), typed
    assert not client_matches(ANNA, "23/07/1984")


def test_a_client_who_is_not_active_says_so_in_the_list_and_is_found_by_it():
    assert client_label(TEO) == "Marsh-Quigley, Teodor"
    assert client_label(ANNA) == "Marsh, Anna · discharged"
    assert client_matches(ANNA, "discharged") and not client_matches(TEO, "discharged")
