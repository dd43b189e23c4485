"""Shared copies: AES-256 (/V 5 /R 6), opened only by the generated passphrase, still signed."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from session_assistant.documents.identity import create_identity
from session_assistant.documents.render import render_pdf
from session_assistant.documents.share import _words, new_passphrase, share_copy
from session_assistant.documents.verify import verify_bytes
from session_assistant.errors import WrongPassphrase

from doc_samples import progress_note


@pytest.fixture(scope="module")
def shared():
    return share_copy(render_pdf(progress_note()), create_identity("Σοφία Papadopoulou-Müller", "Harbourview"))


def test_passphrase_has_at_least_five_random_words_from_a_large_list():
    vocabulary = set(_words())
    assert len(vocabulary) == 7776
    phrases = {new_passphrase() for _ in range(50)}
    assert len(phrases) == 50
    for phrase in phrases:
        words = phrase.split(" ")
        assert len(words) >= 5 and all(word in vocabulary for word in words)
    with pytest.raises(ValueError):
        new_passphrase(4)


def test_shared_copy_is_aes256_r6_and_opens_only_with_the_passphrase(shared):
    reader = PdfReader(io.BytesIO(shared.data))
    assert reader.is_encrypted
    encrypt = reader.trailer["/Encrypt"].get_object()
    assert encrypt["/V"] == 5 and encrypt["/R"] == 6
    assert encrypt["/CF"]["/StdCF"]["/CFM"] == "/AESV3"
    assert not reader.decrypt("wrong words entirely here now")
    assert reader.decrypt(shared.passphrase)
    assert "Zoë Łukasiewicz" in reader.pages[0].extract_text()
    # Nothing readable without the passphrase: the client's name is not in the raw bytes.
    assert "Łukasiewicz".encode("utf-16-be") not in shared.data and b"Subjective" not in shared.data


def test_shared_copy_still_verifies_and_rejects_tampering(shared):
    result = verify_bytes(shared.data, password=shared.passphrase)
    assert result.ok, result.reason
    with pytest.raises(WrongPassphrase):
        verify_bytes(shared.data, password="not the passphrase")
    tampered = bytearray(shared.data)
    tampered[len(tampered) // 3] ^= 0x01
    assert not verify_bytes(bytes(tampered), password=shared.passphrase).ok


def test_passphrase_never_appears_in_repr(shared):
    assert shared.passphrase not in repr(shared)


def test_share_refuses_an_already_signed_pdf(shared):
    with pytest.raises(ValueError):
        share_copy(shared.data, create_identity("X"))
